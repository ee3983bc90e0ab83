"""A WordPress post's content as the blocks of a Newsdesk body.

Block-editor content (``<!-- wp:paragraph -->`` and its kin) is cut at its block
delimiters; classic content gets WordPress's own paragraph rules and shortcodes.
Both then go through one HTML mapper: each top-level element becomes a body
block (paragraph, heading, quote, image, code, table), and the text of every
paragraph is cleaned by Wagtail's own rich-text whitelister for the features the
body allows, so no script, event handler or ``javascript:`` link survives.

The result is raw StreamField data (``{"type", "value"}`` dicts), written as is.
"""

import json
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from django.utils.functional import cached_property
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.whitelist import check_url

from newsdesk.core.blocks import TEXT_FEATURES

DELIMITER = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+"
    r"(?P<attrs>\{.*?\}\s+)?(?P<void>/)?-->",
    re.DOTALL,
)
MORE = re.compile(r"<!--more.*?-->|<!--noteaser-->|<!--nextpage-->", re.DOTALL)
CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.DOTALL)
GALLERY = re.compile(r"\[gallery([^\]]*)\]")
EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.DOTALL)
SHORTCODE = re.compile(r"\[([a-zA-Z][\w-]*)[^\]]*\]")
SHORTCODE_TAG = re.compile(r"\[/?[a-zA-Z][\w-]*[^\]]*\]")
BLOCK_START = re.compile(
    r"<(?:h[1-6]|p|ul|ol|blockquote|pre|table|figure|div|hr|wp-gallery|section|dl)\b", re.I
)
URL_ALONE = re.compile(r"^https?://\S+$")
WP_IMAGE_CLASS = re.compile(r"wp-image-(\d+)")
# Elements whose content is never text a reader should see.
DROPPED = ["script", "style", "noscript", "template", "object", "embed", "form", "svg", "math"]
INLINE = {
    "a",
    "b",
    "strong",
    "i",
    "em",
    "span",
    "br",
    "sub",
    "sup",
    "code",
    "small",
    "u",
    "s",
    "abbr",
    "cite",
    "mark",
    "q",
    "del",
    "ins",
    "time",
    "label",
    "font",
}
HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
CONTAINER_BLOCKS = {"core/group", "core/columns", "core/column", "core/cover", "core/media-text"}
MARKUP_BLOCKS = {
    "core/paragraph",
    "core/heading",
    "core/list",
    "core/list-item",
    "core/quote",
    "core/pullquote",
    "core/image",
    "core/gallery",
    "core/table",
    "core/code",
    "core/preformatted",
    "core/verse",
    "core/html",
    "core/freeform",
}
SILENT_BLOCKS = {"core/separator", "core/spacer", "core/more", "core/nextpage"}
AUTO_EXCERPT_WORDS = 55


@dataclass
class Links:
    """What the converter may ask about the rest of the import.

    ``image(wp_id, url)`` gives the pk of the imported picture for an attachment id
    or a file URL, or None; ``url_for(href)`` gives the new address of a link to an
    imported post or page, or None; ``attached`` lists the attachment ids of the post
    (what a ``[gallery]`` with no ids shows).
    """

    image: object = lambda wp_id, url: None
    url_for: object = lambda href: None
    attached: tuple = ()


@dataclass
class Body:
    blocks: list = field(default_factory=list)
    teaser: str = ""
    notes: list = field(default_factory=list)

    def text(self, words=AUTO_EXCERPT_WORDS):
        """The opening words of the paragraphs: WordPress's own automatic excerpt."""
        paragraphs = [strip_tags(b["value"]) for b in self.blocks if b["type"] == "paragraph"]
        return Truncator(" ".join(" ".join(paragraphs).split())).words(words)


