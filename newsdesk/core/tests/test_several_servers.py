"""Two servers on one PostgreSQL database, one Redis and one bucket serve one site as one.

Runs in the PostgreSQL run of the suite (``make test-postgres``: ``DATABASE_URL``
set), where it is engine-marked; in the SQLite run there is no PostgreSQL server
to share, and the skip says so. It never skips for want of Redis or the bucket:
Redis missing fails it, and the bucket is the suite's own moto server.
"""

import contextlib
import re
import time
from dataclasses import dataclass

import pytest
import redis
from django.db import connection

from newsdesk.testing.sites import Server, Site

pytestmark = [
    pytest.mark.engine,
    pytest.mark.heavy,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="several servers share a PostgreSQL database: runs with DATABASE_URL set",
    ),
]

# This test's own Redis database: emptied before it starts, as the servers' page
# cache and settings cache would otherwise find another run's keys.
REDIS_URL = "redis://127.0.0.1:6379/7"
SCHEDULER = {"NEWSDESK_SCHEDULER_INTERVAL": "1", "NEWSDESK_SCHEDULER_LEASE_SECONDS": "3"}
# A lease of 3 s is taken over within 4 s; rounds every second; the rest is margin
# for a machine busy with other work.
PUBLISH_SECONDS = 30


@pytest.fixture
def empty_redis():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    except redis.ConnectionError as error:
        pytest.fail(f"Redis must answer at {REDIS_URL} for this test: {error}")
    return REDIS_URL


@dataclass
class Machine:
    """One server of the site, with a data folder of its own."""

    site: Site
    server: Server

    def shell(self, code):
        return self.site.shell(code)

    def get(self, path):
        """``(status, body)`` of a GET to this machine."""
        status, _headers, body = self.server.get(path)
        return status, body


@pytest.fixture
def site(prepared_site, tmp_path, bucket, empty_redis):
    """Machines "a" and "b" serving one site; ``(machines, SQL runner)``.

    Both are copies of the prepared site, as machines made from one image would be.
    """
    shared = {
        "REDIS_URL": empty_redis,
        "NEWSDESK_SECRET_KEY": "one-key-shared-by-every-machine-of-the-site",
        **bucket.environment(),
        **SCHEDULER,
    }
    with contextlib.ExitStack() as machines:
        first = prepared_site.copy("a", tmp_path, **shared)
        machines.callback(first.remove)
        second = prepared_site.copy("b", tmp_path, sharing_database_of=first, **shared)
        machines.callback(second.remove)
        started = [Machine(first, first.server()), Machine(second, second.server())]
        for machine in started:
            machine.server.start()
        for machine in started:
            machine.server.wait_until_ready()
        with first.database.connect() as sql:
            yield started, sql


def publications(sql, story):
    """The audit log's entries for ``story`` going live, oldest first."""
    entries = sql.execute(
        "SELECT action FROM wagtailcore_pagelogentry WHERE page_id = %s "
        "AND action IN ('wagtail.publish', 'wagtail.publish.scheduled') ORDER BY timestamp",
        [story["id"]],
    )
    return [action for (action,) in entries]


def wait_until_live(sql, stories):
    deadline = time.monotonic() + PUBLISH_SECONDS
    ids = [story["id"] for story in stories]
    while time.monotonic() < deadline:
        live = sql.execute(
            "SELECT count(*) FROM wagtailcore_page WHERE id = ANY(%s) AND live", [ids]
        ).fetchone()[0]
        if live == len(ids):
            return
        time.sleep(0.2)
    pytest.fail(
        f"{len(ids) - live} of {len(ids)} scheduled stories not live in {PUBLISH_SECONDS} s"
    )


def lease_holder(sql, machines_by_pid):
    holder = sql.execute("SELECT holder FROM core_lease WHERE name = 'scheduler'").fetchone()[0]
    return machines_by_pid[int(re.search(r" pid (\d+) ", holder).group(1))]


def schedule(machine, headline, count, seconds):
    """``count`` stories scheduled through ``machine`` to go live in ``seconds``."""
    scheduled = machine.shell(
        "from newsdesk.core.tests.newsroom import schedule_stories; "
        f"schedule_stories({headline!r}, {count}, {seconds})"
    )
    assert scheduled["late"] == [], "the machine is too slow to schedule within the time set"
    return scheduled["stories"]


def test_two_servers_share_pictures_and_publish_each_scheduled_story_once(site, bucket):
    (first, second), sql = site

    story = first.shell(
        "from newsdesk.core.tests.newsroom import file_story_with_picture; "
        "file_story_with_picture()"
    )
    status, page = first.get(story["url"])
    assert status == 200, page[:500]
    rendition = re.search(rb'<img[^>]+src="(/media/images/[^"]+)"', page).group(1).decode()
    for address in (rendition, f"/media/{story['original']}"):
        status, picture = second.get(address)
        assert status == 200, f"{address} on the other server: {status}"
        assert picture == bucket.read(f"{bucket.prefix}{address.removeprefix('/media')}")
    assert second.get(story["url"])[0] == 200

    embargoed = schedule(first, "Embargoed council budget", 3, seconds=5)
    wait_until_live(sql, embargoed)
    time.sleep(2)  # two more rounds on each server: a second publish would show now
    once = ["wagtail.publish.scheduled"]
    assert [publications(sql, story) for story in embargoed] == [once, once, once]

    by_pid = {machine.server.process.pid: machine for machine in (first, second)}
    holder = lease_holder(sql, by_pid)
    survivor = second if holder is first else first
    holder.server.crash()

    later = schedule(survivor, "Embargoed ferry timetable", 1, seconds=5)
    wait_until_live(sql, later)
    assert publications(sql, later[0]) == once
    assert lease_holder(sql, by_pid) is survivor
    assert survivor.get(later[0]["url"])[0] == 200
