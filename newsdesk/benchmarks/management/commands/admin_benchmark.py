"""``newsdesk admin_benchmark``: the admin pages an editor uses, at 2,000 and 100,000 stories."""

import argparse
import functools
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from newsdesk.benchmarks import admin as benchmark


class Command(BaseCommand):
    help = (
        "Measure the Wagtail admin as an editor uses it: build generated papers of each size "
        "in a throwaway database (never yours), log in as an editor and time the dashboard, "
        "the story explorer (newest first, by title, searched), the desk's story list with "
        "each filter and sort, the page search and the page "
        "chooser's search, a story's edit page, its preview and publishing it. Prints median "
        f"and worst of each beside the {benchmark.TARGET_MS} ms target, and fails if any is "
        "over it. Building 100,000 stories takes ten minutes or more."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes",
            type=int,
            nargs="+",
            default=list(benchmark.SIZES),
            help="Paper sizes to measure, in stories (default: %(default)s).",
        )
        parser.add_argument(
            "--runs",
            type=int,
            default=benchmark.RUNS,
            help="Timed runs of each page at each size (default: %(default)s).",
        )
        parser.add_argument(
            "--database-url",
            help="A PostgreSQL server to measure on, as postgres://user@host/name: a "
            "test_<name> database is created there and dropped afterwards. "
            "Default: a temporary SQLite file.",
        )
        parser.add_argument(benchmark.SCRATCH_FLAG, action="store_true", help=argparse.SUPPRESS)

    def handle(self, *, sizes, runs, database_url, in_scratch, verbosity, **options):
        if min(sizes) < 1 or runs < 1:
            raise CommandError("--sizes and --runs must be 1 or more.")
        if in_scratch:
            self.stdout.write(self.report(sizes, runs, quiet=verbosity == 0))
            return
        arguments = ["--sizes", *map(str, sizes), "--runs", str(runs), "-v", str(verbosity)]
        finished = benchmark.run_in_scratch(arguments, database_url)
        engine, timings, error = benchmark.from_json(finished.stdout)
        if error:
            raise CommandError(error)
        if finished.returncode or not timings:
            raise CommandError(f"The benchmark stopped (exit status {finished.returncode}).")
        self.stdout.write(benchmark.format_table(engine, timings))
        missed = [f"{timing.page} at {timing.size:,}" for timing in timings if not timing.ok]
        if missed:
            raise CommandError(f"Over {benchmark.TARGET_MS} ms: {', '.join(missed)}.")

    def report(self, sizes, runs, quiet):
        """Build and measure in a scratch database; the outcome as ``benchmark.to_json``."""
        bar = functools.partial(
            tqdm, file=sys.stderr, disable=quiet or not sys.stderr.isatty(), unit=" items"
        )
        try:
            return benchmark.to_json(*benchmark.run(sizes, runs, bar=bar))
        except (DatabaseError, RuntimeError) as error:
            return benchmark.to_json(error=str(error).strip().splitlines()[0])