def convert(html, links=None):
    """Turn a post's ``content:encoded`` into a ``Body``."""
    body = Body()
    mapper = _Mapper(links or Links(), body)
    if "<!--more" in html:
        teaser = DELIMITER.sub("", html.split("<!--more", 1)[0])
        body.teaser = " ".join(strip_tags(SHORTCODE_TAG.sub("", teaser)).split())
    html = MORE.sub("\n\n", html)
    if DELIMITER.search(html):
        _convert_blocks(html, mapper)
    else:
        mapper.feed(classic_to_html(html, body.notes))
    return body


def _convert_blocks(html, mapper):
    markup = []  # consecutive blocks of plain markup, mapped in one parse
    for name, attrs, inner in split_blocks(html):
        if name in MARKUP_BLOCKS:
            markup.append(inner)
            continue
        if markup:
            mapper.feed("".join(markup))
            markup = []
        if name is None or name in {"core/freeform", "core/shortcode"}:
            mapper.feed(classic_to_html(inner, mapper.body.notes))
        elif name in CONTAINER_BLOCKS:
            _convert_blocks(inner, mapper)
        elif name == "core/embed" or name.startswith("core-embed/"):
            mapper.embed(attrs.get("url", "") or strip_tags(inner).strip())
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


def classic_to_html(text, notes):
    """Classic-editor text as HTML: shortcodes first, then WordPress's paragraph rules."""
    text = CAPTION.sub(_caption, text)
    text = GALLERY.sub(_gallery, text)
    text = EMBED.sub(lambda match: f"\n\n{match[1].strip()}\n\n", text)
    unknown = sorted({match[1] for match in SHORTCODE.finditer(text)})
    if unknown:
        notes.append("shortcodes kept as text: " + ", ".join(f"[{name}]" for name in unknown))
    return autop(text)


def _caption(match):
    attributes, inner = match[1], match[2]
    image = re.match(r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)", inner, re.DOTALL)
    if not image:
        return inner
    caption = image[2].strip() or (re.search(r'caption="([^"]*)"', attributes) or [None, ""])[1]
    return f"\n\n<figure>{image[1]}<figcaption>{caption}</figcaption></figure>\n\n"


def _gallery(match):
    ids = re.search(r'ids="([\d,\s]*)"', match[1])
    return f'\n\n<wp-gallery data-ids="{ids[1] if ids else ""}"></wp-gallery>\n\n'


def autop(text):
    """WordPress's paragraph rules: a blank line starts a paragraph, a line break is ``<br>``."""
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        chunk = chunk.strip()
        if not chunk:
            continue
        if BLOCK_START.match(chunk):
            paragraphs.append(chunk)
        else:
            paragraphs.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n".join(paragraphs)


