"""Sending editions: the durable queue, and the senders that work through it.

``queue`` writes one ``Delivery`` row per receiving subscriber. A sender claims a
small batch of due rows by moving their ``next_attempt_at`` a claim's length
ahead (``NEWSDESK_NEWSLETTER_CLAIM_SECONDS``): no other sender takes them
meanwhile, and if the sender dies they become due again when the claim runs
out, so nobody is skipped. Each message's outcome is written as soon as the mail
server answers, so a sender killed at any moment repeats at most the message in
flight on each of its connections. A sender never starts a message after its
claim's time (by its own clock, a margin before the database's): a slow sender
cannot race another one that took the rows over.

On PostgreSQL several senders share the work: claims skip rows another sender is
claiming (``SELECT ... FOR UPDATE SKIP LOCKED``). On SQLite, which cannot skip
locked rows, one sender at a time runs, holding a lease (``newsdesk.core.lease``).

A permanent refusal (5xx) bounces the address: it is suppressed and never mailed
again. A temporary one (4xx, a lost connection) is tried again later, waiting
longer each time, and fails for good after ``MAX_ATTEMPTS``.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef
from django.db.models.functions import Now
from django.utils import timezone

from . import emails
from .models import Delivery, Edition, Subscriber, Suppression

logger = logging.getLogger(__name__)

LEASE_NAME = "newsletter-sender"
MAX_ATTEMPTS = 5
# Most rows a connection claims at once; fewer when the pace would not send them
# well within the claim.
BATCH_SIZE = 100
ERROR_LENGTH = 500
# A sender with nothing to do looks again this often (seconds).
IDLE_SECONDS = 5


class NotSendable(Exception):
    """The edition cannot be sent: it is sent already, or its newsletter is off."""


# The newsroom's side: queue, test, progress, schedule


def queue(edition, user=None):
    """Queue ``edition`` for every subscriber receiving its newsletter; the number queued.

    The edition becomes SENDING (SENT at once if nobody receives it). Queuing
    twice is refused (``NotSendable``), so an edition never goes out twice.
    """
    with transaction.atomic():
        edition = (
            Edition.objects.select_for_update().select_related("newsletter").get(pk=edition.pk)
        )
        if edition.status not in (Edition.Status.DRAFT, Edition.Status.SCHEDULED):
            raise NotSendable(f"“{edition}” is {edition.get_status_display().lower()} already.")
        if not edition.newsletter.is_active:
            raise NotSendable(f"{edition.newsletter} is switched off.")
        count = _insert_deliveries(edition)
        now = timezone.now()
        edition.status = Edition.Status.SENDING if count else Edition.Status.SENT
        edition.send_started_at = now
        edition.sent_at = None if count else now
        edition.sent_by = user if user is not None and user.is_authenticated else None
        edition.recipient_count = count
        edition.save(
            update_fields=["status", "send_started_at", "sent_at", "sent_by", "recipient_count"]
        )
    return count


def _insert_deliveries(edition):
    """One queued row per receiving subscriber, written by the database in one statement:
    100,000 readers are one INSERT ... SELECT, not 100,000 objects in memory."""
    receivers = edition.newsletter.receiving_subscribers().values(receiver=F("pk"))
    select_sql, params = receivers.query.sql_with_params()
    table = Delivery._meta.db_table
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} "  # noqa: S608 - table name from the model, values bound
            "(edition_id, subscriber_id, status, attempts, next_attempt_at, last_error) "
            f"SELECT %s, receivers.receiver, %s, 0, %s, '' FROM ({select_sql}) receivers",
            [edition.pk, Delivery.Status.QUEUED, now, *params],
        )
        return cursor.rowcount


def send_test(edition, address):
    """Send ``edition`` to ``address`` now, marked as a test, without personal links."""
    rendered = emails.render_edition(edition)
    message = emails.EmailMultiAlternatives(
        subject=f"[Test] {rendered.subject}", body=rendered.text, to=[address]
    )
    message.attach_alternative(rendered.html, "text/html")
    message.send()


def progress(edition):
    """How far ``edition``'s sending has got: a count per delivery status, and the total."""
    counts = dict.fromkeys(Delivery.Status.values, 0)
    rows = Delivery.objects.filter(edition=edition).values_list("status").annotate(Count("pk"))
    counts.update(dict(rows))
    counts["total"] = sum(counts[status] for status in Delivery.Status.values)
    return counts


def queue_due_editions():
    """Periodic job: queue every scheduled edition whose time has come; how many were."""
    due = Edition.objects.filter(status=Edition.Status.SCHEDULED, scheduled_for__lte=Now())
    queued = 0
    for edition in due.order_by("scheduled_for", "pk"):
        try:
            queue(edition, edition.created_by)
        except NotSendable as error:
            logger.warning("Scheduled edition %s not sent: %s", edition.pk, error)
        else:
            queued += 1
    return queued


def finish_editions():
    """Mark SENT every sending edition with nothing left queued."""
    queued = Delivery.objects.filter(edition=OuterRef("pk"), status=Delivery.Status.QUEUED)
    return (
        Edition.objects.filter(status=Edition.Status.SENDING)
        .exclude(Exists(queued))
        .update(status=Edition.Status.SENT, sent_at=Now())
    )


def has_due_deliveries():
    return Delivery.objects.due().exists()


# What became of one message


def classify(error):
    """``(permanent, reply)`` for an exception from sending one message.

    Only the recipient's own refusal (5xx at RCPT or after DATA) is permanent; our
    sender address refused, a lost connection, or anything else is tried again.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, reply = next(iter(error.recipients.values()), (0, b""))
    elif isinstance(error, smtplib.SMTPResponseException) and not isinstance(
        error, smtplib.SMTPSenderRefused
    ):
        code, reply = error.smtp_code, error.smtp_error
    else:
        return False, f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
    if isinstance(reply, bytes):
        reply = reply.decode(errors="replace")
    return 500 <= code < 600, f"{code} {reply}"[:ERROR_LENGTH]


def retry_delay(attempts):
    """How long to wait before attempt ``attempts + 1``: doubling from the base setting."""
    base = settings.NEWSDESK_NEWSLETTER_RETRY_SECONDS
    return timedelta(seconds=min(base * 2 ** (attempts - 1), 6 * 60 * 60))


def record_sent(delivery):
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.SENT, sent_at=Now(), attempts=F("attempts") + 1, last_error=""
    )


def record_skipped(delivery, reason):
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.SKIPPED, last_error=reason
    )


def record_bounce(delivery, reply):
    """The address refused for good: the delivery bounced, the subscriber bouncing, the
    address suppressed so no newsletter is ever sent to it again."""
    subscriber = delivery.subscriber
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.BOUNCED, attempts=F("attempts") + 1, last_error=reply
        )
        Subscriber.objects.filter(pk=subscriber.pk).update(
            status=Subscriber.Status.BOUNCING, bounced_at=Now(), bounce_reason=reply
        )
        Suppression.add(subscriber.email, Suppression.Reason.BOUNCED)


def record_retry(delivery, reply):
    """A temporary failure: try again after a longer wait each time, or fail for good."""
    attempts = delivery.attempts + 1
    rows = Delivery.objects.filter(pk=delivery.pk)
    if attempts >= MAX_ATTEMPTS:
        rows.update(status=Delivery.Status.FAILED, attempts=attempts, last_error=reply)
    else:
        next_attempt = timezone.now() + retry_delay(attempts)
        rows.update(attempts=attempts, next_attempt_at=next_attempt, last_error=reply)
