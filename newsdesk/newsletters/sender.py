"""The senders: they work through the queue of deliveries ``sending.queue`` wrote.

A sender claims a small batch of due rows by moving their ``next_attempt_at`` a
claim's length ahead (``NEWSDESK_NEWSLETTER_CLAIM_SECONDS``): no other sender
takes them meanwhile, and if the sender dies they become due again when the
claim runs out, so nobody is skipped. Each message's outcome is written as soon as the mail
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

import contextlib
import logging
import smtplib
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
from django.db import close_old_connections, connection, transaction
from django.db.models import DurationField, F, Value
from django.db.models.functions import Now
from django.utils import timezone

from newsdesk.core.lease import Lease, keep

from . import emails
from .models import Delivery, Edition, Subscriber, Subscription, Suppression
from .sending import finish_editions, has_due_deliveries

logger = logging.getLogger(__name__)

LEASE_NAME = "newsletter-sender"
MAX_ATTEMPTS = 5
# Most rows a connection claims at once; fewer when the pace would not send them
# well within the claim.
BATCH_SIZE = 100
ERROR_LENGTH = 500
# A sender with nothing to do looks again this often (seconds).
IDLE_SECONDS = 5


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
    """The message was taken: one short statement, written before the next message starts.

    Plain SQL: the ORM's building of this statement cost more than running it, once
    per message of 100,000.
    """
    table = Delivery._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s, sent_at = %s, attempts = attempts + 1, "  # noqa: S608
            "last_error = '' WHERE id = %s",
            [
                Delivery.Status.SENT,
                connection.ops.adapt_datetimefield_value(timezone.now()),
                delivery.pk,
            ],
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


# The sender


class Pace:
    """Spaces messages ``1/rate`` seconds apart across all of a sender's connections."""

    def __init__(self, rate):
        self.interval = 1 / rate if rate > 0 else 0
        self._next = time.monotonic()
        self._lock = threading.Lock()

    def wait(self):
        if not self.interval:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next)
            self._next = slot + self.interval
        if slot > now:
            time.sleep(slot - now)


