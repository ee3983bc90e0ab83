"""The moderation queue at newsroom size: the work behind ``newsdesk moderation_benchmark``.

Like the search benchmark, it never touches the reader's database: the command
starts a second ``newsdesk`` process on a temporary data folder, which fills a
scratch database (``search.scratch_database``) with generated stories and
comments written in bulk, then asks the admin for each page a moderator opens,
through Django's test client logged in as one, and times the answers.
"""

import random
import statistics
import time
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from newsdesk.comments.models import Comment
from newsdesk.comments.text import fingerprint
from newsdesk.demo.stories import READERS, REMARKS, REPLIES
from newsdesk.news.models import ArticlePage

from . import handover
from .generate import VOCABULARY, add_stories
from .search import engine, scratch_database

TARGET_MS = 500
RUNS = 5
STORIES = 300
CHUNK = 5_000
SCRATCH_FLAG = handover.SCRATCH_FLAG
Status = Comment.Status
# How a busy paper's comments are spread: most approved, a real queue, some rubbish.
SHARES = ((Status.APPROVED, 70), (Status.PENDING, 20), (Status.SPAM, 5), (Status.TRASH, 5))
DOMAINS = ("example.com", "example.org", "example.net", "mail.example", "eastmere.example")
FIRST_NAMES = tuple(name.split()[0] for name in READERS)
LAST_NAMES = tuple(name.split()[-1] for name in READERS)
WORDS = tuple(word for words in VOCABULARY.values() for word in words)


@dataclass(frozen=True)
class Timing:
    """How long one thing a moderator does took, in milliseconds, over ``runs`` runs."""

    check: str
    runs: int
    median: float
    worst: float

    @property
    def ok(self):
        return self.worst < TARGET_MS


def _ascii(name):
    """A name as most people spell it in an email address: plain lower-case letters."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def _comment(rng, articles, now, number):
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    body = " ".join(
        [rng.choice(REMARKS + REPLIES), " ".join(rng.choices(WORDS, k=rng.randint(6, 30)))]
    )
    return Comment(
        article_id=rng.choice(articles),
        name=f"{first} {last}",
        email=f"{_ascii(first)}.{_ascii(last)}{number % 1000}@{rng.choice(DOMAINS)}",
        body=body,
        body_fingerprint=fingerprint(body),
        status=rng.choices([s for s, _w in SHARES], weights=[w for _s, w in SHARES])[0],
        created_at=now - timedelta(seconds=rng.randrange(365 * 24 * 3600)),
        ip_address=f"198.51.100.{number % 250}",
        client_network="198.51.100.0/24",
    )


def fill(comments, stories=None, progress=None):
    """Add ``stories`` generated stories and ``comments`` comments spread over them.

    By default a story for every hundred comments, up to ``STORIES``.
    ``progress`` is called with the number of comments each chunk wrote.
    """
    add_stories(stories or min(STORIES, max(comments // 100, 1)))
    articles = list(ArticlePage.objects.values_list("pk", flat=True))
    rng = random.Random(comments)  # noqa: S311 - sample text, not secrets
    now = timezone.now()
    for start in range(0, comments, CHUNK):
        count = min(CHUNK, comments - start)
        Comment.objects.bulk_create(
            _comment(rng, articles, now, number) for number in range(start, start + count)
        )
        if progress:
            progress(count)
    # VACUUM cannot run in a transaction, such as a test's.
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # What autovacuum does to a site's table within minutes of a load like this:
        # statistics for the planner, and the rows marked visible. Timing before it
        # would measure each first read rewriting 200,000 freshly inserted rows.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def moderator_client():
    """A test client logged in as a moderator (a superuser of the scratch site)."""
    user = get_user_model().objects.create_superuser("moderator", "moderator@example.com", None)
    client = Client()
    client.force_login(user)
    return client


def checks():
    """``(name, method, url)`` for everything a moderator does, and one POST per run."""
    queue = reverse("wagtailsnippets_comments_comment:list")
    sample = Comment.objects.order_by("pk")[Comment.objects.count() // 2]
    story = ArticlePage.objects.order_by("pk").first()
    listed = [
        ("queue", queue),
        *((f"tab: {label.lower()}", f"{queue}?status={value}") for value, label in Status.choices),
        ("filter by story", f"{queue}?article={story.pk}"),
        ("search by email", f"{queue}?q={sample.email}"),
        ("search by words", f"{queue}?q=harbour+council"),
        ("comment's page", reverse("wagtailsnippets_comments_comment:edit", args=[sample.pk])),
    ]
    return [(name, "get", url) for name, url in listed]


def approve_urls(runs):
    """One bulk-approve address per run, each for a different pending comment."""
    action = reverse("wagtail_bulk_action", args=["comments", "comment", "approve"])
    pending = Comment.objects.pending().order_by("pk").values_list("pk", flat=True)[:runs]
    return [f"{action}?id={pk}" for pk in pending]


def _timed(client, method, url):
    started = time.perf_counter_ns()
    response = getattr(client, method)(url)
    elapsed = (time.perf_counter_ns() - started) / 1e6
    if response.status_code not in (200, 302):
        raise RuntimeError(f"{method.upper()} {url} answered {response.status_code}")
    return elapsed


def measure(runs=RUNS):
    """Time each check ``runs`` times after one untimed run; one ``Timing`` each."""
    client = moderator_client()
    timings = []
    for name, method, url in checks():
        _timed(client, method, url)
        samples = [_timed(client, method, url) for _run in range(runs)]
        timings.append(Timing(name, runs, statistics.median(samples), max(samples)))
    # Moderation through the admin's bulk action on one comment (moderation.py underneath).
    urls = approve_urls(runs + 1)
    _timed(client, "post", urls[0])
    samples = [_timed(client, "post", url) for url in urls[1:]]
    timings.append(Timing("approve one (POST)", len(samples), statistics.median(samples),
                          max(samples)))  # fmt: skip
    return timings


def run(comments, runs, progress=None):
    """Fill a scratch database and measure it; returns ``(engine, timings)``."""
    # The scratch site never ran collectstatic: admin pages name static files as they are.
    unhashed = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with scratch_database(), override_settings(STORAGES=unhashed):
        fill(comments, progress=progress)
        return engine(), measure(runs)


def format_table(engine_name, comments, timings):
    """The figures as a plain-text table, each beside the target."""
    lines = [
        f"Moderation queue with {comments:,} comments on {engine_name}",
        f"{'check':<22} {'runs':>4} {'median ms':>10} {'worst ms':>9} {'target':>7}",
    ]
    lines += [
        f"{t.check:<22} {t.runs:>4} {t.median:>10.1f} {t.worst:>9.1f} "
        f"{'< ' + str(TARGET_MS):>7} {'ok' if t.ok else 'MISSED'}"
        for t in timings
    ]
    return "\n".join(lines)


to_json = handover.to_json


def from_json(text):
    """``(engine, timings, error)`` from the scratch process's last line of output."""
    return handover.from_json(text, Timing)


def run_in_scratch(arguments, database_url=None):
    """Run ``newsdesk moderation_benchmark`` with ``arguments`` in a throwaway data folder.

    The test client asks as ``testserver`` over plain HTTP, so the scratch
    process allows that host and does not redirect to HTTPS.
    """
    return handover.run_in_scratch(
        "moderation_benchmark",
        arguments,
        database_url,
        NEWSDESK_HTTPS="false",
        NEWSDESK_ALLOWED_HOSTS="testserver",
    )
