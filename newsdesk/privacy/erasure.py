"""Erasing a commenter: their details go, and their words too if they ask.

What a reader gives besides their words (email, website, IP address and
network, browser) is removed from every comment they posted, and the name
becomes "Anonymous". The text stays unless they also ask for their comments
to be deleted.
"""

import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from newsdesk.comments import moderation
from newsdesk.comments.models import Comment
from newsdesk.newsletters.personal_data import erase_subscriber, is_subscriber

from .addresses import checked_email
from .models import PrivacyRequest

ANONYMOUS = "Anonymous"
REMOVED_TEXT = "This comment was removed at its author's request."
# What a moderation reason ("blocked email …", "blocked IP address …") says in place of the data.
REMOVED = "[removed]"
ERASED_FIELDS = {
    "name": ANONYMOUS,
    "email": "",
    "website": "",
    "ip_address": None,
    "client_network": "",
    "user_agent": "",
}


@dataclass(frozen=True)
class Erasure:
    """What an erasure did, or would do: comments kept without the details, and deleted,
    and whether a newsletter subscriber was deleted."""

    kept: int
    deleted: int
    subscriber: bool = False

    @property
    def total(self):
        return self.kept + self.deleted


def answered_by_others(email):
    """Ids of the commenter's comments that another reader's reply hangs below.

    A comment counts if someone else answered it, or answered one of the
    commenter's own replies further down; found with one query, however deep.
    """
    own = Comment.objects.by_email(email)
    parents = dict(own.values_list("pk", "parent_id"))
    answered = (
        Comment.objects.filter(parent__in=own)
        .exclude(pk__in=own)
        .values_list("parent_id", flat=True)
    )
    found = set()
    for pk in answered:
        while pk in parents and pk not in found:
            found.add(pk)
            pk = parents[pk]
    return found


def preview_erasure(email, delete_comments=False):
    """The ``Erasure`` that ``erase_commenter`` would make now, changing nothing."""
    address = checked_email(email)
    total = Comment.objects.by_email(address).count()
    subscriber = is_subscriber(address)
    if not delete_comments:
        return Erasure(kept=total, deleted=0, subscriber=subscriber)
    kept = len(answered_by_others(address))
    return Erasure(kept=kept, deleted=total - kept, subscriber=subscriber)


def erase_commenter(email, delete_comments=False, actor=None):
    """Remove the commenter who typed ``email`` from every comment they posted; log it.

    Their name becomes "Anonymous" and their email, website, IP address,
    network and browser are cleared, as is either address in a moderation
    reason. Their newsletter subscription is deleted, the address kept only as
    a hash on the do-not-mail list. One transaction does it all, the log entry
    for ``actor`` (a user, or ``None`` for the command line) included. Raises ``ValidationError`` if
    ``email`` is not an address. Returns an ``Erasure``.

    With ``delete_comments`` the comments are deleted, except any that other
    readers replied to. Deleting those would take the replies with them (the
    ``parent`` foreign key cascades), and other readers' words are not the
    commenter's to remove. So those stay as erased placeholders in the trash,
    their text replaced: the article page shows a hidden parent of an approved
    reply as "This comment is no longer shown" (``threads.removed_ancestors``),
    so the replies keep their place in the thread.
    """
    address = checked_email(email)
    by = None if actor is None or isinstance(actor, str) else actor
    with transaction.atomic():
        mine = Comment.objects.by_email(address).select_for_update(of=("self",))
        rows = list(mine.values_list("pk", "ip_address", "moderation_reason", "article__title"))
        if delete_comments:
            placeholders = answered_by_others(address)
            moderation.moderate_many(mine.exclude(pk__in=placeholders), "delete", by=by)
            moderation.moderate_many(mine, "trash", by=by)
            mine.update(body=REMOVED_TEXT, body_fingerprint="")
        kept = mine.update(**ERASED_FIELDS)
        subscriber = erase_subscriber(address)
        _remove_from_reasons(rows, address)
        _rename_in_history(rows)
        PrivacyRequest.objects.record(
            PrivacyRequest.Action.ERASE,
            email=address,
            comment_count=len(rows),
            comments_deleted=delete_comments,
            actor=actor,
        )
    return Erasure(kept=kept, deleted=len(rows) - kept, subscriber=subscriber)


def _remove_from_reasons(rows, address):
    """Blank the address and IP address out of moderation reasons that quote them."""
    for pk, ip_address, reason, _title in rows:
        cleared = re.sub(re.escape(address), REMOVED, reason, flags=re.IGNORECASE)
        if ip_address:
            cleared = cleared.replace(ip_address, REMOVED)
        if cleared != reason:
            Comment.objects.filter(pk=pk).update(moderation_reason=cleared)


def _rename_in_history(rows):
    """Give the comments' entries in Wagtail's history the anonymous name as well.

    An entry's label is the comment's title when it was logged, "Name on
    Story", so a moderator's earlier edit would otherwise keep the name.
    """
    entries = ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Comment))
    by_title = {}
    for pk, _ip, _reason, title in rows:
        by_title.setdefault(title, []).append(str(pk))
    for title, ids in by_title.items():
        # The words of Comment.__str__, which titled these entries.
        label = _("%(name)s on %(article)s") % {"name": ANONYMOUS, "article": title}
        entries.filter(object_id__in=ids).update(label=label)
