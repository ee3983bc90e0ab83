"""Classic-editor content as HTML: WordPress's shortcodes and paragraph rules."""

import re

CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.DOTALL)
GALLERY = re.compile(r"\[gallery([^\]]*)\]")
EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.DOTALL)
SHORTCODE = re.compile(r"\[([a-zA-Z][\w-]*)[^\]]*\]")
# WordPress embeds an address that stands alone on its line; a <pre> keeps its lines.
URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.M)
PRE = re.compile(r"(<pre\b.*?</pre\s*>)", re.DOTALL | re.I)
# Elements WordPress's paragraph rules treat as blocks: never wrapped in a paragraph.
BLOCKS = {
    *"table thead tfoot tbody caption colgroup col tr td th div dl dt dd ul ol li".split(),
    *"pre form map area blockquote address math style p h1 h2 h3 h4 h5 h6 hr".split(),
    *"fieldset legend section article aside hgroup header footer nav figure".split(),
    *"figcaption details menu summary wp-gallery select option audio video script".split(),
    *"noscript iframe object svg template".split(),
}
# Blocks whose text runs become paragraphs, as the top of a post's text does.
FLOW = {None, "div", "blockquote", "section", "article", "aside", "header", "footer", "nav"}
FLOW |= {"form", "details", "figure", "fieldset", "address"}
# Blocks that hold only other blocks: the line breaks between their children are layout.
STRUCTURE = {"table", "thead", "tfoot", "tbody", "tr", "colgroup", "ul", "ol", "dl", "menu"}
STRUCTURE |= {"hgroup", "select", "audio", "video", "object", "map"}
# Kept exactly as written: their line breaks are their content, or they are dropped later.
VERBATIM = {"pre", "script", "style", "svg", "math", "template"}
VOID = {"hr", "col", "area"}
TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<(?P<closer>/)?(?P<name>[a-zA-Z][\w:-]*)(?:\s(?:[^>\"']|\"[^\"]*\"|'[^']*')*)?/?>",
    re.DOTALL,
)
LINE_BREAK = re.compile(r"(?:<br\s*/?>)?[ \t]*\n\s*", re.I)
DOUBLE_BREAK = re.compile(r"<br\s*/?>\s*<br\s*/?>", re.I)


def classic_to_html(text, notes):
    """Classic-editor text as HTML: shortcodes first, then WordPress's paragraph rules."""
    text = CAPTION.sub(_caption, text)
    text = GALLERY.sub(_gallery, text)
    text = EMBED.sub(lambda match: f"\n\n{match[1].strip()}\n\n", text)
    text = "".join(
        part if number % 2 else URL_LINE.sub("\n\n\\1\n\n", part)
        for number, part in enumerate(PRE.split(text))
    )
    for name in sorted({match[1] for match in SHORTCODE.finditer(text)}):
        notes.append(f"shortcode [{name}] kept as text")
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
    """WordPress's paragraph rules (``wpautop``): paragraphs around runs of text, blocks kept.

    Blank lines part paragraphs and a single line break is a ``<br>``, but only in
    runs of text and inline markup: a heading, list, quote, table, definition list
    or ``<pre>`` stays a block, the line breaks between a list's items are not
    breaks, and a ``<pre>`` keeps its text exactly.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out, open_blocks, position = [], [], 0
    for match in TOKEN.finditer(text):
        name = (match["name"] or "").lower()
        if match.start() < position or name not in BLOCKS:
            continue
        out.append(_paragraphs(text[position : match.start()], open_blocks))
        position = match.end()
        if match["closer"]:
            if name in open_blocks:
                del open_blocks[len(open_blocks) - 1 - open_blocks[::-1].index(name) :]
            out.append(match[0])
        elif name in VERBATIM:
            end = re.compile(rf"</{name}\s*>", re.I).search(text, match.end())
            position = end.end() if end else len(text)
            out.append(text[match.start() : position])
        else:
            out.append(match[0])
            if name not in VOID and not match[0].endswith("/>"):
                open_blocks.append(name)
    out.append(_paragraphs(text[position:], open_blocks))
    return "".join(out)


def _paragraphs(run, open_blocks):
    """A run of text and inline markup inside the innermost of ``open_blocks``."""
    container = open_blocks[-1] if open_blocks else None
    if not run.strip():
        return ""
    if container in STRUCTURE:
        return run.strip()
    # In a list item, cell, heading or paragraph: lines, never paragraphs, as the
    # admin's editor keeps a list item to one block of lines.
    if container not in FLOW:
        return LINE_BREAK.sub("<br>\n", run.strip())
    chunks = re.split(r"\n\s*\n", DOUBLE_BREAK.sub("\n\n", run))
    return "\n".join(
        "<p>" + LINE_BREAK.sub("<br>\n", chunk.strip()) + "</p>"
        for chunk in chunks
        if chunk.strip()
    )
