"""Spam and abuse checks that need no outside service.

Each guard answers a question about a submission. None of them throws a
reader's words away: the worst outcome for a human is a held comment.
"""

import ipaddress
import re
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .models import Comment, lines_of
from .text import fingerprint, normalised

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


class RateLimited(Exception):
    """Raised inside the posting transaction when the client network is over its limit."""

    def __init__(self, retry_after):
        super().__init__(f"retry after {retry_after} seconds")
        self.retry_after = retry_after


def enforce_rate_limit(network):
    """Inside a transaction: wait for this network's turn, then raise ``RateLimited`` if over.

    Counting and inserting must not interleave, or a burst of simultaneous posts
    would all see the same count and all get in. SQLite needs nothing more: our
    transactions take its write lock when they begin. PostgreSQL gets a
    transaction-scoped advisory lock per network, so other networks never wait.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"comments:{network}"])
    if wait := retry_after_seconds(network):
        raise RateLimited(wait)


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


# Short words of thanks are repeated innocently; copied spam runs longer.
REPEAT_MIN_CHARACTERS = 40
REPEAT_WINDOW = timedelta(days=7)
REPEATS_BEFORE_SPAM = 2


def blocklist_reason(form_data, ip, comment_settings):
    """Why the newsroom's blocklists mark this submission as spam, or ``""``."""
    searched = normalised(
        " ".join(form_data.get(field) or "" for field in ("name", "email", "website", "comment"))
    )
    for word in lines_of(comment_settings.blocked_words):
        if normalised(word) in searched:
            return f"blocked word “{word}”"
    email = form_data["email"].lower()
    for entry in lines_of(comment_settings.blocked_emails):
        entry = entry.lower()
        if email == entry or (entry.startswith("@") and email.endswith(entry)):
            return f"blocked email {entry}"
    if ip:
        address = ipaddress.ip_address(ip)
        for entry in lines_of(comment_settings.blocked_addresses):
            if address in ipaddress.ip_network(entry, strict=False):
                return f"blocked IP address {ip} ({entry})"
    return ""


def repeat_verdict(body, now=None):
    """``(status, reason)`` for words already posted elsewhere on the site, or ``None``.

    A copy seen once is held for a moderator, who may know a reader who repeats
    themselves; words seen more often than that are what spam runs look like.
    """
    if len(normalised(body)) < REPEAT_MIN_CHARACTERS:
        return None
    since = (now or timezone.now()) - REPEAT_WINDOW
    copies = (
        Comment.objects.filter(body_fingerprint=fingerprint(body), created_at__gte=since)
        .exclude(status=Comment.Status.TRASH)
        .count()
    )
    if copies >= REPEATS_BEFORE_SPAM:
        return Comment.Status.SPAM, f"the same words were posted {copies} times this week"
    if copies:
        return Comment.Status.PENDING, "the same words were posted on another story this week"
    return None
