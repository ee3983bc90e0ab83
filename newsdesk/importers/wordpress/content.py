"""A WordPress post's content as the blocks of a Newsdesk body.

Block-editor content (``<!-- wp:paragraph -->`` and its kin) is cut at its block
delimiters (``editor``); classic content gets WordPress's own paragraph rules and
shortcodes (``classic``). Both then go through one HTML mapper: each top-level
element becomes a body block (paragraph, heading, quote, pull quote, image,
gallery, embed, separator, table, code, preformatted text, definition list), and
the text of every paragraph is cleaned by Wagtail's own rich-text whitelister for
the features the body allows, so no script, event handler or ``javascript:`` link
survives.

The result is raw StreamField data (``{"type", "value"}`` dicts), written as is.
"""

import re
from dataclasses import dataclass, field
from html import unescape

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.whitelist import check_url

from newsdesk.core.blocks import TEXT_FEATURES

from .classic import classic_to_html
from .editor import DELIMITER, convert_blocks

MORE = re.compile(r"<!--more.*?-->|<!--noteaser-->|<!--nextpage-->", re.DOTALL)
SHORTCODE_TAG = re.compile(r"\[/?[a-zA-Z][\w-]*[^\]]*\]")
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
AUTO_EXCERPT_WORDS = 55
TEXT_BLOCKS = ["p", "li", "div", "ul", "ol", "dt", "dd", "pre", "h1", "h2", "h3", "h4", "h5", "h6"]
PARAGRAPH_MARK = "\x00"
# Where one list item or line ends and the next begins: a space in plain text.
WORD_BREAK = re.compile(r"<(?:/?(?:p|li|ul|ol)|br)\b[^>]*>")


@dataclass
class Links:
    """What the converter may ask about the rest of the import.

    ``image(wp_id, url)`` gives the pk of the imported picture for an attachment id
    or a file URL, or None; ``url_for(href)`` gives the new address of a link to an
    imported post or page, or None; ``attached`` lists the attachment ids of the post
    (what a ``[gallery]`` with no ids shows); ``footnotes`` is what a
    ``core/footnotes`` block lists.
    """

    image: object = lambda wp_id, url: None
    url_for: object = lambda href: None
    attached: tuple = ()
    footnotes: str = ""  # the post's ``footnotes`` metadata: JSON the block editor wrote


@dataclass
class Body:
    blocks: list = field(default_factory=list)
    teaser: str = ""
    notes: list = field(default_factory=list)

    def text(self, words=AUTO_EXCERPT_WORDS):
        """The opening words of the paragraphs: WordPress's own automatic excerpt."""
        # Paragraph values are HTML, escaped once; the excerpt is plain text.
        paragraphs = [
            unescape(strip_tags(WORD_BREAK.sub(" ", b["value"])))
            for b in self.blocks
            if b["type"] == "paragraph"
        ]
        return Truncator(" ".join(" ".join(paragraphs).split())).words(words)


def convert(html, links=None):
    """Turn a post's ``content:encoded`` into a ``Body``."""
    body = Body()
    mapper = _Mapper(links or Links(), body)
    if "<!--more" in html:
        teaser = DELIMITER.sub("", html.split("<!--more", 1)[0])
        body.teaser = " ".join(unescape(strip_tags(SHORTCODE_TAG.sub("", teaser))).split())
    html = MORE.sub("\n\n", html)
    if DELIMITER.search(html):
        convert_blocks(html, mapper)
    else:
        mapper.feed(classic_to_html(html, body.notes))
    return body


