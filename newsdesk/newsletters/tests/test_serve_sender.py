"""The sender ``newsdesk serve`` starts beside its server sends what is queued, by itself."""

import time

import pytest
from wagtail import hooks

from newsdesk.newsletters import sending
from newsdesk.newsletters.models import Edition

from .builders import edition, subscriber

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WITHIN = 60


def test_the_servers_background_sender_sends_a_queued_edition_and_marks_it_sent(smtp_server):
    workers = [hook() for hook in hooks.get_hooks("newsdesk_serve_workers")]
    subscriber("reader@example.org")
    sent = edition(picture=False)
    sending.queue(sent)

    for worker in workers:
        worker.start()
    try:
        deadline = time.monotonic() + WITHIN
        while time.monotonic() < deadline:
            sent.refresh_from_db()
            if sent.status == Edition.Status.SENT:
                break
            time.sleep(0.1)
    finally:
        for worker in workers:
            worker.stop()

    assert sent.status == Edition.Status.SENT
    assert len(smtp_server.messages_to("reader@example.org")) == 1
