"""Cutting an article body in two so the "Latest developments" box can sit inside it."""

import re
from html import escape
from html.parser import HTMLParser

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

VOID_ELEMENTS = {"br", "hr", "img", "embed", "input", "wbr", "source", "meta", "link"}
# Between paragraph blocks while they are expanded together: Wagtail's rewriters
# leave a comment alone, and the editor never writes one.
BLOCK_BREAK = "<!--newsdesk:block-->"
_PARAGRAPH_OPENING = re.compile(r"\s*<p(\s[^>]*)?>", re.IGNORECASE)


class _TopLevelSplitter(HTMLParser):
    """Split rich text source into its top-level elements, keeping the markup as written."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.parts, self._current, self._depth = [], [], 0

    def _emit(self, text):
        self._current.append(text)
        if self._depth == 0:
            self.parts.append("".join(self._current))
            self._current = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_ELEMENTS:
            self._emit(self.get_starttag_text())
            return
        self._current.append(self.get_starttag_text())
        self._depth += 1

    def handle_startendtag(self, tag, attrs):
        self._emit(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        self._depth = max(self._depth - 1, 0)
        self._emit(f"</{tag}>")

    def handle_data(self, data):
        if self._depth == 0 and not data.strip():
            return
        self._emit(escape(data, quote=False) if self._depth == 0 else data)

    def handle_entityref(self, name):
        self._emit(f"&{name};")

    def handle_charref(self, name):
        self._emit(f"&#{name};")


def top_level_elements(source):
    """Return the top-level elements of rich text ``source`` as separate strings."""
    splitter = _TopLevelSplitter()
    splitter.feed(source)
    splitter.close()
    if splitter._current:
        splitter.parts.append("".join(splitter._current))
    return splitter.parts


def expanded_paragraphs(body):
    """The HTML of every paragraph block in ``body``, in order, links and pictures expanded.

    Wagtail looks up the pages, documents and pictures a piece of rich text
    links to in one go, so the body's blocks are expanded together: a story
    costs the same few queries however many of its paragraphs hold links.
    """
    sources = [block.value.source for block in body if block.block_type == "paragraph"]
    if not sources:
        return []
    expanded = expand_db_html(BLOCK_BREAK.join(sources)).split(BLOCK_BREAK)
    if len(expanded) != len(sources):
        # A block's own text held the marker: expand each block on its own.
        return [expand_db_html(source) for source in sources]
    return expanded


def split_after_paragraph(body, paragraphs, context=None):
    """Render ``body`` as two lists of HTML pieces, cut after its Nth paragraph.

    Paragraphs are counted as they appear to a reader: every top-level ``<p>`` in
    a paragraph block, so one block holding four paragraphs counts as four. A
    body shorter than ``paragraphs`` puts everything in the first list.
    """
    before, after, seen = [], [], 0
    paragraph_html = iter(expanded_paragraphs(body))
    for block in body:
        target = before if seen < paragraphs else after
        if block.block_type != "paragraph":
            target.append(block.render(context=context))
            continue
        for element in top_level_elements(next(paragraph_html)):
            target = before if seen < paragraphs else after
            target.append(mark_safe(element))  # noqa: S308 - the editor's rich text
            if element.lstrip().lower().startswith("<p"):
                seen += 1
    return before, after


def with_dateline(pieces, dateline):
    """``pieces`` of a rendered body with ``dateline`` opening its first paragraph.

    The paper's style: "EASTMERE — The council voted…", the place set in capitals
    by the stylesheet, inside the paragraph so it reads on as one sentence.
    A body without a paragraph, or a story without a dateline, is left as it is.
    """
    if not dateline:
        return pieces
    for number, piece in enumerate(pieces):
        opening = _PARAGRAPH_OPENING.match(piece)
        if opening:
            place = format_html('<span class="story-dateline">{}</span> — ', dateline)
            end = opening.end()
            # The editor's rich text, as safe as it was, with the escaped place inside.
            datelined = mark_safe(piece[:end] + place + piece[end:])  # noqa: S308
            return [*pieces[:number], datelined, *pieces[number + 1 :]]
    return pieces
