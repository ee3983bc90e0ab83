"""``newsdesk newsletter_benchmark``: an edition to 100,000 readers through a local SMTP sink."""

from django.core.management.base import BaseCommand, CommandError

from newsdesk.benchmarks import newsletters as benchmark

HEADINGS = (
    "SUBSCRIBERS   RECEIVED   MSGS/SEC  PEAK RSS MB   SECONDS  SENDER CPU MS/MSG"
    "  SINK CPU MS/MSG  CAPACITY/SEC"
)
ROW = (
    "{subscribers:>11,}  {received:>9,}  {rate:>9.0f}  {peak:>11.0f}  {seconds:>8.1f}"
    "  {sender:>17.2f}  {sink:>15.2f}  {capacity:>12.0f}"
)


class Command(BaseCommand):
    help = (
        "Measure newsletter sending: in a throwaway site (never yours), queue an edition to "
        "each number of readers given, send it with 'newsdesk newsletters send-queued --once' "
        "unpaced through an SMTP sink on loopback (aiosmtpd in a process of its own), and print "
        f"messages per second beside the {benchmark.TARGET_RATE}/s target, and the sender's "
        "peak memory: about the same at every size if memory is flat in readers. Also the CPU "
        "time a message costs the sender and the sink, and the rate two idle cores would "
        "allow from those (on a busy machine the measured rate is lower)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--subscribers",
            type=int,
            nargs="+",
            default=[10_000, 100_000],
            metavar="N",
            help="Readers to send to, one run per number (default: 10000 100000).",
        )
        parser.add_argument(
            "--connections",
            type=int,
            default=3,
            help="SMTP connections the sender holds open (default: %(default)s).",
        )

    def handle(self, *, subscribers, connections, verbosity, **options):
        if min(subscribers) < 1 or connections < 1:
            raise CommandError("--subscribers and --connections must be 1 or more.")
        quiet = verbosity == 0
        try:
            results = benchmark.measure(
                subscribers, connections, progress=lambda line: quiet or self.stderr.write(line)
            )
        except (RuntimeError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(HEADINGS)
        for result in results:
            self.stdout.write(
                ROW.format(
                    subscribers=result.subscribers,
                    received=result.received,
                    rate=result.rate,
                    peak=result.peak_rss_mb,
                    seconds=result.seconds,
                    sender=result.sender_cpu_ms,
                    sink=result.sink_cpu_ms,
                    capacity=result.capacity,
                )
            )
        slow = [r for r in results if r.rate < benchmark.TARGET_RATE and r.subscribers >= 10_000]
        if slow:
            raise CommandError(f"Under {benchmark.TARGET_RATE} messages a second.")
