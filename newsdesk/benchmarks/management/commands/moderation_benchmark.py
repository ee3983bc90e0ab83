"""``newsdesk moderation_benchmark``: the moderation queue's answers with 200,000 comments."""

import argparse
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from newsdesk.benchmarks import moderation as benchmark


class Command(BaseCommand):
    help = (
        "Measure the comment moderation queue at newsroom size: fill a throwaway database "
        "(never yours) with a few hundred generated stories and many comments (70% approved, "
        "20% pending, 5% spam, 5% trash), then time, as a logged-in moderator, the queue, "
        "each status tab, a story filter, searches by email and by words, a comment's own "
        f"page and approving one comment. Prints median and worst of each beside the "
        f"{benchmark.TARGET_MS} ms target, and fails if any is over it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--comments", type=int, default=200_000, help="Comments to fill (default: %(default)s)."
        )
        parser.add_argument(
            "--runs",
            type=int,
            default=benchmark.RUNS,
            help="Timed runs of each check (default: %(default)s).",
        )
        parser.add_argument(
            "--database-url",
            help="A PostgreSQL server to measure on, as postgres://user@host/name: a "
            "test_<name> database is created there and dropped afterwards. "
            "Default: a temporary SQLite file.",
        )
        parser.add_argument(benchmark.SCRATCH_FLAG, action="store_true", help=argparse.SUPPRESS)

    def handle(self, *, comments, runs, database_url, in_scratch, verbosity, **options):
        if comments < 1 or runs < 1:
            raise CommandError("--comments and --runs must be 1 or more.")
        if in_scratch:
            self.stdout.write(self.report(comments, runs, quiet=verbosity == 0))
            return
        arguments = ["--comments", str(comments), "--runs", str(runs), "-v", str(verbosity)]
        finished = benchmark.run_in_scratch(arguments, database_url)
        engine, timings, error = benchmark.from_json(finished.stdout)
        if error:
            raise CommandError(error)
        if finished.returncode or not timings:
            raise CommandError(f"The benchmark stopped (exit status {finished.returncode}).")
        self.stdout.write(benchmark.format_table(engine, comments, timings))
        missed = [timing.check for timing in timings if not timing.ok]
        if missed:
            raise CommandError(f"Over {benchmark.TARGET_MS} ms: {', '.join(missed)}.")

    def report(self, comments, runs, quiet):
        """Fill and measure in a scratch database; the outcome as ``benchmark.to_json``."""
        bars = {"file": sys.stderr, "disable": quiet or not sys.stderr.isatty()}
        try:
            with tqdm(total=comments, desc="Filling", unit=" comments", **bars) as bar:
                engine, timings = benchmark.run(comments, runs, progress=bar.update)
            return benchmark.to_json(engine, timings)
        except (DatabaseError, RuntimeError) as error:
            return benchmark.to_json(error=str(error).strip().splitlines()[0])