class _Mapper:
    """Top-level HTML elements to body blocks, appended to ``body.blocks``."""

    def __init__(self, links, body):
        self.links, self.body = links, body

    @cached_property
    def whitelister(self):
        return EditorHTMLConverter(features=TEXT_FEATURES).whitelister

    def feed(self, html):
        """Map a fragment of HTML."""
        soup = BeautifulSoup(html, "html.parser")
        for element in soup.find_all([*DROPPED, "iframe"]):
            # An embedded player is kept as a link to what it showed.
            source = element.get("src", "").strip() if element.name == "iframe" else ""
            if URL_ALONE.match(source):
                link = soup.new_tag("a", href=source)
                link.string = source
                element.replace_with(link)
            else:
                element.decompose()
        self.soup, pending = soup, []
        for node in list(soup.contents):
            pending = self.node(node, pending)
        self.paragraph_of(pending)

    def node(self, node, pending):
        """Map one node; inline content gathers in ``pending`` until a block ends it."""
        if isinstance(node, Comment) or not isinstance(node, NavigableString | Tag):
            return pending
        if isinstance(node, NavigableString):
            return [*pending, node] if node.strip() or pending else pending
        if node.name in INLINE and not node.find("img"):
            return [*pending, node]
        self.paragraph_of(pending)
        self.element(node)
        return []

    def element(self, tag):
        name = tag.name
        if name in HEADINGS:
            text = " ".join(tag.get_text().split())
            if text:
                self.add("heading", {"text": text[:200], "level": HEADINGS[name]})
        elif name in {"p", "ul", "ol"}:
            self.paragraph(tag)
        elif name == "blockquote":
            self.quote(tag)
        elif name == "pre":
            self.paragraph(self._lines(tag.get_text()))
        elif name == "table":
            self.table(tag)
        elif name == "img":
            self.image(tag)
        elif name == "wp-gallery":
            ids = [int(n) for n in re.findall(r"\d+", tag.get("data-ids", ""))]
            for wp_id in ids or self.links.attached:
                self.image_by_id(wp_id)
        elif name == "figure" and tag.find("img") and not tag.find(["figure", "blockquote"]):
            caption = tag.find("figcaption")
            text = " ".join(caption.get_text().split()) if caption else ""
            for image in tag.find_all("img"):
                self.image(image, text)
        elif name != "hr":
            pending = []
            for child in list(tag.contents):
                pending = self.node(child, pending)
            self.paragraph_of(pending)

    def paragraph(self, tag):
        images, links = [], []
        for element in tag.find_all(["img", "a"]):
            (images if element.name == "img" else links).append(element)
        for image in images:
            image.extract()
        text = tag.get_text().strip()
        if URL_ALONE.match(text) and not tag.find(["ul", "ol", "li"]):
            self.embed(text)
        elif text:
            for link in links:
                if link.get("href"):
                    link["href"] = self.links.url_for(link["href"]) or link["href"]
            self.whitelister.clean_node(self.soup, tag)
            self.add("paragraph", str(tag))
        for image in images:
            self.image(image)

    def paragraph_of(self, nodes):
        if not any(str(node).strip() for node in nodes):
            return
        paragraph = self.soup.new_tag("p")
        for node in nodes:
            paragraph.append(node.extract() if isinstance(node, Tag | NavigableString) else node)
        self.paragraph(paragraph)

    def _lines(self, text):
        """Preformatted text as one paragraph, its line breaks kept."""
        paragraph = self.soup.new_tag("p")
        for number, line in enumerate(text.strip("\n").split("\n")):
            if number:
                paragraph.append(self.soup.new_tag("br"))
            paragraph.append(NavigableString(line))
        return paragraph

    def quote(self, tag):
        cite = tag.find(["cite", "footer"])
        attribution = " ".join(cite.extract().get_text().split()) if cite else ""
        parts = [" ".join(p.get_text().split()) for p in tag.find_all("p")] or [tag.get_text()]
        text = "\n\n".join(part for part in parts if part.strip()).strip()
        if text:
            self.add("quote", {"quote": text, "attribution": attribution[:200]})

    def table(self, tag):
        rows = [
            " | ".join(" ".join(cell.get_text().split()) for cell in row.find_all(["th", "td"]))
            for row in tag.find_all("tr")
        ]
        self.paragraph(self._lines("\n".join(row for row in rows if row.strip(" |"))))

    def image(self, tag, caption=""):
        found = WP_IMAGE_CLASS.search(" ".join(tag.get("class", [])))
        wp_id = int(found[1]) if found else None
        self._image_block(self.links.image(wp_id, tag.get("src", "")), caption, tag.get("src"))

    def image_by_id(self, wp_id):
        self._image_block(self.links.image(wp_id, ""), "", f"attachment {wp_id}")

    def _image_block(self, pk, caption, what):
        if pk is None:
            self.body.notes.append(f"image {what} left out: its file was not imported")
        else:
            self.add("image", {"image": pk, "caption": caption[:400], "credit": ""})

    def embed(self, url):
        """An embed is kept as a link: the site's content policy loads nothing from elsewhere."""
        url = url.strip()
        if URL_ALONE.match(url) and check_url(url):
            self.add("paragraph", f'<p><a href="{escape(url)}">{escape(url)}</a></p>')

    def add(self, kind, value):
        self.body.blocks.append({"type": kind, "value": value})
