"""Sending editions, the newsroom's side: queue one, send a test, see how far it got.

``queue`` writes one ``Delivery`` row per receiving subscriber, in one statement;
the senders of ``newsdesk.newsletters.sender`` work through the rows. A delivery
row is what makes a send survive a crash without skipping or repeating anyone.
"""

import logging

from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef
from django.db.models.functions import Now
from django.utils import timezone

from . import emails
from .models import Delivery, Edition

logger = logging.getLogger(__name__)


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
