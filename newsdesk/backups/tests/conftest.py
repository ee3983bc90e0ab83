"""One backup, taken from a real site while readers comment, restored into an empty one.

Every backup test reads from this one round trip: starting real servers
takes most of a test's time, so it is done once for the run. The fixtures are
session-wide rather than the package's: pytest-django runs database tests
before the others, which interleaves packages, and a package fixture would be
built again each time the run came back to this one.
"""

import contextlib
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsdesk.testing.sites import Site

from .readers import Browser, Commenters, Uploads

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


@pytest.fixture(scope="session")
def round_trip(prepared_site, tmp_path_factory):
    """Back up a serving site while comments and uploads keep coming, then restore it
    into a new, empty site.

    The live site is a copy of the run's prepared site; the restored one starts
    with nothing, as a new machine would (on PostgreSQL, an empty database).
    """
    folder = tmp_path_factory.mktemp("round-trip")
    # Many comments from one test client, and sent the moment the form arrives.
    open_to_any_pace = {"NEWSDESK_COMMENTS_RATE_LIMIT": "0", "NEWSDESK_COMMENTS_MIN_SECONDS": "0"}
    with contextlib.ExitStack() as sites:
        live = prepared_site.copy("live", folder, **open_to_any_pace)
        sites.callback(live.remove)
        restored = prepared_site.empty("restored", folder, **open_to_any_pace)
        sites.callback(restored.remove)
        story = live.shell(
            "from newsdesk.backups.tests.newsroom import open_for_comments; open_for_comments()"
        )
        backup_folder = folder / "backups" / "nightly"
        with live.serving() as server:
            early_browser = Browser(server.base_url)
            early_form = (early_browser, *early_browser.comment_form(story["url"]))
            commenters = Commenters(server.base_url, story["url"])
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


@pytest.fixture(scope="session")
def restored_site(round_trip):
    """The restored site, served by ``newsdesk serve``: its base URL."""
    assert round_trip.backup.returncode == 0, round_trip.backup.stderr
    assert round_trip.restore.returncode == 0, round_trip.restore.stderr
    with round_trip.restored.serving() as server:
        yield server.base_url
