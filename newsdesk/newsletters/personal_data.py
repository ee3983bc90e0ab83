"""A subscriber's personal data, for the privacy tools: export, erasure, IP retention.

``newsdesk.privacy`` calls these beside its comment functions, so one request
about an address covers both what they said and what they receive.
"""

from django.db.models import Q

from .models import Subscriber, Suppression


def subscriber_record(email):
    """Everything held about the subscriber at ``email``, as a dict for JSON; ``None`` if none."""
    subscriber = Subscriber.objects.with_address(email).first()
    if subscriber is None:
        return None
    subscriptions = subscriber.subscriptions.select_related("newsletter").order_by("created_at")
    return {
        "email": subscriber.email,
        "status": subscriber.status,
        "consent": {
            "signed_up_at": subscriber.signed_up_at,
            "signed_up_from": subscriber.signed_up_from,
            "ip_address": subscriber.ip_address,
            "network": subscriber.client_network,
            "confirmed_at": subscriber.confirmed_at,
            "confirmed_from": subscriber.confirmed_from,
        },
        "unsubscribed_at": subscriber.unsubscribed_at,
        "bounced_at": subscriber.bounced_at,
        "bounce_reason": subscriber.bounce_reason,
        "subscriptions": [
            {"newsletter": chosen.newsletter.name, "chosen_at": chosen.created_at}
            for chosen in subscriptions
        ],
        "deliveries": subscriber.deliveries.count(),
        "on_do_not_mail_list": subscriber.is_suppressed,
    }


def is_subscriber(email):
    return Subscriber.objects.with_address(email).exists()


def erase_subscriber(email):
    """Delete the subscriber at ``email`` with their choices and deliveries; ``True`` if one was.

    The address stays on the suppression list, as a hash only, so an erased
    reader is never mailed again, even from an old list imported later.
    """
    subscriber = Subscriber.objects.with_address(email).first()
    if subscriber is None:
        return False
    Suppression.add(subscriber.email, Suppression.Reason.UNSUBSCRIBED)
    subscriber.delete()
    return True


def clear_old_addresses(cutoff):
    """Clear the IP address and network of sign-ups and confirmations made before ``cutoff``.

    Returns how many subscribers were cleared. The consent's dates and pages stay.
    """
    still_held = Q(ip_address__isnull=False) | ~Q(client_network="") | ~Q(confirmed_from="")
    settled = Q(confirmed_at__lt=cutoff) | Q(confirmed_at__isnull=True)
    expired = Subscriber.objects.filter(still_held, settled, signed_up_at__lt=cutoff)
    return expired.update(ip_address=None, client_network="", confirmed_from="")
