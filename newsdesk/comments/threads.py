"""Putting a story's comments in reading order, replies under what they answer."""

from dataclasses import dataclass, field

from django.db.models import Q

from .models import Comment


@dataclass
class ThreadEntry:
    """One comment in the thread, with the nesting the template must open or close."""

    comment: Comment
    level: int
    awaiting_moderation: bool
    can_reply: bool
    has_replies: bool = False
    closes: list = field(default_factory=list)


def visible_comments(article, own_ids):
    """Approved comments, plus this reader's own comments still waiting for a moderator."""
    own_waiting = Q(pk__in=own_ids, status__in=(Comment.Status.PENDING, Comment.Status.SPAM))
    visible = (
        Q(status=Comment.Status.APPROVED) | own_waiting
        if own_ids
        else Q(status=Comment.Status.APPROVED)
    )
    return list(Comment.objects.for_article(article).filter(visible).order_by("created_at", "id"))


def build_thread(comments, max_depth):
    """Order ``comments`` depth-first, oldest first at every level.

    Walks with an explicit stack rather than recursion, so a thread of any depth
    renders in bounded time. A reply whose parent is not visible is left out: it
    would read as an answer to nothing.
    """
    children = {}
    for comment in comments:
        children.setdefault(comment.parent_id, []).append(comment)
    entries = []
    stack = [(comment, 0) for comment in reversed(children.get(None, []))]
    while stack:
        comment, level = stack.pop()
        approved = comment.status == Comment.Status.APPROVED
        replies = children.get(comment.pk, []) if approved else []
        entries.append(
            ThreadEntry(
                comment=comment,
                level=level,
                awaiting_moderation=not approved,
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