class Sender:
    """Sends due deliveries over ``connections`` SMTP connections held open, one thread each.

    ``on_outcome(status)`` is called after each message's outcome is written (for a
    progress bar). ``stop`` (an Event) ends the work after the messages in flight.
    """

    def __init__(self, connections=None, rate=None, claim_seconds=None, on_outcome=None):
        self.connections = connections or settings.NEWSDESK_NEWSLETTER_CONNECTIONS
        rate = settings.NEWSDESK_NEWSLETTER_RATE if rate is None else rate
        self.pace = Pace(rate)
        self.claim_seconds = claim_seconds or settings.NEWSDESK_NEWSLETTER_CLAIM_SECONDS
        # A batch takes about a quarter of the claim at full pace, or BATCH_SIZE.
        self.batch_size = max(1, min(BATCH_SIZE, int(rate * self.claim_seconds / 4) or BATCH_SIZE))
        self.on_outcome = on_outcome or (lambda status: None)
        self.from_address = sanitize_address(settings.DEFAULT_FROM_EMAIL, settings.DEFAULT_CHARSET)
        self._claiming = threading.Lock()
        self._prepared = {}
        self._preparing = threading.Lock()

    def prepared(self, edition_id):
        """Each edition rendered once per sender, whatever the number of readers."""
        with self._preparing:
            if edition_id not in self._prepared:
                edition = Edition.objects.select_related("newsletter").get(pk=edition_id)
                self._prepared[edition_id] = emails.prepare(edition)
            return self._prepared[edition_id]

    def claim(self):
        """Take up to a batch of due deliveries for this sender; ``(rows, deadline)``.

        The deadline, on this process's steady clock, comes a margin before the claim
        runs out in the database: no message of the batch may start after it.
        """
        started = time.monotonic()
        until = Now() + Value(timedelta(seconds=self.claim_seconds), output_field=DurationField())
        with self._claiming, transaction.atomic():
            due = Delivery.objects.due().order_by("next_attempt_at", "pk")
            ids = list(
                due.select_for_update(skip_locked=True).values_list("pk", flat=True)[
                    : self.batch_size
                ]
            )
            Delivery.objects.filter(pk__in=ids).update(next_attempt_at=until)
        rows = list(Delivery.objects.filter(pk__in=ids).select_related("subscriber").order_by("pk"))
        return rows, started + self.claim_seconds * 3 / 4

    def release(self, rows):
        """Hand back claimed rows this sender will not send, for any sender to take now."""
        if rows:
            Delivery.objects.filter(
                pk__in=[row.pk for row in rows], status=Delivery.Status.QUEUED
            ).update(next_attempt_at=Now())

    def not_to_send(self, rows):
        """``{delivery id: reason}`` for claimed rows whose reader no longer receives it."""
        subscribers = {row.subscriber_id for row in rows}
        suppressed = set(
            Suppression.objects.filter(
                address_hash__in={row.subscriber.address_hash for row in rows}
            ).values_list("address_hash", flat=True)
        )
        newsletters = dict(
            Edition.objects.filter(pk__in={row.edition_id for row in rows}).values_list(
                "pk", "newsletter_id"
            )
        )
        subscribed = set(
            Subscription.objects.filter(subscriber__in=subscribers).values_list(
                "subscriber_id", "newsletter_id"
            )
        )
        reasons = {}
        for row in rows:
            if row.subscriber.address_hash in suppressed:
                reasons[row.pk] = "Suppressed"
            elif row.subscriber.status != Subscriber.Status.CONFIRMED:
                reasons[row.pk] = f"Subscriber {row.subscriber.status}"
            elif (row.subscriber_id, newsletters[row.edition_id]) not in subscribed:
                reasons[row.pk] = "No longer subscribed"
        return reasons

    def send_batch(self, mailer, rows, deadline, stop):
        """Send the claimed ``rows`` over ``mailer``, writing each outcome as it comes."""
        skip = self.not_to_send(rows)
        for index, row in enumerate(rows):
            if stop.is_set() or time.monotonic() > deadline:
                self.release(rows[index:])
                return
            if row.pk in skip:
                record_skipped(row, skip[row.pk])
                self.on_outcome(Delivery.Status.SKIPPED)
                continue
            message = self.prepared(row.edition_id).message(row.subscriber, connection=mailer)
            self.pace.wait()
            try:
                self.transmit(mailer, message)
            # Any backend may be configured, each with its own errors: whatever it
            # raises is this message's failure, temporary unless a 5xx says otherwise.
            except Exception as error:  # noqa: BLE001
                self.on_outcome(self.failed(row, error))
                if not isinstance(error, smtplib.SMTPResponseException):
                    # The connection may be broken: a new one for the next message.
                    mailer.close()
                    mailer.open()
                continue
            record_sent(row)
            self.on_outcome(Delivery.Status.SENT)

    def transmit(self, mailer, message):
        """Hand ``message`` to the mail server.

        Over Django's own SMTP backend, an edition's bytes made once go straight to
        the held-open connection: the backend would re-parse both addresses of
        every message, which costs more than everything else a message takes.
        Our addresses are stored checked and lower-cased; one that is not plain
        ASCII, and every other backend, takes the ordinary way.
        """
        if message.raw is not None and isinstance(mailer, SMTPBackend) and mailer.connection:
            mailer.connection.sendmail(self.from_address, message.to, message.raw)
        else:
            mailer.send_messages([message])

    def failed(self, row, error):
        """Write what became of a message that was not taken; its new status."""
        permanent, reply = classify(error)
        if permanent:
            record_bounce(row, reply)
            return Delivery.Status.BOUNCED
        logger.warning("Newsletter delivery %s not sent, will retry: %s", row.pk, reply)
        record_retry(row, reply)
        return Delivery.Status.QUEUED

    def work(self, stop, may_claim):
        """One connection's loop: claim, send, until nothing is due or ``stop`` is set."""
        mailer = get_connection(fail_silently=False)
        try:
            mailer.open()
            while not stop.is_set() and may_claim():
                rows, deadline = self.claim()
                if not rows:
                    return
                self.send_batch(mailer, rows, deadline, stop)
        finally:
            mailer.close()

    def drain(self, stop, may_claim=lambda: True):
        """Send until nothing is due (or ``stop``), over the connections together; then
        mark the finished editions SENT. One connection works in the calling thread."""
        if self.connections == 1:
            self._work_logged(stop, may_claim)
        else:
            threads = [
                threading.Thread(
                    target=self._work_in_thread,
                    args=(stop, may_claim),
                    name=f"newsletter-sender-{n}",
                    daemon=True,
                )
                for n in range(self.connections)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        # A sender inside a server lives for months: keep no edition's copy past its send.
        self._prepared.clear()
        finish_editions()

    def _work_in_thread(self, stop, may_claim):
        try:
            self._work_logged(stop, may_claim)
        finally:
            close_old_connections()

    def _work_logged(self, stop, may_claim):
        try:
            self.work(stop, may_claim)
        except Exception:
            # Most often the mail server is away: its claimed rows come due again
            # when the claim runs out; wait before trying again.
            logger.exception("A newsletter sender's connection stopped")
            stop.wait(IDLE_SECONDS)

    def run(self, stop, once=False):
        """Send whatever becomes due until ``stop`` is set (with ``once``: until nothing
        is queued any more). Looks for work every few seconds while there is none."""
        try:
            while not stop.is_set():
                if has_due_deliveries():
                    with self.turn() as may_claim:
                        if may_claim is not None:
                            self.drain(stop, may_claim)
                            continue
                finish_editions()
                if once and not Delivery.objects.filter(status=Delivery.Status.QUEUED).exists():
                    return
                stop.wait(self.idle_wait(once))
        finally:
            close_old_connections()

    @contextlib.contextmanager
    def turn(self):
        """This sender's turn to send: at once on PostgreSQL; on SQLite, while it holds
        the sender's lease (None if another sender has it)."""
        if connection.vendor != "sqlite":
            yield lambda: True
            return
        lease = Lease(LEASE_NAME, self.claim_seconds)
        if not lease.take():
            yield None
            return
        keeper_stop = threading.Event()
        keeper = threading.Thread(
            target=keep, args=(lease, keeper_stop), name="newsletter-lease", daemon=True
        )
        keeper.start()
        try:
            yield lease.held
        finally:
            keeper_stop.set()
            keeper.join()
            lease.release()

    def idle_wait(self, once):
        """How long to wait when nothing is due: briefly when draining, for a claim or a
        retry to come due; otherwise ``IDLE_SECONDS``."""
        return min(1.0, self.claim_seconds / 4) if once else IDLE_SECONDS


class SenderThread:
    """The sender inside ``newsdesk serve``: a thread sending whatever is queued, idle
    (one cheap query every few seconds) while nothing is."""

    def __init__(self):
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="newsletter-sender", daemon=True)

    def _run(self):
        while not self._stop.is_set():
            try:
                Sender().run(self._stop)
            except Exception:
                logger.exception("The newsletter sender stopped; starting again")
                self._stop.wait(IDLE_SECONDS)

    def start(self):
        self._thread.start()

    def stop(self, timeout=30):
        """Finish the messages in flight and stop."""
        self._stop.set()
        self._thread.join(timeout)
