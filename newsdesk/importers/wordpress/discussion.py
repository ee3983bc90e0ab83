"""Readers' comments, threads kept, written a whole level of replies at a time."""

import ipaddress
import re
from html import unescape

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone
from django.utils.html import strip_tags

from newsdesk.comments.models import (
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    WEBSITE_MAX_LENGTH,
    Comment,
)
from newsdesk.comments.text import fingerprint

from . import rows as rows_

STATUSES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
    "post-trashed": Comment.Status.TRASH,
}
LINKBACKS = {"pingback", "trackback"}
LINE_BREAK = re.compile(r"<br\s*/?>[ \t]*\n?", re.I)
PARAGRAPH_EDGE = re.compile(r"\s*</?(?:p|div|blockquote|ul|ol|li|h[1-6])\b[^>]*>\s*", re.I)
is_url = URLValidator(schemes=["http", "https"])


class Discussions:
    """Comments gathered from a batch of posts, written by ``flush``."""

    def __init__(self, known, report):
        self.known, self.report = known, report
        self.waiting = []  # (article id, wp comment) in file order

    def gather(self, article_id, item):
        """Queue the comments of ``item`` that no earlier run imported; skip linkbacks.

        The caller has ``preload``-ed the ids and parent ids of the comments.
        """
        for comment in item.comments:
            if self.known.get("comment", comment.wp_id) is not None:
                self.report.count("comments", "unchanged")
            elif comment.type in LINKBACKS:
                self.report.not_content[comment.type + "s"] += 1
            else:
                self.waiting.append((article_id, comment))

    def flush(self):
        """Write the queued comments, parents before replies, a level at a time."""
        by_wp_id = {comment.wp_id: (article_id, comment) for article_id, comment in self.waiting}
        levels, depths = {}, {}
        for article_id, comment in self.waiting:
            depth = self._depth(comment, by_wp_id, depths)
            levels.setdefault(depth, []).append((article_id, comment))
        made = {}
        for depth in sorted(levels):
            rows = [self._row(a, c, depth, made) for a, c in levels[depth]]
            ids = rows_.insert(Comment, rows, returning=True)
            for (_article, comment), pk in zip(levels[depth], ids, strict=True):
                made[comment.wp_id] = pk
                self.known.remember("comment", comment.wp_id, pk, look_up_later=False)
        self.report.count("comments", "created", len(self.waiting))
        self.waiting = []

    def _depth(self, comment, by_wp_id, depths):
        """How deep the comment sits: 0 starts a thread; parents in this batch are followed."""
        chain, seen, node = [], set(), comment
        while node.wp_id not in depths:
            chain.append(node)
            seen.add(node.wp_id)
            parent = by_wp_id.get(node.parent_id)
            if parent is None or parent[1].wp_id in seen:
                depth = self._known_depth(node.parent_id)
                break
            node = parent[1]
        else:
            depth = depths[node.wp_id]
        for node in reversed(chain):
            depth += 1
            depths[node.wp_id] = depth
        return depths[comment.wp_id]

    def _known_depth(self, parent_wp_id):
        pk = self.known.get("comment", parent_wp_id) if parent_wp_id else None
        if pk is None:
            return -1
        return Comment.objects.filter(pk=pk).values_list("depth", flat=True).first() or 0

    def _row(self, article_id, comment, depth, made):
        parent_id = None
        if comment.parent_id:
            parent_id = made.get(comment.parent_id) or self.known.get("comment", comment.parent_id)
            if parent_id is None:
                self.report.warn(
                    f"comment {comment.wp_id}",
                    f"answers comment {comment.parent_id}, which is not imported; "
                    "kept as a new thread",
                )
        body = comment_text(comment.content) or "(empty comment)"
        return {
            "article_id": article_id,
            "parent_id": parent_id,
            "depth": max(depth, 0) if parent_id else 0,
            "name": (" ".join(comment_text(comment.author).split()) or "Anonymous")[
                :NAME_MAX_LENGTH
            ],
            "email": _valid(comment.email, validate_email, EMAIL_MAX_LENGTH),
            "website": _valid(comment.url, is_url, WEBSITE_MAX_LENGTH),
            "body": body,
            "body_fingerprint": fingerprint(body),
            "status": self._status(comment),
            "moderation_reason": "",
            "created_at": comment.date or timezone.now(),
            "ip_address": _ip(comment.ip),
            "client_network": "",
            "user_agent": "",
        }

    def _status(self, comment):
        status = STATUSES.get(comment.approved)
        if status is None:
            self.report.warn(
                f"comment {comment.wp_id}",
                f"unknown status {comment.approved!r}; held for moderation",
            )
            return Comment.Status.PENDING
        return status


def comment_text(html):
    """A comment as the plain text Newsdesk keeps, unescaped exactly once.

    Its line breaks and paragraphs stay newlines and blank lines, as a reader's own
    comment keeps them, so ``one.<br />Two.`` never becomes ``one.Two.``.
    """
    if "<" in html:
        html = PARAGRAPH_EDGE.sub("\n\n", LINE_BREAK.sub("\n", html))
        html = strip_tags(html)
    text = unescape(html).replace("\r\n", "\n")
    return re.sub(r"\n\s*\n\s*", "\n\n", text).strip()


def _valid(text, validator, max_length):
    """``text`` if the validator accepts it and it fits, else blank: WordPress checks less."""
    text = text.strip()
    if not text or len(text) > max_length:
        return ""
    try:
        validator(text)
    except ValidationError:
        return ""
    return text


def _ip(text):
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None
