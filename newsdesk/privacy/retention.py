"""How long a comment keeps its client's IP address, network and browser."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from newsdesk.comments.models import Comment
from newsdesk.newsletters.personal_data import clear_old_addresses

from .erasure import REMOVED
from .models import SCHEDULE, PrivacyRequest

CLEARING_INTERVAL = timedelta(days=1)


def retention_days():
    """``NEWSDESK_COMMENTS_IP_RETENTION_DAYS``: whole days, at least one.

    Never less than a day: the rate limit counts recent comments by network.
    """
    days = settings.NEWSDESK_COMMENTS_IP_RETENTION_DAYS
    if not isinstance(days, int) or days < 1:
        raise ImproperlyConfigured(
            f"NEWSDESK_COMMENTS_IP_RETENTION_DAYS must be a whole number of days, 1 or more, "
            f"not {days!r}."
        )
    return days


def comments_past_retention(now=None):
    """Comments posted longer ago than the retention period that still hold client details."""
    cutoff = (now or timezone.now()) - timedelta(days=retention_days())
    still_held = Q(ip_address__isnull=False) | ~Q(client_network="") | ~Q(user_agent="")
    return Comment.objects.filter(still_held, created_at__lt=cutoff)


def clear_old_ip_addresses(now=None, actor=None):
    """Clear the IP address, network and browser of comments past the retention period,
    and the IP address and network of newsletter sign-ups as old.

    An address quoted in a moderation reason ("blocked IP address …") goes too.
    One transaction; logged for ``actor`` (``None`` for the command line) when
    anything was cleared, so a daily run that finds nothing leaves the log
    readable. Returns how many comments were cleared.
    """
    expired = comments_past_retention(now)
    with transaction.atomic():
        quoted = [
            (pk, reason.replace(ip_address, REMOVED))
            for pk, ip_address, reason in expired.exclude(ip_address=None)
            .exclude(moderation_reason="")
            .values_list("pk", "ip_address", "moderation_reason")
            if ip_address in reason
        ]
        cleared = expired.update(ip_address=None, client_network="", user_agent="")
        for pk, reason in quoted:
            Comment.objects.filter(pk=pk).update(moderation_reason=reason)
        # Newsletter sign-ups keep theirs as long, and are not counted as comments.
        clear_old_addresses((now or timezone.now()) - timedelta(days=retention_days()))
        if cleared:
            PrivacyRequest.objects.record(
                PrivacyRequest.Action.CLEAR_IPS, comment_count=cleared, actor=actor
            )
    return cleared


def clear_on_schedule():
    """``clear_old_ip_addresses`` as the server's scheduler runs it, logged as the schedule."""
    return clear_old_ip_addresses(actor=SCHEDULE)
