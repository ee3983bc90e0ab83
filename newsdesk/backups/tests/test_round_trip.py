"""A backup made while readers comment restores into an empty site with nothing lost."""

import hashlib
import importlib.metadata
import json
import sqlite3
import stat
from contextlib import closing

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from .readers import Browser, comments_on_page, on_postgresql

pytestmark = pytest.mark.engine


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest_of(round_trip):
    return json.loads((round_trip.backup_folder / "manifest.json").read_text())


def test_restore_brings_back_every_comment_confirmed_before_the_backup_began(
    round_trip, restored_site
):
    commenters = round_trip.commenters
    assert commenters.failures == []
    confirmed_before = commenters.confirmed_before(round_trip.backup_started)
    confirmed_during = commenters.confirmed_before(round_trip.backup_finished) - confirmed_before
    assert len(confirmed_before) >= 10
    assert confirmed_during, "readers' comments must keep going through while the backup runs"

    status, page = Browser(restored_site).get(round_trip.story["url"])

    assert status == 200
    restored = comments_on_page(page)
    assert confirmed_before <= restored
    # A point-in-time copy: nothing sent after the backup had finished is in it.
    assert not restored & commenters.sent_after(round_trip.backup_finished)
    from_the_stream = {words for words in restored if words.startswith("Comment ")}
    assert from_the_stream <= {words for words, _sent, _confirmed in commenters.acknowledged}


@pytest.mark.skipif(on_postgresql(), reason="pg_restore checks the data as it loads it")
def test_restored_sqlite_database_passes_the_integrity_check(round_trip):
    assert round_trip.restore.returncode == 0, round_trip.restore.stderr
    with closing(sqlite3.connect(round_trip.restored.data_dir / "newsdesk.sqlite3")) as database:
        assert database.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert database.execute("SELECT count(*) FROM comments_comment").fetchone()[0] >= 10


def test_restored_site_serves_the_story_with_its_picture(round_trip, restored_site):
    browser = Browser(restored_site)
    status, page = browser.get(round_trip.story["url"])
    assert status == 200
    headline = BeautifulSoup(page, "html.parser").select_one("h1").get_text(strip=True)
    assert headline == "Night ferry returns to the island timetable"

    picture = round_trip.story["picture"]
    assert browser.get(f"/media/{picture}") == (200, (round_trip.live.media / picture).read_bytes())


def test_restored_site_accepts_a_comment_form_served_before_the_backup(round_trip, restored_site):
    # The form's token is signed with the secret key: it only verifies if the key came back too.
    browser, action, values = round_trip.early_form
    browser.base_url = restored_site

    status, location = browser.send(action, values, "Written before the backup, sent after.")

    assert (status, "#comment-" in location) == (302, True)
    restored_key = round_trip.restored.data_dir / "secret_key"
    assert restored_key.read_bytes() == (round_trip.live.data_dir / "secret_key").read_bytes()
    assert stat.S_IMODE(restored_key.stat().st_mode) == 0o600


def test_backup_lists_every_file_it_holds_with_size_and_checksum(round_trip):
    assert round_trip.backup.returncode == 0, round_trip.backup.stderr
    manifest = manifest_of(round_trip)
    folder = round_trip.backup_folder

    on_disk = {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}
    assert on_disk == {record["path"] for record in manifest["files"]} | {"manifest.json"}
    for record in manifest["files"]:
        path = folder / record["path"]
        assert (path.stat().st_size, sha256(path)) == (record["size"], record["sha256"])
    assert f"media/{round_trip.story['picture']}" in on_disk
    assert any(path.startswith("media/uploads/") for path in on_disk)


def test_backup_records_engine_version_and_migration_state(round_trip):
    manifest = manifest_of(round_trip)
    latest_comments_migration = max(
        name for app, name in MigrationLoader(None).disk_migrations if app == "comments"
    )

    assert manifest["format"] == 1
    assert manifest["newsdesk_version"] == importlib.metadata.version("newsdesk")
    assert manifest["database"]["engine"] == connection.vendor
    assert manifest["migrations"]["comments"] == latest_comments_migration
    assert manifest["created_at"].startswith("20")


def test_backup_is_private_to_its_owner_and_leaves_no_unfinished_folder(round_trip):
    folder = round_trip.backup_folder
    manifest = manifest_of(round_trip)

    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for private in ("secret_key", manifest["database"]["file"]):
        assert stat.S_IMODE((folder / private).stat().st_mode) == 0o600
    assert [path.name for path in folder.parent.iterdir()] == ["nightly"]
