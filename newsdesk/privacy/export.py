"""Everything the site holds about one commenter, gathered for them as JSON."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from newsdesk.comments.models import Comment, CommentSettings, lines_of
from newsdesk.newsletters.personal_data import subscriber_record

from .addresses import checked_email, normalised_email
from .models import PrivacyRequest


def comment_record(comment):
    """One comment as the export shows it: every field that came from or describes the reader."""
    return {
        "id": comment.pk,
        "story": {
            "id": comment.article_id,
            "title": comment.article.title,
            "url": comment.article.get_full_url(),
        },
        "posted_at": comment.created_at,
        "status": comment.status,
        "name": comment.name,
        "email": comment.email,
        "website": comment.website,
        "ip_address": comment.ip_address,
        "network": comment.client_network,
        "user_agent": comment.user_agent,
        "text": comment.body,
        "reply_to": comment.parent_id,
        "moderation_reason": comment.moderation_reason,
        "moderated_at": comment.moderated_at,
        "by_staff": comment.by_staff,
    }


def request_record(entry):
    """One line of the privacy log about this commenter."""
    return {
        "request": entry.action,
        "requested_at": entry.requested_at,
        "comment_count": entry.comment_count,
        "comments_deleted": entry.comments_deleted,
    }


def blocklist_entries(email):
    """Lines of the sites' email blocklists that match ``email``, as the comment guards match.

    Erasure leaves them alone: a blocklist is the newsroom's defence against
    abuse, written by a moderator, not data the reader gave.
    """
    address = normalised_email(email)
    entries = []
    for comment_settings in CommentSettings.objects.all():
        for line in lines_of(comment_settings.blocked_emails):
            entry = line.lower()
            if address == entry or (entry.startswith("@") and address.endswith(entry)):
                entries.append(line)
    return entries


def export_commenter(email, actor=None):
    """Everything held about the commenter who typed ``email``, as a dict ready for JSON.

    Their comments on every story, matched on the whole address whatever its
    case, their newsletter subscription with its consent, then the privacy
    log's entries about them, this export included: it is logged in the same
    transaction, for ``actor`` (a user, or ``None`` for
    the command line). Raises ``ValidationError`` if ``email`` is not an address.
    """
    address = checked_email(email)
    with transaction.atomic():
        comments = list(
            Comment.objects.by_email(address).select_related("article").order_by("created_at", "pk")
        )
        PrivacyRequest.objects.record(
            PrivacyRequest.Action.EXPORT, email=address, comment_count=len(comments), actor=actor
        )
        log = PrivacyRequest.objects.for_email(address).order_by("requested_at", "pk")
        return {
            "email": address,
            "exported_at": timezone.now(),
            "comment_count": len(comments),
            "comments": [comment_record(comment) for comment in comments],
            "email_blocklist_entries": blocklist_entries(address),
            "newsletter_subscriber": subscriber_record(address),
            "privacy_requests": [request_record(entry) for entry in log],
        }


def as_json(export):
    """The export as readable UTF-8 JSON text: names in any script stay legible."""
    return json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2) + "\n"
