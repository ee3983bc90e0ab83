"""Block-editor content: cut at its ``<!-- wp:… -->`` delimiters, each core block mapped.

Blocks of plain markup (paragraph, heading, list, quote, image, table…) go to the
content mapper as HTML; containers (columns, group, buttons) give their blocks in
order; cover, details, file, footnotes, embed, gallery and pull quote are read on
their own; a block WordPress builds as it shows the page, with no text of its own
(latest posts, navigation), is left out and reported.
"""

import json
import re
from html import escape

from django.utils.html import strip_tags

from .classic import classic_to_html

DELIMITER = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+"
    r"(?P<attrs>\{.*?\}\s+)?(?P<void>/)?-->",
    re.DOTALL,
)
# Layout around other blocks: what a reader gets is the blocks inside, in order.
CONTAINER_BLOCKS = {
    "core/group",
    "core/columns",
    "core/column",
    "core/media-text",
    "core/buttons",
    "core/row",
    "core/stack",
}
MARKUP_BLOCKS = {
    "core/paragraph",
    "core/heading",
    "core/list",
    "core/list-item",
    "core/quote",
    "core/image",
    "core/table",
    "core/code",
    "core/preformatted",
    "core/verse",
    "core/html",  # mapped on its own (see convert_blocks)
    "core/button",
    "core/audio",
    "core/video",
}
# Layout and page breaks: nothing a reader of one long page needs.
SILENT_BLOCKS = {"core/spacer", "core/more", "core/nextpage"}
COVER_VIDEO = re.compile(r"<video\b[^>]*wp-block-cover__video-background[^>]*>(?:\s*</video>)?")
DETAILS_WRAPPER = re.compile(r"</?details\b[^>]*>|<summary\b[^>]*>.*?</summary>", re.DOTALL)


def convert_blocks(html, mapper):
    """Map block-editor ``html`` through ``mapper``, block by block."""
    markup = []  # consecutive blocks of plain markup, mapped in one parse
    for name, attrs, inner in split_blocks(html):
        if name in MARKUP_BLOCKS and name != "core/html":
            markup.append(inner)
            continue
        if markup:
            mapper.feed("".join(markup))
            markup = []
        if name == "core/html":
            # Typed by hand: a tag it leaves open must not swallow the blocks after it.
            mapper.feed(inner)
        elif name is None or name in {"core/freeform", "core/shortcode"}:
            mapper.feed(classic_to_html(inner, mapper.body.notes))
        elif name in CONTAINER_BLOCKS:
            convert_blocks(inner, mapper)
        elif name == "core/cover":
            _cover(mapper, attrs, inner)
            convert_blocks(COVER_VIDEO.sub("", inner), mapper)
        elif name == "core/details":
            details = mapper.parse(inner).find("details")
            if details is not None:
                mapper.details(details, heading_only=True)
            convert_blocks(DETAILS_WRAPPER.sub("", inner), mapper)
        elif name == "core/file":
            _file(mapper, inner)
        elif name == "core/footnotes":
            _footnotes(mapper)
        elif name == "core/embed" or name.startswith("core-embed/"):
            mapper.embed_block(attrs.get("url", ""), inner)
        elif name == "core/pullquote":
            mapper.pullquote(inner)
        elif name == "core/gallery":
            mapper.gallery(inner)
        elif name == "core/separator":
            mapper.add("separator", None)
        elif name not in SILENT_BLOCKS and not strip_tags(inner).strip():
            mapper.body.notes.append(f"block {name} left out: WordPress made it as the page showed")
        elif name not in SILENT_BLOCKS:
            mapper.body.notes.append(f"unknown block {name} kept as text")
            mapper.feed(inner)
    if markup:
        mapper.feed("".join(markup))


def split_blocks(html):
    """Yield ``(name, attrs, inner_html)`` for each top-level block; name None for free HTML."""
    depth, position, start, current = 0, 0, 0, None
    for match in DELIMITER.finditer(html):
        name = match["name"] if "/" in match["name"] else f"core/{match['name']}"
        if depth == 0:
            if html[position : match.start()].strip():
                yield None, {}, html[position : match.start()]
            position = match.end()
            if match["void"]:
                yield name, _attributes(match["attrs"]), ""
            elif not match["closer"]:
                depth, start, current = 1, match.end(), (name, _attributes(match["attrs"]))
        elif not match["void"]:
            depth += -1 if match["closer"] else 1
            if depth == 0:
                yield *current, html[start : match.start()]
                position = match.end()
    # A block left open keeps its content rather than losing it.
    rest = html[start:] if depth else html[position:]
    if rest.strip():
        yield None, {}, rest


def _attributes(text):
    try:
        attributes = json.loads(text) if text else {}
    except ValueError:
        return {}
    return attributes if isinstance(attributes, dict) else {}


def _cover(mapper, attrs, html):
    """A ``core/cover``: its picture, when it is one; the words on it follow as blocks.

    Newer covers hold an ``<img>``, mapped with the words; older ones name the
    picture only in the block's attributes.
    """
    if "<img" not in html and attrs.get("backgroundType", "image") == "image":
        wp_id = attrs.get("id") if isinstance(attrs.get("id"), int) else None
        if wp_id or attrs.get("url"):
            picture = mapper.picture(wp_id, str(attrs.get("url", "")))
            if picture:
                mapper.add("image", picture)


def _file(mapper, html):
    """A ``core/file`` download: one link to the file, named as the post named it."""
    link = mapper.parse(html).find("a", href=True)
    if link is not None:
        name = escape(" ".join(link.get_text().split()) or link["href"])
        mapper.feed(f'<p><a href="{escape(link["href"])}">{name}</a></p>')


def _footnotes(mapper):
    """The post's footnotes (kept in its metadata by the block editor) as a numbered list."""
    try:
        notes = json.loads(mapper.links.footnotes or "[]")
    except ValueError:
        notes = []
    notes = [n for n in notes if isinstance(n, dict) and str(n.get("content", "")).strip()]
    if notes:
        items = "".join(f"<li>{note['content']}</li>" for note in notes)
        mapper.feed(f"<ol>{items}</ol>")
