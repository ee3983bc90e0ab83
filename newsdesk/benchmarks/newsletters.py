"""Sending an edition to many readers: messages a second, and the sender's peak memory.

Everything runs in a throwaway folder with production settings (never the
reader's own site): a migrated site, readers and an edition queued by
``newsdesk shell``, an SMTP sink in a process of its own (aiosmtpd, counting and
discarding), and the sender as an operator runs it, ``newsdesk newsletters
send-queued --once``. The rate is the sink's: messages received between the
first and the last, over that time. Memory is the sender's peak resident size
as the kernel reports it when it exits.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from aiosmtpd.controller import Controller

from newsdesk.core.servers import production_environment
from newsdesk.testing.sites import free_port

TARGET_RATE = 500
SEND_SECONDS = 1800

FILL = """
import json
from django.utils import timezone
from newsdesk.news.tests.builders import make_article, make_image
from newsdesk.newsletters import sending
from newsdesk.newsletters.models import (
    Edition, EditionStory, Newsletter, Subscriber, Subscription, address_hash)

def reader(n):
    email = f"r{{n}}-{count}@example.org"
    return Subscriber(email=email, address_hash=address_hash(email), status="confirmed",
                      confirmed_at=timezone.now())

newsletter = Newsletter.objects.create(name="Bench {count}", slug="bench-{count}")
for start in range(0, {count}, 5000):
    made = Subscriber.objects.bulk_create(
        reader(n) for n in range(start, min({count}, start + 5000)))
    Subscription.objects.bulk_create(
        Subscription(subscriber=s, newsletter=newsletter) for s in made)
edition = Edition.objects.create(newsletter=newsletter, subject="The week on the harbour",
    intro="Five stories from a busy week on the water, in the order the desk chose them.")
for n in range(5):
    image = None
    if n < 3:
        image = make_image(description=f"Boats in the harbour, picture {{n}}", size=(800, 450))
    story = make_article(f"Harbour week story {{n}} of {count}", hero_image=image)
    EditionStory.objects.create(edition=edition, story=story, sort_order=n)
print(json.dumps(sending.queue(edition)))
"""


@dataclass
class Result:
    subscribers: int
    received: int
    rate: float
    peak_rss_mb: float
    seconds: float
    sender_cpu_ms: float
    sink_cpu_ms: float

    @property
    def capacity(self):
        """Messages a second two otherwise idle cores could send and take: each process's
        CPU time a message, the slower of the two on a core of its own."""
        slowest = max(self.sender_cpu_ms, self.sink_cpu_ms)
        return 1000 / slowest if slowest else 0.0


class Sink:
    """The handler of an SMTP server that counts messages and keeps nothing."""

    def __init__(self):
        self.count = 0
        self.first = self.last = None

    async def handle_DATA(self, server, session, envelope):
        now = time.monotonic()
        self.first = self.first or now
        self.last = now
        self.count += 1
        return "250 OK"


def run_sink(port):
    """``python -m newsdesk.benchmarks.newsletters PORT``: a sink answering "report" lines
    on stdin with its count and the seconds between its first and last message."""
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)  # noqa: T201 - read by the bench
    for line in sys.stdin:
        if line.strip() == "report":
            span = (sink.last - sink.first) if sink.first else 0.0
            print(json.dumps({"count": sink.count, "seconds": span}), flush=True)  # noqa: T201
            sink.count, sink.first, sink.last = 0, None, None
    controller.stop()


def newsdesk(environment, *arguments):
    done = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "newsdesk", *arguments],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"newsdesk {arguments[0]} failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def cpu_seconds(pid):
    """CPU time process ``pid`` has used so far (user and system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def send(environment):
    """Run the sender to the end; ``(seconds, peak resident memory in MB, CPU seconds)``."""
    started = time.monotonic()
    sender = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "newsletters", "send-queued", "--once"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _pid, status, usage = os.wait4(sender.pid, 0)
    sender.returncode = os.waitstatus_to_exitcode(status)
    if sender.returncode:
        raise RuntimeError(f"the sender failed: {sender.stderr.read().decode()[-500:]}")
    sender.stderr.close()
    cpu = usage.ru_utime + usage.ru_stime
    return time.monotonic() - started, usage.ru_maxrss / 1024, cpu


def measure(sizes, connections, progress=print, site_environment=None):
    """Send an edition to each number of readers in ``sizes``; a ``Result`` for each.

    ``site_environment`` runs on an existing, migrated site's environment instead
    of a new one (the tests' throwaway sites).
    """
    port = free_port()
    sink = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "newsdesk.benchmarks.newsletters", str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    results = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-newsletter-bench-") as folder:
        try:
            sink.stdout.readline()
            environment = (site_environment or production_environment(Path(folder))) | {
                "NEWSDESK_EMAIL_URL": f"smtp://127.0.0.1:{port}",
                "NEWSDESK_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "NEWSDESK_NEWSLETTER_RATE": "0",
                "NEWSDESK_NEWSLETTER_CONNECTIONS": str(connections),
                # Publishing the edition's stories need not fetch their pages.
                "NEWSDESK_PAGE_CACHE_PRIMING": "0",
            }
            if site_environment is None:
                progress("Migrating a throwaway site...")
                newsdesk(environment, "migrate", "--no-input", "--verbosity", "0")
            for size in sizes:
                progress(f"Queuing an edition to {size:,} readers...")
                newsdesk(environment, "shell", "-c", FILL.format(count=size))
                progress(f"Sending to {size:,} readers...")
                sink_before = cpu_seconds(sink.pid)
                seconds, peak, cpu = send(environment)
                sink_cpu = cpu_seconds(sink.pid) - sink_before
                sink.stdin.write("report\n")
                sink.stdin.flush()
                report = json.loads(sink.stdout.readline())
                rate = (report["count"] - 1) / report["seconds"] if report["seconds"] else 0.0
                per_message = 1000 / max(report["count"], 1)
                results.append(
                    Result(
                        size,
                        report["count"],
                        rate,
                        peak,
                        seconds,
                        sender_cpu_ms=cpu * per_message,
                        sink_cpu_ms=sink_cpu * per_message,
                    )
                )
        finally:
            sink.stdin.close()
            sink.wait(timeout=30)
    return results


if __name__ == "__main__":
    run_sink(int(sys.argv[1]))
