"""Showing why a story matched: the reader's words marked in its text."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.rich_text import RichText, get_text_for_indexing

SNIPPET_LENGTH = 220
# How much of the snippet comes before the first match, to give it context.
LEAD_IN = 70
ELLIPSIS = "…"
# The parts of the body's structured blocks that a reader sees as text.
BLOCK_TEXT = {"heading": ("text",), "quote": ("quote", "attribution"), "image": ("caption",)}


def terms_pattern(terms):
    """A regex finding any of ``terms`` as whole words, case-insensitively, or None.

    A phrase's words may be separated by any spaces or punctuation, as the
    full-text engines allow. Longer terms are tried first, so a phrase wins over
    its own first word.
    """
    alternatives = [
        r"[\W_]+".join(map(re.escape, term.split()))
        for term in sorted(terms, key=len, reverse=True)
        if term.strip()
    ]
    if not alternatives:
        return None
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})(?![^\W_])", re.IGNORECASE)


def highlight(text, terms):
    """``text``, escaped, with every occurrence of ``terms`` wrapped in ``<mark>``."""
    return mark_safe(_marked(text, terms_pattern(terms)))  # noqa: S308 - _marked escapes all text


def snippet(text, terms, length=SNIPPET_LENGTH):
    """A short excerpt of ``text`` around the first of ``terms``, highlighted.

    Without a match, the excerpt is the start of the text. Each end that cuts the
    text is marked with an ellipsis, and cuts fall between words. One pass over
    the text finds the match; everything but the ``<mark>`` tags is escaped.
    """
    text = " ".join(text.split())
    pattern = terms_pattern(terms)
    found = pattern.search(text) if pattern else None
    start, end = 0, length
    if found:
        start = max(found.start() - LEAD_IN, 0)
        start = min(_word_start(text, start), found.start()) if start else 0
        end = max(start + length, found.end())
    if end < len(text):
        end = _word_end(text, end, minimum=found.end() if found else start + 1)
    excerpt = _marked(text[start:end], pattern)
    lead = ELLIPSIS if start else ""
    tail = ELLIPSIS if end < len(text) else ""
    return mark_safe(f"{lead}{excerpt}{tail}")  # noqa: S308 - _marked escapes all text


def _word_start(text, index):
    """The start of the first whole word at or after ``index``."""
    space = text.find(" ", index - 1)
    return space + 1 if space != -1 else index


def _word_end(text, index, minimum):
    """The end of the last whole word before ``index``, never before ``minimum``."""
    space = text.rfind(" ", minimum, index + 1)
    return space if space != -1 else index


def _marked(text, pattern):
    if pattern is None:
        return escape(text)
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[position : match.start()]), "<mark>", escape(match[0]), "</mark>"]
        position = match.end()
    pieces.append(escape(text[position:]))
    return "".join(pieces)


def body_text(body):
    """The words of a story body a reader sees: paragraphs, subheadings, quotes, captions."""
    parts = []
    for block in body:
        if isinstance(block.value, RichText):
            parts.append(get_text_for_indexing(block.value.source))
        else:
            parts += [block.value[name] for name in BLOCK_TEXT.get(block.block_type, ())]
    return " ".join(part for part in parts if part)
