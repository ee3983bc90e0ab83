"""Search latency at known sizes: the work behind ``newsdesk search_benchmark``.

The benchmark never touches the reader's database. ``run_in_scratch`` starts a
second ``newsdesk`` process with a temporary data folder and only the database
settings it is given (Wagtail picks its search engine when it starts, so a
different database needs a fresh process). That process builds and measures in
a database Django's test machinery creates for it (``scratch_database``): a
temporary SQLite file, or a ``test_…`` database on the PostgreSQL server named
by ``--database-url``, dropped at the end.
"""

import math
import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database.fallback import (
    DatabaseSearchBackend as SubstringSearchBackend,
)

from newsdesk.news.models import ArticlePage
from newsdesk.search.query import SEARCH_BACKEND, results_page, search_stories
from newsdesk.search.snippets import body_text, highlight, snippet

from . import handover
from .generate import add_stories

SIZES = (1_000, 20_000)
RUNS = 50
WARM_UP_RUNS = 3
PER_PAGE = 12
# From words in most stories to a word in none, and phrases common and rare.
QUERIES = (
    ("word", "council"),
    ("word", "harbour"),
    ("word", "shipyard"),
    ("word", "lanterns"),
    ("word", "zeppelin"),
    ("phrase", '"town hall"'),
    ("phrase", '"borough council"'),
    ("phrase", '"old harbour"'),
    ("phrase", '"night buses"'),
)
BASELINE = "baseline"
SCRATCH_FLAG = handover.SCRATCH_FLAG


@dataclass(frozen=True)
class Timing:
    """Latency of one kind of query at one size, in milliseconds."""

    size: int
    kind: str
    runs: int
    p50: float
    p99: float


def percentile(samples, fraction):
    """The nearest-rank percentile: the smallest sample at or above ``fraction`` of them."""
    ordered = sorted(samples)
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


def search_once(q):
    """One search the way the search page runs it: page 1, cards, marks and snippets."""
    results = search_stories(q)
    for story in results_page(results, 1, PER_PAGE):
        highlight(story.title, results.terms)
        highlight(story.standfirst, results.terms)
        snippet(body_text(story.body), results.terms)


def baseline_once(pk):
    """A trivial indexed lookup to compare machines by: one story by primary key."""
    ArticlePage.objects.get(pk=pk)


def time_ms(call, argument, runs):
    """``runs`` timings of ``call(argument)`` in milliseconds, after a few untimed ones."""
    for _run in range(WARM_UP_RUNS):
        call(argument)
    samples = []
    for _run in range(runs):
        started = time.perf_counter_ns()
        call(argument)
        samples.append((time.perf_counter_ns() - started) / 1e6)
    return samples


def measure(size, runs, progress=None):
    """Time every query ``runs`` times on the paper as it is; one ``Timing`` per kind."""
    samples = {BASELINE: time_ms(baseline_once, ArticlePage.objects.first().pk, runs)}
    for kind, q in QUERIES:
        samples.setdefault(kind, []).extend(time_ms(search_once, q, runs))
        if progress:
            progress(1)
    return [
        Timing(size, kind, len(times), percentile(times, 0.5), percentile(times, 0.99))
        for kind, times in samples.items()
    ]


def engine():
    """The database engine measured, with its version, and the machine it runs on."""
    if connection.vendor == "postgresql":
        major, minor = divmod(connection.pg_version, 10_000)
        version = f"PostgreSQL {major}.{minor}"
    else:
        version = f"SQLite {connection.Database.sqlite_version}"
    return f"{version}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"


def format_table(engine_name, timings):
    """The timings as a plain-text table, under the engine they were measured on."""
    lines = [
        f"Search latency on {engine_name}",
        f"{'stories':>8}  {'query kind':<10} {'runs':>5} {'p50 ms':>8} {'p99 ms':>8}",
    ]
    lines += [
        f"{t.size:>8,}  {t.kind:<10} {t.runs:>5} {t.p50:>8.1f} {t.p99:>8.1f}" for t in timings
    ]
    return "\n".join(lines)


to_json = handover.to_json


def from_json(text):
    """``(engine, timings, error)`` from the scratch process's last line of output."""
    return handover.from_json(text, Timing)


@contextmanager
def scratch_database():
    """A database of its own for the benchmark, created here and destroyed afterwards.

    Django's test machinery makes it: on SQLite a file in the data folder rather
    than in memory, so reads cost what they cost a site.
    """
    original_name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        scratch = Path(settings.DATA_DIR) / "search-benchmark.sqlite3"
        connection.settings_dict["TEST"]["NAME"] = str(scratch)
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)


def ranks_with_full_text():
    """Is the search running on a full-text engine, not Wagtail's substring fallback?"""
    return not isinstance(get_search_backend(SEARCH_BACKEND), SubstringSearchBackend)


def story_count():
    """How many stories the paper has."""
    return ArticlePage.objects.count()


def grow_to(size, progress=None):
    """Add generated stories until the paper has ``size``.

    ``progress`` is called with the number added by each chunk.
    """
    add_stories(max(size - story_count(), 0), progress=progress)
    if connection.vendor == "postgresql":
        # Autovacuum gathers statistics within a minute of a load like this one;
        # timing before it would measure plans made blind. SQLite sites never
        # gather any, so neither does the benchmark there.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def run_in_scratch(arguments, database_url=None):
    """Run ``newsdesk search_benchmark`` with ``arguments`` in a throwaway environment."""
    return handover.run_in_scratch("search_benchmark", arguments, database_url)
