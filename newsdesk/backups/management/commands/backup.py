"""``newsdesk backup DIR``: a consistent copy of the site while it serves."""

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from newsdesk.backups.backup import MEDIA_FOLDER, SECRET_KEY_FILE, make_backup
from newsdesk.backups.database import ENGINE_NAMES
from newsdesk.backups.files import BackupError
from newsdesk.backups.management.help import ExampleHelpFormatter


def summary(manifest):
    """One line saying what went into the backup."""
    files = manifest["files"]
    database = next(record for record in files if record["path"] == manifest["database"]["file"])
    media = [record for record in files if record["path"].startswith(f"{MEDIA_FOLDER}/")]
    media_bytes = sum(record["size"] for record in media)
    has_key = any(record["path"] == SECRET_KEY_FILE for record in files)
    key = "secret key" if has_key else "no secret_key file (the key is in NEWSDESK_SECRET_KEY)"
    return (
        f"{ENGINE_NAMES[manifest['database']['engine']]} database "
        f"({filesizeformat(database['size'])}), {len(media)} media file(s) "
        f"({filesizeformat(media_bytes)}), {key}"
    )


class Command(BaseCommand):
    help = """\
Back up the site while it keeps serving: a consistent copy of the database
(SQLite's online backup API, or pg_dump on PostgreSQL), the media (from the
data folder, or every object in the bucket of NEWSDESK_MEDIA_URL) and the data
folder's secret_key file, with manifest.json listing each file's size and
sha256. DIR must be new or empty; the backup only appears there once it is
complete. Restore it with 'newsdesk restore DIR'.

example:
  newsdesk backup /srv/backups/newsdesk-$(date +%F-%H%M)
"""

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", ExampleHelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "directory", metavar="DIR", help="New or empty folder to write the backup into."
        )

    def handle(self, *args, directory, **options):
        try:
            manifest = make_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"The backup failed and was discarded: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Backed up to {directory}: {summary(manifest)}."))
