"""``newsdesk import_wordpress``: move a WordPress site in from its export file."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from newsdesk.importers.wordpress import load, terms
from newsdesk.importers.wordpress.parse import ExportError


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools > Export, WXR 1.0-1.2): posts become stories, pages "
        "plain pages, with categories, tags, authors, comments and pictures; every old address "
        "redirects to its new one. Running it again with the same or a newer export updates "
        "what changed and adds what is new, never duplicating anything. Warnings are summed "
        "up by kind; the full list goes to EXPORT-import-warnings.txt in the current folder."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The WXR file WordPress exported.")
        parser.add_argument(
            "--media-dir",
            help="A copy of the site's wp-content/uploads folder (or a folder holding "
            "wp-content/uploads); attachments are found there by their path below uploads.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do everything and print the report, then write nothing.",
        )
        parser.add_argument(
            "--author-map",
            help="A CSV file of login,slug[,name[,bio]] rows: file a WordPress login's posts "
            "under an existing Newsdesk author, or give the new author a slug, name and bio.",
        )

    def handle(self, *args, export, media_dir, dry_run, author_map, verbosity, **options):
        if not Path(export).is_file():
            raise CommandError(f"{export}: no such file")
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(f"--media-dir {media_dir}: no such folder")
        quiet = verbosity == 0 or not sys.stderr.isatty()
        bars = {}

        def progress(stage):
            if stage not in bars:
                for bar in bars.values():
                    bar.close()
                bars[stage] = tqdm(desc=stage, unit=" item", file=sys.stderr, disable=quiet)
            bars[stage].update()

        try:
            mapped = terms.read_author_map(author_map) if author_map else {}
            report = load.import_export(export, media_dir, dry_run, mapped, progress)
        except ExportError as error:
            raise CommandError(str(error)) from error
        finally:
            for bar in bars.values():
                bar.close()
        self._list_warnings(report, export)
        self.stdout.write("\n".join(report.lines()))

    def _list_warnings(self, report, export):
        """Write every warning to EXPORT-import-warnings.txt; a failure there loses no import."""
        if not report.warnings:
            return
        # The current directory, not the export's: that may be read-only or shared.
        path = Path.cwd() / f"{Path(export).stem}-import-warnings.txt"
        try:
            report.write_details(path)
        except OSError as error:
            self.stderr.write(f"The list of warnings could not be written to {path}: {error}")
