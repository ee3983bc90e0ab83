"""``newsdesk import_wordpress_benchmark``: a large WordPress import, timed and measured."""

import sys

from django.core.management.base import BaseCommand, CommandError

from newsdesk.benchmarks import wordpress as benchmark

TARGET_SECONDS = 120
TARGET_BYTES = 300 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Generate a WordPress export (20,000 posts and 200,000 comments by default), import it "
        "with newsdesk import_wordpress into a throwaway SQLite site (never yours), and print "
        "the import's wall time and peak memory beside the targets (2 minutes, 300 MB)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=20_000, help="Default: %(default)s.")
        parser.add_argument("--comments", type=int, default=200_000, help="Default: %(default)s.")

    def handle(self, *args, posts, comments, verbosity, **options):
        if posts < 1 or comments < 0:
            raise CommandError("--posts must be 1 or more and --comments 0 or more.")

        def stage(text):
            if verbosity:
                print(f"{text}…", file=sys.stderr)  # noqa: T201 - progress beside the report

        try:
            figures = benchmark.run(posts, comments, on_stage=stage)
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        if verbosity > 1:
            self.stdout.write(figures.output)
        megabytes = figures.peak_bytes / 1024 / 1024
        self.stdout.write(
            f"Imported {figures.posts:,} posts and {figures.comments:,} comments "
            f"({figures.file_bytes / 1024 / 1024:,.0f} MB of WXR)\n"
            f"  time         {figures.seconds:8.1f} s   target < {TARGET_SECONDS} s   "
            f"{'ok' if figures.seconds < TARGET_SECONDS else 'MISSED'}\n"
            f"  CPU time     {figures.cpu_seconds:8.1f} s   (less than the time when other "
            "work shares the processor)\n"
            f"  peak memory  {megabytes:8.0f} MB  target < {TARGET_BYTES // 1024 // 1024} MB  "
            f"{'ok' if figures.peak_bytes < TARGET_BYTES else 'MISSED'}"
        )
