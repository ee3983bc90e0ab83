"""``newsdesk bench``: how fast the site serves a breaking story, against the machine's limit."""

from django.core.management.base import BaseCommand, CommandError

from newsdesk.benchmarks import live
from newsdesk.benchmarks.load import WRK
from newsdesk.benchmarks.nginx import NGINX
from newsdesk.benchmarks.scratch import BenchFailed, Options, run_in_scratch
from newsdesk.core.management.commands.serve import cpu_count

DEFAULT_ARTICLES = 2000
DEFAULT_SECONDS = 10
DEFAULT_PASSES = 3
DEFAULT_CONNECTIONS = 64
DEFAULT_COMMENTERS = 32
DEFAULT_PUBLISH_TRIALS = 10


class Command(BaseCommand):
    help = (
        "Benchmark the production server on a throwaway site (never yours): generate N "
        "stories with readers' comments, start `newsdesk serve` on them, and measure from "
        "loopback: 1. nginx serving the breaking story's bytes as a static file (the "
        "machine's limit); 2. cached article hits (that story again and again, anonymous); "
        "3. uncached article renders (every story in turn, each with a ?nocache= number); "
        "4. the front page; 5. comment posts from a crowd of readers, each from a fresh "
        "form, every acknowledged one checked in the database; 6. publish-to-visible "
        "latency on the front page and a story's Latest developments box; 10. first readers "
        "of a new photo: a story published with a new 4000x3000 photo, then 32 readers at "
        "once, with the publish's time, an upload's background work and the hero's size "
        "on a 390 px phone; 11. live coverage: a live story open in 5,000 readers' pages, "
        "each checking for updates every 15 s at a moment of its own, while a reporter "
        "posts every 5 s: the checks' p50/p99, the share the page cache answered, the "
        "time until every page has each update, and the check at full speed against "
        "nginx serving the same bytes. Lines 1-6, 10 and 11 run "
        "with the servers and the load sharing every CPU. Then per core, with wrk on one "
        "CPU and each server on another with one worker: 7. nginx; 8. a bare WSGI "
        "callable on granian sending the same bytes (the floor); 9. cached article hits. "
        "Every server runs in a session of its own, as under a service manager. Prints "
        "requests a second, p50 and p99 for each, the targets of issues 5 and 12 met or "
        "missed, line 2 as a share of line 1, and line 9 as a share of lines 8 and 7. "
        "Load comes from wrk when installed, Python threads otherwise (lines 7-9 need "
        "wrk). Missed targets do not fail the command."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=DEFAULT_ARTICLES,
            help="Stories on the throwaway site (default: %(default)s; the large run is 100000).",
        )
        parser.add_argument(
            "--duration",
            type=int,
            default=DEFAULT_SECONDS,
            help="Whole seconds of each measurement pass, and of the comment crowd "
            "(default: %(default)s).",
        )
        parser.add_argument(
            "--passes",
            type=int,
            default=DEFAULT_PASSES,
            help="Passes of lines 1-4, the best one reported (default: %(default)s). "
            "Comments are posted in one pass; publishing is timed --publish-trials times.",
        )
        parser.add_argument(
            "--connections",
            type=int,
            default=DEFAULT_CONNECTIONS,
            help="Keep-alive connections for lines 1, 2 and 4 (default: %(default)s).",
        )
        parser.add_argument(
            "--render-connections",
            type=int,
            help="Connections for line 3, uncached renders (default: twice --workers): "
            "enough to keep every worker busy, few enough that p50 is the render time "
            "rather than the queue in front of it.",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=cpu_count(),
            help="Worker processes of the server (default: one per CPU core, here %(default)s).",
        )
        parser.add_argument(
            "--commenters",
            type=int,
            default=DEFAULT_COMMENTERS,
            help="Readers commenting at once in line 5 (default: %(default)s).",
        )
        parser.add_argument(
            "--publish-trials",
            type=int,
            default=DEFAULT_PUBLISH_TRIALS,
            help="Stories published one after another in line 6 (default: %(default)s).",
        )
        parser.add_argument(
            "--live-readers",
            type=int,
            default=live.READERS,
            help="Readers' pages following the live story in line 11 (default: %(default)s).",
        )
        parser.add_argument(
            "--live-seconds",
            type=int,
            default=live.SECONDS,
            help="Seconds the readers follow it in line 11; the reporter stops posting one "
            "check interval before the end (default: %(default)s).",
        )
        parser.add_argument(
            "--nginx",
            default=NGINX,
            help="The nginx program for line 1 (default: %(default)s). Without it line 1 "
            "is skipped; on Debian or Ubuntu: apt-get install -y nginx.",
        )
        parser.add_argument(
            "--wrk",
            default=WRK,
            help="The wrk program, looked up on the PATH (default: %(default)s). Without it "
            "a Python load generator is used, which reaches lower figures; on Debian or "
            "Ubuntu: apt-get install -y wrk.",
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Keep the throwaway folder (and PostgreSQL database) and say how to serve it.",
        )
        parser.add_argument(
            "--database-url",
            help="A PostgreSQL server to run on, as postgres://user@host/name: a test_<name> "
            "database is created there and dropped afterwards. Default: SQLite in the "
            "throwaway folder.",
        )

    def handle(self, *args, **options):
        render_connections = options["render_connections"] or 2 * options["workers"]
        counts = (
            "articles", "duration", "passes", "connections",
            "workers", "commenters", "publish_trials", "live_readers", "live_seconds",
        )  # fmt: skip
        if min(options[name] for name in counts) < 1 or render_connections < 1:
            raise CommandError(
                "--articles, --duration, --passes, --connections, --render-connections, "
                "--workers, --commenters, --publish-trials, --live-readers and --live-seconds "
                "must be 1 or more."
            )
        bench = Options(
            articles=options["articles"],
            duration=options["duration"],
            passes=options["passes"],
            connections=options["connections"],
            render_connections=render_connections,
            workers=options["workers"],
            commenters=options["commenters"],
            publish_trials=options["publish_trials"],
            nginx=options["nginx"],
            wrk=options["wrk"],
            keep=options["keep"],
            database_url=options["database_url"],
            live_readers=options["live_readers"],
            live_seconds=options["live_seconds"],
        )
        try:
            run_in_scratch(bench, say=self.stdout.write)
        except BenchFailed as error:
            raise CommandError(str(error)) from error
