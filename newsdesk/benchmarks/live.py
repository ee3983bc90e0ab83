"""Line 11, live coverage: a live story open in thousands of readers' pages while a reporter posts.

Each simulated reader's page checks the story's update check every interval
(15 s on the site), at a moment of its own: the readers' phases are spread evenly
over the interval, so 5,000 of them send 5,000 checks every 15 s, about 333 a
second, as steadily as real pages would. A reporter posts an update every few
seconds meanwhile. What the readers saw gives the checks' latency, the share the
page cache answered, and, for each update, the time from the post's return until
every reader's page held it: each reader's first answer holding it.

The checks are shared among a few threads, each with one keep-alive connection;
a check is sent at its reader's moment, or as soon as its thread is free, and
how late the checks went out is reported, so a client that could not keep up
shows in the figures rather than hiding in them.
"""

import http.client
import itertools
import re
import threading
import time
from dataclasses import dataclass, field

from newsdesk.benchmarks.search import percentile
from newsdesk.live import coverage
from newsdesk.news.models import ArticlePage

from .load import REQUEST_SECONDS, summarise

READERS = 5000
SECONDS = 40
POST_EVERY_SECONDS = 5
# Threads sharing the readers' checks: each sends about one in this many.
CLIENT_THREADS = 32
# Beyond the check interval, what a reader may take to have an update (the target's 1 s).
GRACE_SECONDS = 1
# The update check's JSON names each update as ``"id": <number>``; ids only grow.
UPDATE_ID = re.compile(rb'"id": (\d+)')


@dataclass(frozen=True)
class Check:
    """One reader's check: when it was due and sent, when answered, and what it held."""

    reader: int
    late: float
    latency: float
    answered: float
    newest: int
    hit: bool


@dataclass(frozen=True)
class Posted:
    """An update the reporter posted, and the moment the post returned."""

    update_id: int
    returned: float


@dataclass
class LiveRun:
    """What the readers saw while the reporter posted, over ``seconds``."""

    readers: int
    seconds: float
    checks: list = field(default_factory=list)
    errors: int = 0
    posts: list = field(default_factory=list)

    def measurement(self):
        """The checks as a ``load.Measurement``: their rate, p50 and p99, and errors."""
        return summarise([check.latency for check in self.checks], self.seconds, self.errors)

    def hit_share(self):
        """The share of the checks the page cache answered."""
        return sum(check.hit for check in self.checks) / len(self.checks) if self.checks else 0.0

    def p99_late(self):
        """How late the slowest 1% of checks went out after their reader's moment, in seconds."""
        return percentile([check.late for check in self.checks], 0.99) if self.checks else 0.0

    def seen_by_everyone(self):
        """For each post, seconds from its return until the last reader's page held it.

        ``None`` for a post some reader never saw before the run ended.
        """
        by_reader = {}
        for check in sorted(self.checks, key=lambda check: check.answered):
            by_reader.setdefault(check.reader, []).append(check)
        return [_last_to_see(post, by_reader, self.readers) for post in self.posts]


def _last_to_see(post, by_reader, readers):
    slowest = 0.0
    for reader in range(readers):
        holding = next(
            (c for c in by_reader.get(reader, ()) if c.newest >= post.update_id),
            None,
        )
        if holding is None:
            return None
        # A check answered while the post was returning may already hold it.
        slowest = max(slowest, holding.answered - post.returned)
    return slowest


def follow(port, path, post, *, readers=READERS, seconds=SECONDS, interval, every):
    """``readers`` pages checking ``path`` every ``interval`` s for ``seconds``, while
    ``post()`` (returning the new update's id) is called every ``every`` s; the ``LiveRun``.

    Posting stops an interval and its grace before the end; if the last post
    returns later than that, the pages go on checking until each has had its
    chance to see it, so every update posted is judged.
    """
    threads = min(CLIENT_THREADS, readers)
    schedule = _Schedule(start=time.perf_counter() + 0.2, interval=interval, readers=readers)
    results = [([], [0]) for _thread in range(threads)]
    crowd = [
        threading.Thread(
            target=_check_for,
            args=(port, path, range(n, readers, threads), schedule, *results[n]),
        )
        for n in range(threads)
    ]
    for thread in crowd:
        thread.start()
    end = schedule.start + seconds
    posts = []
    due = schedule.start + every
    while max(due, time.perf_counter()) + interval + 2 * GRACE_SECONDS <= end:
        time.sleep(max(0.0, due - time.perf_counter()))
        update_id = post()
        posts.append(Posted(update_id, time.perf_counter()))
        due += every
    last = posts[-1].returned if posts else schedule.start
    schedule.stop = max(end, last + interval + 2 * GRACE_SECONDS)
    for thread in crowd:
        thread.join()
    return LiveRun(
        readers,
        seconds=schedule.stop - schedule.start,
        checks=[check for checks, _errors in results for check in checks],
        errors=sum(errors[0] for _checks, errors in results),
        posts=posts,
    )


@dataclass
class _Schedule:
    """When the readers check: reader ``n`` at ``start + n / readers`` of an interval, then
    every interval, until ``stop`` (unknown while the reporter is still posting)."""

    start: float
    interval: float
    readers: int
    stop: float = float("inf")

    def due(self, reader, lap):
        return self.start + (lap + reader / self.readers) * self.interval


def _check_for(port, path, mine, schedule, checks, errors):
    """One thread's readers, each checking at its own moment of every interval, until the stop."""
    connection = None
    for lap in itertools.count():
        for reader in mine:
            due = schedule.due(reader, lap)
            if due >= schedule.stop:
                if connection is not None:
                    connection.close()
                return
            time.sleep(max(0.0, due - time.perf_counter()))
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_SECONDS)
            sent = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                connection.close()
                connection = None
                continue
            answered = time.perf_counter()
            if response.will_close:
                connection.close()
                connection = None
            if response.status != 200:
                errors[0] += 1
                continue
            newest = max((int(n) for n in UPDATE_ID.findall(body)), default=0)
            hit = response.getheader("X-Cache") == "hit"
            checks.append(Check(reader, sent - due, answered - sent, answered, newest, hit))


def live_story(initial_updates=5):
    """The newest published story, made live with a few updates: the one readers follow."""
    story = ArticlePage.objects.published().first()
    coverage.start(story)
    for number in range(initial_updates):
        coverage.post(story, text=f"Earlier: the bench desk's note {number}.", byline="Bench desk")
    return story


def poster(story):
    """What the reporter does every few seconds: post an update; returns its id."""
    numbers = iter(range(1, 1_000_000))

    def post():
        number = next(numbers)
        update = coverage.post(
            story,
            title=f"Bench update {number}",
            text="The harbour wall holds; crews are watching the tide.",
            byline="Bench desk",
        )
        return update.pk

    return post