class _Mapper:
    """Top-level HTML elements to body blocks, appended to ``body.blocks``."""

    def __init__(self, links, body):
        self.links, self.body = links, body

    @cached_property
    def whitelister(self):
        return EditorHTMLConverter(features=TEXT_FEATURES).whitelister

    def parse(self, html):
        """``html`` as a tree without what a reader never sees; a player becomes a link."""
        soup = BeautifulSoup(html, "html.parser")
        # A footnote's mark links to a note at the foot; the mark alone says as much.
        for mark in soup.find_all("sup", attrs={"data-fn": True}):
            mark.replace_with(f"[{mark.get_text().strip()}]")
        for element in soup.find_all([*DROPPED, "iframe"]):
            source = element.get("src", "").strip() if element.name == "iframe" else ""
            if URL_ALONE.match(source):
                link = soup.new_tag("a", href=source)
                link.string = source
                element.replace_with(link)
            else:
                element.decompose()
        return soup

    def feed(self, html):
        """Map a fragment of HTML."""
        soup = self.parse(html)
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
        elif name == "pre" and (tag.code or "wp-block-code" in tag.get("class", [])):
            self.add("code", tag.get_text().strip("\n"))
        elif name == "pre":
            self.preformatted(tag)
        elif name == "dl":
            self.definitions(tag)
        elif name == "details":
            self.details(tag)
        elif name in {"audio", "video"} or (name == "figure" and tag.find(["audio", "video"])):
            self.media(tag)
        elif name == "table":
            self.table(tag)
        elif name == "figure" and tag.find("table", recursive=False):
            self.table(tag.table, tag.find("figcaption", recursive=False))
        elif name == "img":
            self.image(tag)
        elif name == "wp-gallery":
            ids = [int(n) for n in re.findall(r"\d+", tag.get("data-ids", ""))]
            self._gallery([self.picture(n, "") for n in ids or self.links.attached])
        elif name == "figure" and tag.find("img") and not tag.find(["figure", "blockquote"]):
            caption = tag.find("figcaption")
            for image in tag.find_all("img"):
                self.image(image, _line(caption))
        elif name == "hr":
            self.add("separator", None)
        else:
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

    def preformatted(self, tag):
        """``<pre>`` that is not code (verse, a timetable): its lines and spacing kept."""
        text = _lines_of(tag).strip("\n")
        if text.strip():
            self.add("preformatted", text)

    def definitions(self, tag):
        """A definition list: each term with what follows it until the next term."""
        items = []
        for child in tag.find_all(["dt", "dd"]):
            if child.find_parent("dl") is not tag:
                continue
            if child.name == "dt" or not items:
                items.append(
                    {"term": _line(child)[:200] if child.name == "dt" else "", "definition": ""}
                )
            if child.name == "dd":
                items[-1]["definition"] = "\n\n".join(
                    filter(None, [items[-1]["definition"], _lines(child)])
                )
        items = [item for item in items if item["term"] or item["definition"]]
        if items:
            self.add("definitions", {"items": items})

    def details(self, tag, heading_only=False):
        """A disclosure (``<details>``): its summary as a subheading, then what it hid."""
        summary = tag.find("summary")
        if summary is not None:
            text = _line(summary.extract())
            if text:
                self.add("heading", {"text": text[:200], "level": "h3"})
        if heading_only:
            return
        pending = []
        for child in list(tag.contents):
            pending = self.node(child, pending)
        self.paragraph_of(pending)

    def media(self, tag):
        """Sound or video: a link card to the file, with its caption; nothing plays from here."""
        player = tag if tag.name in {"audio", "video"} else tag.find(["audio", "video"])
        source = player.get("src") or (player.source.get("src", "") if player.source else "")
        self.embed(source, _line(tag.find("figcaption")))

    def quote(self, tag, kind="quote"):
        cite = tag.find(["cite", "footer"])
        attribution = " ".join(cite.extract().get_text().split()) if cite else ""
        text = _paragraphs_text(tag)
        if text:
            self.add(kind, {"quote": text, "attribution": attribution[:200]})

    def pullquote(self, html):
        """A ``core/pullquote`` block: its words and attribution, set apart from quotes."""
        soup = self.parse(html)
        self.quote(soup.blockquote or soup, kind="pullquote")

    def table(self, tag, caption=None):
        """A table's rows as plain-text cells; the first is a header if WordPress marked it so."""
        rows = [(row, [_line(cell) for cell in row.find_all(["th", "td"])]) for row in tag("tr")]
        rows = [(row, cells) for row, cells in rows if any(cells)]
        caption = caption or tag.find("caption")
        if rows:
            first = rows[0][0]
            header = first.parent.name == "thead" or not first.find("td")
            value = {"rows": [cells for _row, cells in rows], "header": header}
            self.add("table", {**value, "caption": _line(caption)[:400]})

    def gallery(self, html):
        """A ``core/gallery`` block: its pictures with their captions, and its own caption."""
        soup = self.parse(html)
        root = soup.find("figure")
        pictures = []
        for tag in soup.find_all("img"):
            holder = tag.find_parent("figure")
            own = holder.find("figcaption", recursive=False) if holder not in {None, root} else None
            pictures.append(self.picture(_wp_id(tag), tag.get("src", ""), _line(own)))
        caption = None
        if root and not root.find("img", recursive=False):
            caption = root.find("figcaption", recursive=False)
        self._gallery(pictures, _line(caption))

    def _gallery(self, pictures, caption=""):
        pictures = [picture for picture in pictures if picture]
        if pictures:
            self.add("gallery", {"images": pictures, "caption": caption[:400]})

    def image(self, tag, caption=""):
        picture = self.picture(_wp_id(tag), tag.get("src", ""), caption)
        if picture:
            self.add("image", picture)

    def picture(self, wp_id, url, caption=""):
        """An image block's value, or None (reported) when its file was not imported."""
        pk = self.links.image(wp_id, url)
        if pk is None:
            what = url or f"attachment {wp_id}"
            self.body.notes.append(f"image {what} left out: its file was not imported")
            return None
        return {"image": pk, "caption": caption[:400], "credit": ""}

    def embed_block(self, url, html):
        """A ``core/embed`` block: the address it showed, with its caption."""
        soup = self.parse(html)
        caption = soup.figcaption.extract() if soup.figcaption else None
        self.embed(url or soup.get_text().strip(), _line(caption))

    def embed(self, url, caption=""):
        """An embed is a link card: the site's content policy loads nothing from elsewhere."""
        url = url.strip()
        if URL_ALONE.match(url) and check_url(url):
            self.add("embed", {"url": url, "caption": caption[:400]})

    def add(self, kind, value):
        self.body.blocks.append({"type": kind, "value": value})


def _line(tag):
    """The text of ``tag`` (None gives ``""``) on one line."""
    return " ".join(tag.get_text().split()) if tag else ""


def _lines(tag):
    """The text of ``tag`` with its ``<br>`` as line breaks and other whitespace folded."""
    return _folded(_lines_of(tag))


def _lines_of(tag):
    """The text of ``tag``, its ``<br>`` turned into line breaks."""
    for line_break in tag.find_all("br"):
        line_break.replace_with("\n")
    return tag.get_text()


def _folded(text):
    """``text`` with the spaces in each line folded and empty lines dropped."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _paragraphs_text(tag):
    """The text of ``tag``, each paragraph, list item or other block parted by a blank line."""
    for block in tag.find_all(TEXT_BLOCKS):
        block.insert_before(NavigableString(PARAGRAPH_MARK))
        block.insert_after(NavigableString(PARAGRAPH_MARK))
    parts = (_folded(part) for part in _lines_of(tag).split(PARAGRAPH_MARK))
    return "\n\n".join(part for part in parts if part)


def _wp_id(img):
    """The WordPress attachment id an ``<img>`` names in its ``wp-image-N`` class, or None."""
    found = WP_IMAGE_CLASS.search(" ".join(img.get("class", [])))
    return int(found[1]) if found else None
