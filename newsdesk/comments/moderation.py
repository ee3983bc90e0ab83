"""Every change of a comment's status goes through here.

The admin, the command line and any future API call these functions, so the
rules (who, when, and that a moderation is one transaction) live in one place.
One comment or ten thousand, every change ends in ``_change``.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import Comment

BATCH_SIZE = 500
# The "status" ``_change`` gives a comment it deletes.
DELETED = None


@dataclass(frozen=True)
class Outcome:
    """What a moderation did: comments ``changed``, and comments left alone because they
    were ``already`` in the wanted status (only when asked to leave those alone)."""

    changed: int = 0
    already: int = 0

    def __add__(self, other):
        return Outcome(self.changed + other.changed, self.already + other.already)


def _change(ids, status, by, leave_already=False):
    """Lock the comments ``ids`` and give them ``status``, or delete them if it is ``DELETED``.

    Django leaves ``select_for_update`` out of ``update()`` and ``delete()``, so
    the rows are locked by reading them first, in the same transaction, and
    exactly those are changed: a comment deleted meanwhile is skipped, and a
    second moderator's change waits for this one (threat H28). With
    ``leave_already``, a comment already in ``status`` (read under the lock) is
    left as it was, its moderation record and its story's kept pages included.
    The comments' queryset makes their stories' kept pages stale. Returns an
    ``Outcome``.
    """
    with transaction.atomic():
        locked = list(
            Comment.objects.select_for_update().filter(pk__in=ids).values_list("pk", "status")
        )
        todo = [pk for pk, current in locked if not (leave_already and current == status)]
        already = len(locked) - len(todo)
        if todo:
            rows = Comment.objects.filter(pk__in=todo)
            if status is DELETED:
                rows.delete()
            else:
                rows.update(status=status, moderated_at=timezone.now(), moderated_by=by)
    return Outcome(changed=len(todo), already=already)


def _change_one(comment, status, by):
    """``_change`` for one comment, whose instance then shows the new moderation record."""
    _change([comment.pk], status, by)
    comment.refresh_from_db(fields=["status", "moderated_at", "moderated_by"])
    return comment


def approve(comment, by=None):
    """Publish ``comment`` for every reader."""
    return _change_one(comment, Comment.Status.APPROVED, by)


def mark_spam(comment, by=None):
    """Hide ``comment`` as spam; it stays on file so patterns can be spotted."""
    return _change_one(comment, Comment.Status.SPAM, by)


def trash(comment, by=None):
    """Hide ``comment`` without deleting it, so a mistake can be undone."""
    return _change_one(comment, Comment.Status.TRASH, by)


def hold(comment, by=None):
    """Send ``comment`` back to the moderation queue."""
    return _change_one(comment, Comment.Status.PENDING, by)


def delete(comment, by=None):
    """Remove ``comment`` and its replies for good."""
    _change([comment.pk], DELETED, by)


ACTIONS = {"approve": approve, "spam": mark_spam, "trash": trash, "hold": hold, "delete": delete}
STATUS_AFTER = {
    "approve": Comment.Status.APPROVED,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
    "hold": Comment.Status.PENDING,
    "delete": DELETED,
}


def moderate_many(comments, action, by=None, progress=None):
    """Apply ``action`` (a key of ``ACTIONS``) to every comment in a queryset.

    Returns how many comments were changed (see ``tally``).
    """
    return tally(comments, action, by=by, progress=progress).changed


def tally(comments, action, by=None, progress=None, leave_already=False):
    """``moderate_many``, returning the whole ``Outcome``.

    With ``leave_already``, a comment already in the status ``action`` gives is
    not moderated again (no new moderation record, its story's pages kept) and
    is counted as ``already``, for callers that tell the moderator so.

    Works in batches of ``BATCH_SIZE`` ids, each its own transaction, so a
    queue of ten thousand neither holds one long lock nor loads every row at
    once. ``progress`` is called with the number done after each batch.
    """
    ids = list(comments.order_by("pk").values_list("pk", flat=True))
    outcome = Outcome()
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        outcome += _change(batch, STATUS_AFTER[action], by, leave_already)
        if progress:
            progress(start + len(batch))
    return outcome


BY_STATUS = {
    status: ACTIONS[action] for action, status in STATUS_AFTER.items() if status is not DELETED
}


def move_to(comment, status, by=None):
    """Give ``comment`` the ``status`` through the function that owns that change.

    For callers that hold a wanted status rather than a verb, such as the
    admin's edit form.
    """
    return BY_STATUS[status](comment, by=by)


EMPTIABLE = (Comment.Status.SPAM, Comment.Status.TRASH)


def empty(status, by=None):
    """Delete every comment in the spam or the trash for good, in batches; returns how many.

    Only those two: emptying is for what a moderator has already thrown out.
    """
    if status not in EMPTIABLE:
        raise ValueError(f"only spam and trash can be emptied, not {status!r}")
    return moderate_many(Comment.objects.filter(status=status), "delete", by=by)
