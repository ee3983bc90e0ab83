"""``newsdesk search_benchmark``: search latency on generated papers of 1,000 and 20,000 stories."""

import argparse
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from newsdesk.benchmarks import search as benchmark


class Command(BaseCommand):
    help = (
        "Measure site search on generated stories: build a paper of each size in a "
        "throwaway database (never yours), run a fixed set of word and phrase searches "
        "many times each through the search page's own code, and print p50 and p99 "
        "latency per query kind, with a primary-key lookup as a baseline to compare "
        "machines by. Takes a few minutes at the default sizes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database-url",
            help="A PostgreSQL server to measure on, as postgres://user@host/name: a "
            "test_<name> database is created there and dropped afterwards. "
            "Default: a temporary SQLite file.",
        )
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
            help="Timed runs of each query at each size (default: %(default)s).",
        )
        parser.add_argument(benchmark.SCRATCH_FLAG, action="store_true", help=argparse.SUPPRESS)

    def handle(self, *, database_url, sizes, runs, in_scratch, verbosity, **options):
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

    def report(self, sizes, runs, quiet):
        """Measure in a scratch database; the outcome as ``benchmark.to_json`` gives it."""
        try:
            return benchmark.to_json(benchmark.engine(), self.measure(sizes, runs, quiet))
        except CommandError as error:
            return benchmark.to_json(error=str(error))
        except DatabaseError as error:
            return benchmark.to_json(error=f"Database error: {str(error).strip().splitlines()[0]}")

    def measure(self, sizes, runs, quiet):
        """Build each size in turn in a scratch database and time the searches on it."""
        bars = {"file": sys.stderr, "disable": quiet or not sys.stderr.isatty()}
        timings = []
        with benchmark.scratch_database():
            if not benchmark.ranks_with_full_text():
                raise CommandError("This database has no full-text search (SQLite FTS5).")
            for size in sorted(set(sizes)):
                have = benchmark.story_count()
                with tqdm(total=size, initial=have, desc=f"Building {size:,}", **bars) as bar:
                    benchmark.grow_to(size, progress=bar.update)
                with tqdm(total=len(benchmark.QUERIES), desc="Measuring", **bars) as bar:
                    timings += benchmark.measure(size, runs, progress=bar.update)
        return timings
