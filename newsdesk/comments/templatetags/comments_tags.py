"""Showing readers' comments and the comment form safely."""

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from newsdesk.comments.guards import LINK_PATTERN

register = template.Library()

TRAILING_PUNCTUATION = ".,:;!?)]}'\""
LINK_REL = "nofollow ugc noopener noreferrer"


def _link(url_text):
    """An anchor for one URL a reader typed; trailing punctuation stays outside it."""
    stripped = url_text.rstrip(TRAILING_PUNCTUATION)
    tail = url_text[len(stripped) :]
    href = stripped if "://" in stripped else f"https://{stripped}"
    return format_html('<a href="{}" rel="{}">{}</a>{}', href, LINK_REL, stripped, tail)


def _linkify(text):
    pieces, position = [], 0
    # The pattern that counts links for holding a comment, so every link
    # shown was counted.
    for match in LINK_PATTERN.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(_link(match.group()))
        position = match.end()
    pieces.append(escape(text[position:]))
    return "".join(pieces)


@register.filter
def comment_text(text):
    """Show a reader's plain text safely: HTML as text, web addresses as links, breaks kept.

    A blank line starts a new paragraph; a single line break stays a line break.
    """
    paragraphs = [part for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    html = "".join(
        "<p>{}</p>".format("<br>".join(_linkify(line) for line in paragraph.split("\n")))
        for paragraph in paragraphs
    )
    return mark_safe(html)  # noqa: S308 - every piece above is escaped or format_html


@register.simple_tag
def field_widget(field, describedby=""):
    """Render a form field's input, tied to its note and error for screen readers."""
    ids = [describedby] if describedby else []
    if field.errors:
        ids.append(f"{field.id_for_label}-error")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    if field.field.required:
        attrs["aria-required"] = "true"
    return field.as_widget(attrs=attrs)
