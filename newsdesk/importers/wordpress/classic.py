"""Classic-editor content as HTML: WordPress's shortcodes and paragraph rules."""

import re

CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.DOTALL)
GALLERY = re.compile(r"\[gallery([^\]]*)\]")
EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.DOTALL)
SHORTCODE = re.compile(r"\[([a-zA-Z][\w-]*)[^\]]*\]")
BLOCK_START = re.compile(
    r"<(?:h[1-6]|p|ul|ol|blockquote|pre|table|figure|div|hr|wp-gallery|section|dl)\b", re.I
)


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
