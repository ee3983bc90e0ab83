"""``newsdesk newsletters``: the newsletters' queue and subscriber lists from the command line.

newsdesk newsletters send-queued [--once]
newsdesk newsletters subscribers export FILE.csv
newsdesk newsletters subscribers import FILE.csv
"""

import signal
import sys
import threading

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from newsdesk.newsletters import lists, sender
from newsdesk.newsletters.models import Delivery


class Command(BaseCommand):
    help = (
        "Send queued newsletter editions, and export or import subscriber lists. "
        "Run 'newsdesk newsletters SUBCOMMAND --help' for each subcommand's options."
    )

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(
            dest="subcommand", required=True, metavar="SUBCOMMAND", title="subcommands"
        )
        send = subcommands.add_parser(
            "send-queued",
            help="Send queued editions in the foreground, as a worker of its own.",
            description="Send queued editions in the foreground, as a worker process of its "
            "own beside (or instead of) the sender in 'newsdesk serve'. Runs until stopped "
            "(Ctrl-C, SIGTERM), finishing the messages in flight.",
        )
        send.add_argument(
            "--once",
            action="store_true",
            help="Exit once every queued message has been sent, bounced or failed for good "
            "(waiting for retries), instead of waiting for more.",
        )
        subscribers = subcommands.add_parser(
            "subscribers",
            help="Export or import the subscriber list as CSV.",
            description="Export or import the subscriber list as CSV.",
        )
        actions = subscribers.add_subparsers(
            dest="action", required=True, metavar="ACTION", title="actions"
        )
        export = actions.add_parser(
            "export",
            help="Write every subscriber, their consent and newsletters to FILE.csv.",
            description="Write every subscriber, their consent and newsletters to FILE.csv "
            f"(columns: {', '.join(lists.COLUMNS)}).",
        )
        export.add_argument("file", metavar="FILE.csv", help="Where to write; '-' for stdout.")
        load = actions.add_parser(
            "import",
            help="Add confirmed subscribers from FILE.csv, only those with a consent date.",
            description="Add subscribers from FILE.csv (columns as export writes; email and "
            "confirmed_at are required, newsletters are slugs separated by spaces). A row "
            "without a consent date (confirmed_at) is refused and reported by its line; "
            "suppressed addresses are skipped. A file that cannot be read changes nothing.",
        )
        load.add_argument("file", metavar="FILE.csv", help="The file to read.")

    def handle(self, *args, subcommand, **options):
        if subcommand == "send-queued":
            self.send_queued(options["once"])
        elif options["action"] == "export":
            self.export(options["file"])
        else:
            self.load(options["file"])

    def send_queued(self, once):
        """Send until stopped (or, with ``once``, until nothing is queued), with a bar."""
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        queued = Delivery.objects.filter(status=Delivery.Status.QUEUED).count()
        bar = tqdm(total=queued, unit="email", file=sys.stderr, disable=not sys.stderr.isatty())
        settled = dict.fromkeys(Delivery.Status.values, 0)

        def counted(status):
            settled[status] += 1
            if status != Delivery.Status.QUEUED:
                bar.update(1)

        with bar:
            sender.Sender(on_outcome=counted).run(stop, once=once)
        del settled[Delivery.Status.QUEUED]
        summary = ", ".join(f"{count} {status}" for status, count in settled.items())
        self.stdout.write(self.style.SUCCESS(f"Newsletter emails: {summary}."))

    def export(self, path):
        try:
            with lists.open_for_writing(path) as file:
                count = lists.export(file)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}.") from error
        if path != "-":
            self.stdout.write(self.style.SUCCESS(f"Exported {count} subscribers to {path}."))

    def load(self, path):
        try:
            with open(path, encoding="utf-8-sig", newline="") as file:
                outcome = lists.load(file)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        except lists.BadFile as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from error
        for line, reason in outcome.refused:
            self.stderr.write(f"{path}, line {line}: refused: {reason}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {outcome.added} subscribers; {outcome.skipped} suppressed or already "
                f"there skipped; {len(outcome.refused)} refused."
            )
        )
