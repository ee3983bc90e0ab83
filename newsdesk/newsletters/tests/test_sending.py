"""Editions sent through a real SMTP server: every reader once, bounces, retries, skips."""

import threading

import pytest

from newsdesk.newsletters import sender, sending
from newsdesk.newsletters.models import Delivery, Edition, Subscriber, Suppression

from .builders import edition, subscriber

pytestmark = pytest.mark.django_db


def send_everything():
    """Drain the queue in this thread, as a sender with one connection does."""
    sender.Sender(connections=1, rate=0).drain(threading.Event())


def test_an_edition_reaches_every_confirmed_reader_once_with_both_parts_and_list_headers(
    smtp_server,
):
    readers = [subscriber(f"reader{n}@example.org") for n in range(3)]
    subscriber("pending@example.org", status=Subscriber.Status.PENDING)
    sent = edition(stories=2)

    assert sending.queue(sent) == 3
    send_everything()

    assert sorted(r for m in smtp_server.received for r in m.recipients) == sorted(
        reader.email for reader in readers
    )
    message = smtp_server.messages_to("reader0@example.org")[0]
    assert message.message["Subject"] == "Tuesday's briefing"
    assert "Harbour story" in message.part("text/plain")
    assert "Harbour story" in message.part("text/html")
    assert message.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        message.message["List-Unsubscribe"]
        .strip()
        .startswith("<http://127.0.0.1:8000/newsletters/")
    )
    assert "daily-briefing" in message.message["List-Id"]
    sent.refresh_from_db()
    assert sent.status == Edition.Status.SENT
    assert sending.progress(sent) | {"total": 3} == {
        "queued": 0,
        "sent": 3,
        "failed": 0,
        "bounced": 0,
        "skipped": 0,
        "total": 3,
    }


def test_a_permanent_refusal_bounces_the_address_for_good(smtp_server):
    reader = subscriber("gone@example.org")
    smtp_server.refuse("gone@example.org")
    sending.queue(edition())

    send_everything()

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.last_error[:3]) == ("bounced", "550")
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.BOUNCING
    assert reader.is_suppressed
    reader.status = Subscriber.Status.CONFIRMED
    reader.save()
    assert sending.queue(edition(subject="Next day")) == 0


def test_a_temporary_refusal_is_tried_again_and_then_delivered(smtp_server, settings):
    settings.NEWSDESK_NEWSLETTER_RETRY_SECONDS = 0
    subscriber("busy@example.org")
    smtp_server.defer("busy@example.org", times=2)
    sending.queue(edition())

    send_everything()

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("sent", 3)
    assert len(smtp_server.messages_to("busy@example.org")) == 1


def test_temporary_refusals_fail_the_delivery_after_the_last_attempt(smtp_server, settings):
    settings.NEWSDESK_NEWSLETTER_RETRY_SECONDS = 0
    subscriber("full@example.org")
    smtp_server.defer("full@example.org", times=sender.MAX_ATTEMPTS)
    sent = edition()
    sending.queue(sent)

    send_everything()

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", sender.MAX_ATTEMPTS)
    assert delivery.last_error.startswith("451")
    sent.refresh_from_db()
    assert sent.status == Edition.Status.SENT
    assert smtp_server.received == []


def test_a_reader_who_left_after_the_edition_was_queued_is_skipped(smtp_server):
    subscriber("stays@example.org")
    subscriber("leaves@example.org")
    sending.queue(edition())
    Suppression.add("leaves@example.org", Suppression.Reason.UNSUBSCRIBED)

    send_everything()

    assert [m.recipients for m in smtp_server.received] == [["stays@example.org"]]
    skipped = Delivery.objects.get(status=Delivery.Status.SKIPPED)
    assert skipped.subscriber.email == "leaves@example.org"


def test_a_test_email_reaches_the_editor_without_personal_links(smtp_server):
    sending.send_test(edition(), "editor@example.org")

    (message,) = smtp_server.messages_to("editor@example.org")
    assert message.message["Subject"] == "[Test] Tuesday's briefing"
    assert "unsubscribe" not in message.part("text/plain").lower()


def test_a_scheduled_edition_is_queued_once_its_time_comes(smtp_server):
    from django.utils import timezone

    subscriber()
    due = edition(status=Edition.Status.SCHEDULED, scheduled_for=timezone.now())
    later = edition(
        status=Edition.Status.SCHEDULED,
        scheduled_for=timezone.now() + timezone.timedelta(hours=1),
    )

    assert sending.queue_due_editions() == 1

    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.status, later.status) == (Edition.Status.SENDING, Edition.Status.SCHEDULED)
