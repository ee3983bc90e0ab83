"""Copying the database and media while the site works, and the commands' help."""

import sqlite3
from contextlib import closing

import pytest

from newsdesk.backups import database as database_module
from newsdesk.backups import files
from newsdesk.backups.management.commands import backup, restore

pytestmark = pytest.mark.engine


def test_a_media_file_deleted_during_the_copy_is_left_out_and_the_rest_copied(
    tmp_path, monkeypatch
):
    media = tmp_path / "media"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "kept.png").write_bytes(b"picture kept")
    (media / "original_images" / "deleted.png").write_bytes(b"picture deleted by an editor")
    listed = files.media_files

    def list_then_editor_deletes(root):
        names = listed(root)
        (media / "original_images" / "deleted.png").unlink()
        return names

    monkeypatch.setattr(files, "media_files", list_then_editor_deletes)

    records = files.copy_media(media, tmp_path / "copy", prefix="media/")

    assert [record["path"] for record in records] == ["media/original_images/kept.png"]
    assert (tmp_path / "copy" / "original_images" / "kept.png").read_bytes() == b"picture kept"
    assert not (tmp_path / "copy" / "original_images" / "deleted.png").exists()


@pytest.mark.parametrize(
    ("command", "example"),
    [
        (backup.Command, "  newsdesk backup /srv/backups/newsdesk-$(date +%F-%H%M)\n"),
        (restore.Command, "  NEWSDESK_DATA_DIR=/srv/newsdesk-new newsdesk restore /srv/backups/"),
    ],
)
def test_help_explains_the_command_with_an_example_on_its_own_line(command, example):
    help_text = (
        command().create_parser("newsdesk", command.__module__.rsplit(".", 1)[1]).format_help()
    )

    assert example in help_text
    assert "DIR" in help_text


class WriterBetweenSteps:
    """Stands in for the progress bar: after every copy step, a reader's comment is stored.

    Its connection gives up after a second, so a copy that blocked writers fails.
    """

    def __init__(self, path):
        self.path = path
        self.total = None
        self.n = 0
        self.writes = 0

    def __enter__(self):
        self.database = sqlite3.connect(self.path, timeout=1, isolation_level=None)
        return self

    def __exit__(self, *exception):
        self.database.close()

    def update(self, pages):
        self.n += pages
        # 2,000 comments fill about 10 steps of 50 pages; many more means the copy started over.
        assert self.writes < 100, "the copy keeps starting over as comments are written"
        self.database.execute("INSERT INTO comment (body) VALUES ('Sent during the copy.')")
        self.writes += 1


def test_database_copy_is_one_snapshot_while_writers_carry_on(tmp_path, monkeypatch):
    live = tmp_path / "newsdesk.sqlite3"
    with closing(sqlite3.connect(live, isolation_level=None)) as database:
        database.execute("PRAGMA journal_mode=WAL")
        database.execute("CREATE TABLE comment (id INTEGER PRIMARY KEY, body TEXT)")
        database.execute("BEGIN")
        database.executemany(
            "INSERT INTO comment (body) VALUES (?)", [("Posted before the copy. " * 40,)] * 2000
        )
        database.execute("COMMIT")
    writer = WriterBetweenSteps(live)
    monkeypatch.setattr(database_module, "PAGES_PER_STEP", 50)
    monkeypatch.setattr(database_module, "progress_bar", lambda *arguments: writer)

    database_module.copy_sqlite(live, tmp_path / "copy.sqlite3", "Copying")

    assert writer.writes >= 5
    with closing(sqlite3.connect(tmp_path / "copy.sqlite3")) as copy:
        assert copy.execute("SELECT count(*) FROM comment").fetchone() == (2000,)
    with closing(sqlite3.connect(live)) as database:
        assert database.execute("SELECT count(*) FROM comment").fetchone() == (
            2000 + writer.writes,
        )
