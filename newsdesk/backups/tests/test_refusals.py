"""Backup and restore refuse, in one clear line and before writing anything, when they should."""

import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newsdesk.backups import backup as backup_module
from newsdesk.comments.models import Comment
from newsdesk.news.tests.builders import make_article

from .readers import on_postgresql

pytestmark = pytest.mark.engine


def copy_of_backup(round_trip, tmp_path):
    assert round_trip.backup.returncode == 0, round_trip.backup.stderr
    return shutil.copytree(round_trip.backup_folder, tmp_path / "copy")


def flip_a_byte(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def database_file(folder):
    return json.loads((folder / "manifest.json").read_text())["database"]["file"]


@pytest.mark.parametrize("part", ["database", "picture"])
def test_restore_refuses_a_backup_with_a_changed_byte_and_names_the_file(
    round_trip, tmp_path, settings, part
):
    backup = copy_of_backup(round_trip, tmp_path)
    damaged = {
        "database": database_file(backup),
        "picture": f"media/{round_trip.story['picture']}",
    }[part]
    flip_a_byte(backup / damaged)

    with pytest.raises(CommandError, match=f"^{damaged} is damaged") as refusal:
        call_command("restore", backup)

    assert "\n" not in str(refusal.value)
    assert not settings.MEDIA_ROOT.exists()


def test_restore_refuses_a_backup_with_a_missing_file_and_names_it(round_trip, tmp_path, settings):
    backup = copy_of_backup(round_trip, tmp_path)
    (backup / "secret_key").unlink()

    with pytest.raises(CommandError, match="^secret_key is missing from the backup"):
        call_command("restore", backup)

    assert not settings.MEDIA_ROOT.exists()


def test_restore_refuses_a_backup_made_on_the_other_database_engine(round_trip, tmp_path):
    backup = copy_of_backup(round_trip, tmp_path)
    manifest = json.loads((backup / "manifest.json").read_text())
    other = "sqlite" if on_postgresql() else "postgresql"
    manifest["database"]["engine"] = other
    (backup / "manifest.json").write_text(json.dumps(manifest))

    expected = {
        "sqlite": "holds a SQLite database but this site is set up for PostgreSQL",
        "postgresql": "holds a PostgreSQL database but this site is set up for SQLite",
    }[other]
    with pytest.raises(CommandError, match=expected):
        call_command("restore", backup)


def test_restore_refuses_a_backup_made_by_a_newer_newsdesk(round_trip, tmp_path, settings):
    backup = copy_of_backup(round_trip, tmp_path)
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["migrations"]["comments"] = "0999_replies_in_colour"
    (backup / "manifest.json").write_text(json.dumps(manifest))

    with pytest.raises(
        CommandError,
        match="made by a newer Newsdesk .*migration comments.0999_replies_in_colour is unknown",
    ):
        call_command("restore", backup)

    assert not settings.MEDIA_ROOT.exists()


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="manifest.json is missing: .* is not a Newsdesk backup"):
        call_command("restore", tmp_path)


def what_the_site_holds(media):
    """What a refused restore must leave alone: the comments and every media file's bytes."""
    comments = list(Comment.objects.order_by("pk").values_list("pk", "body"))
    return comments, {path: path.read_bytes() for path in media.rglob("*") if path.is_file()}


@pytest.mark.django_db
def test_restore_refuses_a_site_whose_database_has_tables_and_changes_nothing(round_trip, settings):
    Comment.objects.create(article=make_article(), name="Ola", email="ola@example.com", body="Hi.")
    before = what_the_site_holds(settings.MEDIA_ROOT)

    with pytest.raises(CommandError) as refusal:
        call_command("restore", round_trip.backup_folder)

    message = str(refusal.value)
    assert "already has tables and restore only fills an empty" in message
    assert message.endswith("run restore again.")
    assert "\n" not in message
    assert what_the_site_holds(settings.MEDIA_ROOT) == before


@pytest.mark.django_db
def test_restore_refuses_a_media_folder_with_files_left_in_it(round_trip, settings):
    left_behind = settings.MEDIA_ROOT / "original_images" / "left-behind.png"
    left_behind.parent.mkdir(parents=True)
    left_behind.write_bytes(b"an old picture")

    with pytest.raises(CommandError, match="already holds files .* move them aside"):
        call_command("restore", round_trip.backup_folder)

    assert [path.name for path in settings.MEDIA_ROOT.rglob("*")] == [
        "original_images",
        "left-behind.png",
    ]


def test_backup_refuses_a_folder_that_is_not_empty(tmp_path):
    earlier = tmp_path / "backups" / "nightly"
    earlier.mkdir(parents=True)
    (earlier / "manifest.json").write_text("{}")

    with pytest.raises(CommandError, match="already exists and is not empty"):
        call_command("backup", earlier)

    assert (earlier / "manifest.json").read_text() == "{}"
    assert [path.name for path in (tmp_path / "backups").iterdir()] == ["nightly"]


@pytest.mark.django_db
def test_a_backup_that_fails_half_way_leaves_no_folder_behind(tmp_path, monkeypatch):
    def disk_full(*arguments, **options):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_module, "copy_media", disk_full)

    # On SQLite the suite's database is in memory, which stops the backup even sooner.
    with pytest.raises(CommandError, match="No space left on device|database is in memory"):
        call_command("backup", tmp_path / "backups" / "nightly")

    assert list((tmp_path / "backups").iterdir()) == []


@pytest.mark.skipif(not on_postgresql(), reason="pg_dump backs up PostgreSQL only")
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("pg_dump", "message"),
    [
        (None, "^pg_dump is not installed or not on PATH: install the PostgreSQL client tools"),
        (
            "#!/bin/sh\necho 'pg_dump: error: server version mismatch' >&2\nexit 1\n",
            "^pg_dump failed: pg_dump: error: server version mismatch$",
        ),
    ],
)
def test_backup_says_in_one_line_when_pg_dump_is_missing_or_fails(
    tmp_path, monkeypatch, pg_dump, message
):
    tools = tmp_path / "bin"
    tools.mkdir()
    if pg_dump:
        (tools / "pg_dump").write_text(pg_dump)
        (tools / "pg_dump").chmod(0o755)
    monkeypatch.setenv("PATH", str(tools))

    with pytest.raises(CommandError, match=message):
        call_command("backup", tmp_path / "backup")

    assert sorted(path.name for path in tmp_path.iterdir()) == ["bin"]
