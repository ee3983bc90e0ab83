"""Turning a valid "Leave a Reply" form into a stored comment."""

import hashlib
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .forms import deepest_allowed
from .guards import blocklist_reason, enforce_rate_limit, held_reason, repeat_verdict
from .models import Comment, CommentSettings
from .text import normalised


def comments_are_open(article, comment_settings, now=None):
    """Whether readers may comment on ``article`` right now."""
    if not article.comments_open:
        return False
    days = comment_settings.close_after_days
    if days and article.first_published_at:
        return (now or timezone.now()) - article.first_published_at < timedelta(days=days)
    return True


def decide_status(form_data, token, honeypot_value, comment_settings, ip=None):
    """Return ``(status, reason)`` for a new comment; the reason is shown to moderators.

    Bots get spam, silently: the response looks the same as for a held comment,
    so they learn nothing, and a human misjudged as a bot loses no words.
    """
    if honeypot_value:
        return Comment.Status.SPAM, "filled in the hidden field"
    if token.is_too_fast():
        return Comment.Status.SPAM, f"sent {token.age:.1f} seconds after the form was served"
    if reason := blocklist_reason(form_data, ip, comment_settings):
        return Comment.Status.SPAM, reason
    if verdict := repeat_verdict(form_data["comment"]):
        return verdict
    reason = held_reason(form_data["name"], form_data["comment"], comment_settings)
    if reason:
        return Comment.Status.PENDING, reason
    return Comment.Status.APPROVED, ""


def submission_key(token_key, email, body):
    """What makes one sending of the form the same as another: its key and its words.

    A form from a page in the shared cache carries the same key for every reader
    of that copy; with the email and words folded in, two readers of one copy
    post two comments, while a resend of the same words is recognised.
    """
    sent = "\0".join((token_key, normalised(email), normalised(body)))
    return hashlib.sha256(sent.encode()).hexdigest()


def comment_sent_with(token, email, body):
    """The comment this form, with these words, has already created, if any."""
    if token is None:
        return None
    key = submission_key(token.key, email, body)
    return Comment.objects.filter(submission_key=key).first()


def submit_comment(article, form_data, *, token, status, reason, client):
    """Store one comment; returns ``(comment, created)``.

    If a request with the same one-time key was stored first (two sends racing),
    that comment comes back with ``created`` false, to be judged like any resend.
    Raises ``RateLimited`` if the client's network is over its limit, checked in
    the same transaction as the insert.
    """
    parent = form_data.get("reply_to")
    comment = Comment(
        article=article,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        name=form_data["name"],
        email=form_data["email"],
        website=form_data.get("website", ""),
        body=form_data["comment"],
        status=status,
        moderation_reason=reason,
        ip_address=client.ip,
        client_network=client.network,
        user_agent=client.user_agent[:300],
        submission_key=submission_key(token.key, form_data["email"], form_data["comment"]),
    )
    try:
        with transaction.atomic():
            enforce_rate_limit(client.network)
            comment.save()
    except IntegrityError:
        existing = comment_sent_with(token, form_data["email"], form_data["comment"])
        if existing is None:
            raise
        return existing, False
    return comment, True


def post_staff_reply(comment, user, body):
    """Publish ``user``'s reply to ``comment`` as the newsroom's; returns the reply.

    It is approved at once and marked as staff, under ``comment`` or, past the
    thread's depth limit, the nearest ancestor that can take a reply. The
    comment answered keeps its status: replying is not approving it. Saving an
    approved comment makes the story's kept pages stale (``Comment.save``).
    """
    max_depth = CommentSettings.for_site(comment.article.get_site()).max_depth
    parent = deepest_allowed(comment, max_depth)
    now = timezone.now()
    reply = Comment(
        article_id=comment.article_id,
        parent=parent,
        depth=parent.depth + 1,
        name=user.get_full_name() or user.get_username(),
        email=user.email,
        body=body,
        by_staff=True,
        status=Comment.Status.APPROVED,
        created_at=now,
        moderated_at=now,
        moderated_by=user,
    )
    reply.save()
    return reply
