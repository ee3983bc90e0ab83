"""Making every address in rendered HTML absolute, for HTML read away from the site.

A feed reader shows a story's body on its own page, where ``/media/...`` or
``/news/...`` would point at the reader's own host; RSS has no xml:base to fix that.
"""

from html import escape
from html.parser import HTMLParser
from urllib.parse import urljoin

URL_ATTRIBUTES = {"href", "src", "poster", "cite", "action"}
SRCSET_ATTRIBUTES = {"srcset"}


def _absolute_srcset(value, base_url):
    """``srcset`` lists "address width" pairs; only the addresses change."""
    candidates = []
    for candidate in value.split(","):
        address, _space, descriptor = candidate.strip().partition(" ")
        candidates.append(f"{urljoin(base_url, address)} {descriptor}".strip())
    return ", ".join(candidates)


class _Absolutizer(HTMLParser):
    """Copy HTML through unchanged, except for tags that carry an address."""

    def __init__(self, base_url):
        super().__init__(convert_charrefs=False)
        self.base_url = base_url
        self.out = []

    def _tag(self, tag, attrs, closing):
        if not any(name in URL_ATTRIBUTES | SRCSET_ATTRIBUTES for name, _value in attrs):
            self.out.append(self.get_starttag_text())
            return
        rendered = []
        for name, value in attrs:
            if value is None:
                rendered.append(f" {name}")
                continue
            if name in URL_ATTRIBUTES:
                value = urljoin(self.base_url, value.strip())
            elif name in SRCSET_ATTRIBUTES:
                value = _absolute_srcset(value, self.base_url)
            rendered.append(f' {name}="{escape(value, quote=True)}"')
        self.out.append(f"<{tag}{''.join(rendered)}{' /' if closing else ''}>")

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs, closing=False)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs, closing=True)

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")


def absolute_urls(html, base_url):
    """Return ``html`` with every link and image address resolved against ``base_url``.

    Addresses that are already absolute (and ``mailto:`` or ``#fragment`` links,
    which ``urljoin`` resolves sensibly) come out pointing where they did.
    """
    parser = _Absolutizer(base_url)
    parser.feed(html)
    parser.close()
    return "".join(parser.out)
