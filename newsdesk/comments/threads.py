"""Putting a story's comments in reading order, replies under what they answer."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q

from .models import Comment


@dataclass(frozen=True)
class RemovedComment:
    """A comment this reader may not see, kept as a place in the thread and nothing more.

    It holds no name, words or email, so the page cannot show them by mistake.
    """

    pk: int
    parent_id: int | None
    depth: int
    created_at: datetime


@dataclass
class ThreadEntry:
    """One comment in the thread, with the nesting the template must open or close."""

    comment: Comment | RemovedComment
    level: int
    approved: bool
    awaiting_moderation: bool
    can_reply: bool
    has_replies: bool = False
    closes: list = field(default_factory=list)

    @property
    def removed(self):
        """Is this the stand-in for a comment this reader may not see?"""
        return isinstance(self.comment, RemovedComment)


def _visible_to(own_ids):
    """Approved comments, plus this reader's own comments still waiting for a moderator."""
    approved = Q(status=Comment.Status.APPROVED)
    if not own_ids:
        return approved
    return approved | Q(pk__in=own_ids, status__in=(Comment.Status.PENDING, Comment.Status.SPAM))


def visible_comments(article, own_ids):
    """The comments of ``article`` this reader may see, in no particular order.

    With them comes a stand-in for each removed comment that a visible one
    answers, so no approved reply is cut from the thread or from its count.
    """
    visible = _visible_to(own_ids)
    comments = list(Comment.objects.for_article(article).filter(visible))
    return comments + removed_ancestors(article, comments, visible)


def removed_ancestors(article, comments, visible):
    """``RemovedComment`` stand-ins for the hidden comments that ``comments`` descend from.

    No query at all unless a comment's parent is missing. Then one, reading four
    columns of the hidden comments that have replies (every missing ancestor
    has one), so neither the spam folder nor a deep chain is walked row by row.
    """
    shown = {comment.pk for comment in comments}
    if all(comment.parent_id in shown for comment in comments if comment.parent_id is not None):
        return []
    on_article = Comment.objects.for_article(article)
    hidden = {
        pk: RemovedComment(pk, parent_id, depth, created_at)
        for pk, parent_id, depth, created_at in on_article.exclude(visible)
        .filter(pk__in=on_article.filter(parent__isnull=False).values("parent_id"))
        .values_list("pk", "parent_id", "depth", "created_at")
    }
    needed = {}
    for comment in comments:
        parent_id = comment.parent_id
        while parent_id in hidden and parent_id not in needed:
            needed[parent_id] = hidden[parent_id]
            parent_id = hidden[parent_id].parent_id
    return list(needed.values())


def build_thread(comments, max_depth):
    """Order ``comments`` depth-first, oldest first at every level.

    Walks with an explicit stack rather than recursion, so a thread of any depth
    renders in bounded time. A comment whose chain of parents does not reach the
    top of the thread is left out: it would read as an answer to nothing.
    """
    children = {}
    for comment in sorted(comments, key=lambda comment: (comment.created_at, comment.pk)):
        children.setdefault(comment.parent_id, []).append(comment)
    entries = []
    stack = [(comment, 0) for comment in reversed(children.get(None, []))]
    while stack:
        comment, level = stack.pop()
        replies = children.get(comment.pk, [])
        removed = isinstance(comment, RemovedComment)
        approved = not removed and comment.status == Comment.Status.APPROVED
        entries.append(
            ThreadEntry(
                comment=comment,
                level=level,
                approved=approved,
                awaiting_moderation=not (removed or approved),
                can_reply=approved and comment.depth < max_depth - 1,
                has_replies=bool(replies),
            )
        )
        stack.extend((reply, level + 1) for reply in reversed(replies))
    for position, current in enumerate(entries):
        if not current.has_replies:
            following = entries[position + 1] if position + 1 < len(entries) else None
            next_level = following.level if following else 0
            current.closes = list(range(current.level - next_level))
    return entries
