"""Share links for a story: plain addresses, so nothing reaches a network until a reader clicks.

No network's script, button or pixel is loaded: each link opens the network's
own share page (or the reader's mail program) with the story's address and
headline filled in. Mastodon has no one address (each reader has an instance),
so it is left out rather than sent through a third party's chooser.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class ShareLink:
    name: str
    href: str
    opens_page: bool = True


def _query(**params):
    return urlencode(params, quote_via=quote)


def share_links(url, title):
    """The share links for the story at absolute ``url`` headed ``title``."""
    with_url = f"{title} {url}"
    return [
        ShareLink("Email", f"mailto:?{_query(subject=title, body=with_url)}", opens_page=False),
        ShareLink("Bluesky", f"https://bsky.app/intent/compose?{_query(text=with_url)}"),
        ShareLink("Facebook", f"https://www.facebook.com/sharer/sharer.php?{_query(u=url)}"),
        ShareLink("X", f"https://x.com/intent/post?{_query(url=url, text=title)}"),
        ShareLink("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?{_query(url=url)}"),
        ShareLink("WhatsApp", f"https://wa.me/?{_query(text=with_url)}"),
    ]
