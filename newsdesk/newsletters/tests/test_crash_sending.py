"""A sender ``SIGKILL``ed twice in the middle of an edition, then started again: every
reader gets the edition, and only the messages in flight at a kill go out twice."""

import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from aiosmtpd.controller import Controller

from newsdesk.testing.sites import free_port
from newsdesk.testing.smtp import MailServer, Received

pytestmark = [pytest.mark.heavy, pytest.mark.engine]

READERS = 5_000
CONNECTIONS = 3
KILL_AT = (1_200, 2_800)
WITHIN = 120

# Run in the site's own process: the readers and one edition, queued.
SETUP = f"""
import json
from newsdesk.newsletters import sending
from newsdesk.newsletters.tests.builders import edition, subscribers
subscribers({READERS})
print(json.dumps(sending.queue(edition(picture=False))))
"""
OUTCOME = """
import json
from newsdesk.newsletters.models import Delivery, Edition
print(json.dumps({
    "deliveries": dict(Counter(Delivery.objects.values_list("status", flat=True))),
    "editions": list(Edition.objects.values_list("status", flat=True)),
}))
""".replace("import json", "import json\nfrom collections import Counter")


class CountingServer(MailServer):
    """Keeps only who each message was for: parsing 5,000 messages would take the CPU
    the sender needs."""

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), None))
        return "250 Message accepted for delivery"


@pytest.fixture
def mail_server():
    server = CountingServer(port=free_port())
    controller = Controller(server, hostname=server.host, port=server.port)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


def start_sender(site):
    return subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "newsletters", "send-queued", "--once"],
        env=site.environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def kill_when_received(sender, mail_server, count):
    """SIGKILL ``sender`` once the server has taken ``count`` messages."""
    deadline = time.monotonic() + WITHIN
    try:
        while len(mail_server.received) < count and sender.poll() is None:
            assert time.monotonic() < deadline, "the sender did not get that far"
            time.sleep(0.005)
        sender.send_signal(signal.SIGKILL)
    finally:
        sender.kill()
        _out, errors = sender.communicate()
    assert sender.returncode == -signal.SIGKILL, f"the sender ended before the kill: {errors}"


def test_a_sender_killed_twice_mid_edition_skips_nobody_and_repeats_only_messages_in_flight(
    throwaway_site, mail_server
):
    site = throwaway_site(
        "sending",
        NEWSDESK_EMAIL_URL=f"smtp://{mail_server.host}:{mail_server.port}",
        NEWSDESK_NEWSLETTER_RATE="0",
        NEWSDESK_NEWSLETTER_CONNECTIONS=str(CONNECTIONS),
        NEWSDESK_NEWSLETTER_CLAIM_SECONDS="2",
        NEWSDESK_PAGE_CACHE_PRIMING="0",
    )
    assert site.shell(SETUP) == READERS

    for count in KILL_AT:
        kill_when_received(start_sender(site), mail_server, count)
    finished = start_sender(site)
    _out, errors = finished.communicate(timeout=WITHIN)
    assert finished.returncode == 0, errors

    received = Counter(r for message in mail_server.received for r in message.recipients)
    duplicates = sum(received.values()) - len(received)
    print(f"\n{duplicates} duplicate(s) after {len(KILL_AT)} kills of {CONNECTIONS} connections")  # noqa: T201
    assert set(received) == {f"reader{n}@example.org" for n in range(READERS)}
    assert duplicates <= len(KILL_AT) * CONNECTIONS
    assert site.shell(OUTCOME) == {"deliveries": {"sent": READERS}, "editions": ["sent"]}
