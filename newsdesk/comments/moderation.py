"""Every change of a comment's status goes through here.

The admin, the command line and any future API call these functions, so the
rules (who, when, and that a moderation is one transaction) live in one place.
"""

from django.db import transaction
from django.utils import timezone

from .models import Comment

BATCH_SIZE = 500


def _set_status(comment, status, by):
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        locked.status = status
        locked.moderated_at = timezone.now()
        locked.moderated_by = by
        locked.save(update_fields=["status", "moderated_at", "moderated_by"])
    comment.status, comment.moderated_at, comment.moderated_by = (
        locked.status,
        locked.moderated_at,
        locked.moderated_by,
    )
    return comment


def approve(comment, by=None):
    """Publish ``comment`` for every reader."""
    return _set_status(comment, Comment.Status.APPROVED, by)


def mark_spam(comment, by=None):
    """Hide ``comment`` as spam; it stays on file so patterns can be spotted."""
    return _set_status(comment, Comment.Status.SPAM, by)


def trash(comment, by=None):
    """Hide ``comment`` without deleting it, so a mistake can be undone."""
    return _set_status(comment, Comment.Status.TRASH, by)


def hold(comment, by=None):
    """Send ``comment`` back to the moderation queue."""
    return _set_status(comment, Comment.Status.PENDING, by)


def delete(comment, by=None):
    """Remove ``comment`` and its replies for good."""
    with transaction.atomic():
        Comment.objects.filter(pk=comment.pk).delete()


ACTIONS = {"approve": approve, "spam": mark_spam, "trash": trash, "hold": hold, "delete": delete}
STATUS_AFTER = {
    "approve": Comment.Status.APPROVED,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
    "hold": Comment.Status.PENDING,
}


def moderate_many(comments, action, by=None, progress=None):
    """Apply ``action`` (a key of ``ACTIONS``) to every comment in a queryset.

    Works in batches of ``BATCH_SIZE`` ids, each its own transaction, so a
    queue of ten thousand neither holds one long lock nor loads every row at
    once. ``progress`` is called with the number done after each batch.
    Returns how many comments were changed.
    """
    ids = list(comments.order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        with transaction.atomic():
            rows = Comment.objects.select_for_update().filter(pk__in=batch)
            if action == "delete":
                rows.delete()
            else:
                rows.update(
                    status=STATUS_AFTER[action], moderated_at=timezone.now(), moderated_by=by
                )
        done += len(batch)
        if progress:
            progress(done)
    return done


BY_STATUS = {status: ACTIONS[action] for action, status in STATUS_AFTER.items()}


def move_to(comment, status, by=None):
    """Give ``comment`` the ``status`` through the function that owns that change.

    For callers that hold a wanted status rather than a verb, such as the
    admin's edit form.
    """
    return BY_STATUS[status](comment, by=by)
