"""One backup, taken from a real site while readers comment, restored into an empty one.

Every backup test reads from this one round trip: starting real servers
takes most of a test's time, so it is done once for the run.
"""

import contextlib
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from .sites import Browser, Commenters, Site, Uploads, own_database

COMMENTS_BEFORE_BACKUP = 10
COMMENTS_AFTER_BACKUP = 5


@dataclass
class RoundTrip:
    live: Site
    restored: Site
    backup_folder: Path
    story: dict
    commenters: Commenters
    backup_started: float
    backup_finished: float
    backup: object
    restore: object
    early_form: tuple


@pytest.fixture(scope="package")
def round_trip(tmp_path_factory, django_db_setup):
    """Back up a serving site while comments and uploads keep coming, then restore it.

    On PostgreSQL both sites get a database of their own, created empty here
    and dropped at the end, named after the suite's test database.
    """
    folder = tmp_path_factory.mktemp("round-trip")
    with contextlib.ExitStack() as databases:
        live_url = databases.enter_context(own_database("live"))
        restored_url = databases.enter_context(own_database("restore"))
        live = Site(folder / "live", live_url)
        restored = Site(folder / "restored", restored_url)
        story = live.open_for_comments()
        backup_folder = folder / "backups" / "nightly"
        with live.serving() as live_site:
            early_browser = Browser(live_site)
            early_form = (early_browser, *early_browser.comment_form(story["url"]))
            commenters = Commenters(live_site, story["url"])
            uploads = Uploads(live.media)
            commenters.start()
            uploads.start()
            commenters.wait_for(COMMENTS_BEFORE_BACKUP)
            backup_started = time.monotonic()
            backup = live.newsdesk("backup", backup_folder)
            backup_finished = time.monotonic()
            commenters.wait_for(len(commenters.acknowledged) + COMMENTS_AFTER_BACKUP)
            for worker in (commenters, uploads):
                worker.stop.set()
                worker.join()
        restore = restored.newsdesk("restore", backup_folder)
        yield RoundTrip(
            live=live,
            restored=restored,
            backup_folder=backup_folder,
            story=story,
            commenters=commenters,
            backup_started=backup_started,
            backup_finished=backup_finished,
            backup=backup,
            restore=restore,
            early_form=early_form,
        )


@pytest.fixture(scope="package")
def restored_site(round_trip):
    """The restored site, served by ``newsdesk serve``: its base URL."""
    assert round_trip.backup.returncode == 0, round_trip.backup.stderr
    assert round_trip.restore.returncode == 0, round_trip.restore.stderr
    with round_trip.restored.serving() as base_url:
        yield base_url
