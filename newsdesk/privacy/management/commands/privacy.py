"""``newsdesk privacy``: a commenter's personal data, exported or erased, and IP retention.

    newsdesk privacy export EMAIL [--output FILE]
    newsdesk privacy erase EMAIL [--delete-comments]
    newsdesk privacy clear-ips

Each request is logged for the moderators, as when it is made in the admin.
"""

import os

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from newsdesk.privacy.addresses import checked_email
from newsdesk.privacy.erasure import erase_commenter
from newsdesk.privacy.export import as_json, export_commenter
from newsdesk.privacy.retention import clear_old_ip_addresses, retention_days

EXPORT_HELP = (
    "Write everything held about the commenter who used EMAIL as JSON: their comments on "
    "every story, their newsletter subscription and consent, and the privacy log's "
    "entries about them."
)
ERASE_HELP = (
    "Remove the email, website and IP address from every comment posted with EMAIL and "
    "rename the commenter “Anonymous”; the text stays unless --delete-comments. A "
    "newsletter subscriber at EMAIL is deleted, the address kept only as a hash on the "
    "do-not-mail list."
)
CLEAR_HELP = (
    "Clear the IP address, network and browser of comments older than "
    "NEWSDESK_COMMENTS_IP_RETENTION_DAYS (30 unless set). Meant to run daily."
)


def plural(count, noun):
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def write_private_file(path, text):
    """Write ``text`` to ``path``, readable by its owner only: it holds personal data."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)


class Command(BaseCommand):
    help = (
        "Export or erase a commenter's personal data, and clear IP addresses past their "
        "retention period. Run 'newsdesk privacy SUBCOMMAND --help' for each subcommand."
    )

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(
            dest="subcommand", required=True, metavar="SUBCOMMAND", title="subcommands"
        )
        export = subcommands.add_parser("export", help=EXPORT_HELP, description=EXPORT_HELP)
        export.add_argument("email", metavar="EMAIL", help="The commenter's email address.")
        export.add_argument(
            "--output", metavar="FILE", help="Write the JSON to FILE instead of standard output."
        )
        erase = subcommands.add_parser("erase", help=ERASE_HELP, description=ERASE_HELP)
        erase.add_argument("email", metavar="EMAIL", help="The commenter's email address.")
        erase.add_argument(
            "--delete-comments",
            action="store_true",
            help="Delete the comments as well. Any that other readers replied to are kept "
            "in the trash with their text removed, so the replies stay in place.",
        )
        subcommands.add_parser("clear-ips", help=CLEAR_HELP, description=CLEAR_HELP)

    def handle(self, *args, subcommand, **options):
        try:
            if subcommand == "export":
                self.export(options["email"], options["output"])
            elif subcommand == "erase":
                self.erase(options["email"], options["delete_comments"])
            else:
                self.clear_ips()
        except (ValidationError, ImproperlyConfigured) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from None

    def export(self, email, output):
        """Print the JSON, or write it to ``output``; say so when there is nothing to export."""
        address = checked_email(email)
        # Logged and written together: an export that could not be written is not logged.
        with transaction.atomic():
            export = export_commenter(address)
            if output:
                try:
                    write_private_file(output, as_json(export))
                except OSError as error:
                    raise CommandError(f"Could not write {output}: {error.strerror}.") from None
            else:
                self.stdout.write(as_json(export), ending="")
        count = export["comment_count"]
        if not count:
            # On stderr, so the JSON on stdout stays valid for a pipe.
            self.stderr.write(
                f"No comments were posted with {address}; the list is empty.",
                style_func=self.style.WARNING,
            )
        if output:
            self.stdout.write(f"Wrote {plural(count, 'comment')} by {address} to {output}.")

    def erase(self, email, delete_comments):
        """Erase, then say what happened to how many comments."""
        erasure = erase_commenter(email, delete_comments=delete_comments)
        address = email.strip()
        if erasure.subscriber:
            self.stdout.write(
                f"Deleted the newsletter subscriber {address}; the address stays on the "
                "do-not-mail list as a hash only."
            )
        if not erasure.total:
            nothing = "." if erasure.subscriber else "; nothing to erase."
            self.stdout.write(f"No comments were posted with {address}{nothing}")
        elif not delete_comments:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Erased {plural(erasure.kept, 'comment')} by {address}: now “Anonymous”, "
                    "email, website and IP address removed, text kept."
                )
            )
        else:
            done = f"Deleted {plural(erasure.deleted, 'comment')} by {address}."
            if erasure.kept:
                done += (
                    f" {erasure.kept} that other readers replied to stay in the trash as "
                    "“Anonymous”, text removed, so the replies keep their place."
                )
            self.stdout.write(self.style.SUCCESS(done))

    def clear_ips(self):
        """Clear what is past the retention period and say how many comments that was."""
        days = retention_days()
        cleared = clear_old_ip_addresses()
        self.stdout.write(
            f"Cleared the IP address, network and browser of {plural(cleared, 'comment')} "
            f"posted more than {plural(days, 'day')} ago."
        )
