"""Spam and abuse checks that need no outside service.

Each guard answers a question about a submission. None of them throws a
reader's words away: the worst outcome for a human is a held comment.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import Comment
from .text import normalised

# Linear-time patterns only (threat H23): no nested quantifiers.
LINK_PATTERN = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
NAME_LINK_PATTERN = re.compile(r"(?:https?://|www\.|\.(?:com|net|org|io|ru|cn)\b)", re.IGNORECASE)


def count_links(text):
    """How many web addresses ``text`` holds, found exactly as the page will link them."""
    return len(LINK_PATTERN.findall(text))


def name_looks_like_link(name):
    """Does ``name`` carry a web address or a domain, as spammers' names often do?"""
    return bool(NAME_LINK_PATTERN.search(name))


def retry_after_seconds(network, now=None):
    """Seconds this client network must wait before posting again, or 0 if it may post.

    Counted from the comments table itself, so every server process and worker
    sees the same tally without a shared cache. A limit of 0 or less turns the
    rate limit off.
    """
    limit = settings.NEWSDESK_COMMENTS_RATE_LIMIT
    if limit <= 0:
        return 0
    now = now or timezone.now()
    window = timedelta(seconds=settings.NEWSDESK_COMMENTS_RATE_WINDOW)
    recent = list(
        Comment.objects.filter(client_network=network, created_at__gte=now - window)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return 0
    oldest_counted = recent[-1]
    return max(1, int((oldest_counted + window - now).total_seconds()) + 1)


def is_duplicate(article, email, body):
    """Has this reader already posted these exact words on this story?"""
    candidates = (
        Comment.objects.for_article(article)
        .by_email(email)
        .exclude(status=Comment.Status.TRASH)
        .values_list("body", flat=True)
    )
    wanted = normalised(body)
    return any(normalised(existing) == wanted for existing in candidates)


def held_reason(name, body, comment_settings):
    """Why a human's comment should wait for a moderator, or ``""`` if nothing holds it."""
    links = count_links(body)
    if links > comment_settings.max_links:
        return f"{links} links (the limit is {comment_settings.max_links})"
    if name_looks_like_link(name):
        return "a web address in the name"
    if comment_settings.moderation == comment_settings.Moderation.HOLD_ALL:
        return "every new comment is held for moderation"
    return ""
