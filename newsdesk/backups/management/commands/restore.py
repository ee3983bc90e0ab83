"""``newsdesk restore DIR``: bring a backup back into an empty data folder."""

from django.core.management.base import BaseCommand, CommandError

from newsdesk.backups.files import BackupError
from newsdesk.backups.management.help import ExampleHelpFormatter
from newsdesk.backups.restore import restore_backup


class Command(BaseCommand):
    help = """\
Restore a backup made by 'newsdesk backup' into an empty site. Every file is
first checked against the checksums in manifest.json: a missing or damaged
file stops the restore before anything is written. The site must be empty:
no files in its media folder (or, with NEWSDESK_MEDIA_URL, in its bucket and
prefix) and no tables in its database (SQLite: the database file in
NEWSDESK_DATA_DIR; PostgreSQL: the database in DATABASE_URL, made empty with
createdb). Then the database, media and secret key are copied
in. Start the site with 'newsdesk serve' afterwards; it applies any newer
migrations.

examples:
  NEWSDESK_DATA_DIR=/srv/newsdesk-new newsdesk restore /srv/backups/newsdesk-2025-05-01-0300
  createdb newsdesk_new
  DATABASE_URL=postgres://newsdesk@db/newsdesk_new newsdesk restore /srv/backups/nightly
"""
    # The checks read the database, which is the thing not restored yet.
    requires_system_checks = []

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", ExampleHelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help="A folder written by newsdesk backup.")

    def handle(self, *args, directory, **options):
        try:
            manifest = restore_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(
                f"The restore stopped part-way: {error}. Empty the data folder "
                "(and, on PostgreSQL, the database) before trying again."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created_at']} "
                f"(Newsdesk {manifest['newsdesk_version']}, {len(manifest['files'])} files). "
                "Start the site with newsdesk serve."
            )
        )
