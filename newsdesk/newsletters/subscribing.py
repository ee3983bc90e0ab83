"""Every change a reader makes to their own subscription, one function each.

Signing up, confirming, choosing newsletters and unsubscribing all pass through
here, whether from the sign-up form, a link in an email or a mail provider's
one-click unsubscribe, so the consent record and the suppression list are
kept the same way on every path.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Newsletter, Subscriber, Subscription, Suppression, address_hash

# A bombing of someone else's inbox through our form gets one email an hour (threat H08).
MAIL_INTERVAL = timedelta(hours=1)


@dataclass(frozen=True)
class Client:
    """Where a request came from: the reader's address and its network, and the page."""

    ip: str | None
    network: str
    page: str


@dataclass(frozen=True)
class SignUp:
    """What a sign-up did: the subscriber, and the email it should send, if any.

    ``mail`` is ``"confirm"`` for a new or unconfirmed address, ``"already"`` for
    one already confirmed, or ``""`` when this address was mailed within the hour.
    """

    subscriber: Subscriber
    newsletter_ids: list
    mail: str


def sign_up_limit():
    """``(sign-ups, seconds)``: how many sign-ups one network may send in that window."""
    return settings.NEWSDESK_NEWSLETTERS_SIGN_UP_LIMIT, settings.NEWSDESK_NEWSLETTERS_SIGN_UP_WINDOW


def retry_after_seconds(network, now=None):
    """Seconds this network must wait before signing up again, or 0 if it may now."""
    limit, window = sign_up_limit()
    if limit <= 0:
        return 0
    now = now or timezone.now()
    since = now - timedelta(seconds=window)
    recent = list(
        Subscriber.objects.filter(client_network=network, requested_at__gte=since)
        .order_by("-requested_at")
        .values_list("requested_at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return 0
    return max(1, int((recent[-1] + timedelta(seconds=window) - now).total_seconds()) + 1)


def sign_up(email, newsletters, client, now=None):
    """Record a sign-up for ``newsletters`` from ``client``; returns a ``SignUp``.

    A new or unconfirmed address becomes (or stays) pending with this sign-up's
    consent details. A confirmed one is left as it is: only its owner, through
    the link we email them, may change what they receive.
    """
    now = now or timezone.now()
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
            email=email.strip().lower()
        )
        recently_mailed = subscriber.mailed_at and now - subscriber.mailed_at < MAIL_INTERVAL
        already = subscriber.status == Subscriber.Status.CONFIRMED
        if not already:
            subscriber.status = Subscriber.Status.PENDING
            subscriber.signed_up_at = now
            subscriber.signed_up_from = client.page[:500]
            subscriber.ip_address = client.ip
        subscriber.client_network = client.network
        subscriber.requested_at = now
        if not recently_mailed:
            subscriber.mailed_at = now
        subscriber.save()
    mail = "" if recently_mailed else ("already" if already else "confirm")
    return SignUp(subscriber, sorted(n.pk for n in newsletters), mail)


def forget_mailing(subscriber):
    """The email of a sign-up could not be sent: let the reader's retry send it."""
    Subscriber.objects.filter(pk=subscriber.pk).update(mailed_at=None)


def _choose(subscriber, newsletter_ids, now):
    """Make ``newsletter_ids`` (offered ones only) the subscriber's exact choice."""
    offered = Newsletter.objects.offered().filter(pk__in=newsletter_ids)
    chosen = set(offered.values_list("pk", flat=True))
    subscriber.subscriptions.exclude(newsletter_id__in=chosen).delete()
    have = set(subscriber.subscriptions.values_list("newsletter_id", flat=True))
    Subscription.objects.bulk_create(
        Subscription(subscriber=subscriber, newsletter_id=pk, created_at=now)
        for pk in sorted(chosen - have)
    )
    return chosen


def _confirmed_choice(subscriber, newsletter_ids, client_ip, now):
    """The owner of the address chose these newsletters: they receive them from now on.

    They asked again, so an earlier unsubscribe or bounce no longer stands and the
    address comes off the suppression list; an import never does this.
    """
    _choose(subscriber, newsletter_ids, now)
    if subscriber.status != Subscriber.Status.CONFIRMED:
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = now
        subscriber.confirmed_from = client_ip or ""
        subscriber.unsubscribed_at = None
        subscriber.bounced_at = None
        subscriber.bounce_reason = ""
        subscriber.save()
    Suppression.objects.filter(address_hash=address_hash(subscriber.email)).delete()


def confirm(subscriber, newsletter_ids, client_ip=None, now=None):
    """Confirm a sign-up from its emailed link: the newsletters it named are received.

    An address already confirmed keeps its newsletters and gains these.
    """
    now = now or timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status == Subscriber.Status.CONFIRMED:
            newsletter_ids = {*newsletter_ids, *subscriber.newsletters.values_list("pk", flat=True)}
        _confirmed_choice(subscriber, newsletter_ids, client_ip, now)
    return subscriber


def change_preferences(subscriber, newsletter_ids, client_ip=None, now=None):
    """Save the newsletters chosen on the preferences page; none chosen unsubscribes."""
    if not newsletter_ids:
        return unsubscribe(subscriber, now=now)
    now = now or timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        _confirmed_choice(subscriber, newsletter_ids, client_ip, now)
    return subscriber


def unsubscribe(subscriber, now=None):
    """Stop every newsletter to this address at once, and never mail it again.

    The choice of newsletters is kept, for the newsroom's counts; the
    suppression list is what keeps the senders away.
    """
    now = now or timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
            subscriber.status = Subscriber.Status.UNSUBSCRIBED
            subscriber.unsubscribed_at = now
            subscriber.save(update_fields=["status", "unsubscribed_at"])
        Suppression.add(subscriber.email, Suppression.Reason.UNSUBSCRIBED)
    return subscriber


def receives(subscriber):
    """Ids of the newsletters this subscriber receives now (none unless confirmed)."""
    if subscriber.status != Subscriber.Status.CONFIRMED or subscriber.is_suppressed:
        return set()
    return set(subscriber.newsletters.values_list("pk", flat=True))
