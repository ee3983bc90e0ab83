"""Feed formats: Django's RSS and Atom writers taught every byline, the full story and
the hero image, and a JSON Feed 1.1 writer, which Django does not have.

Each item carries, besides Django's own keys, ``authors`` (bylines with ``name``
and ``url``), ``summary`` (plain text), ``content_html`` (``None`` unless the
feed is full-text) and ``picture`` (a ``media.Picture`` or ``None``).
"""

import json

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed, rfc3339_date

NAMESPACES = {
    "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
    "xmlns:dc": "http://purl.org/dc/elements/1.1/",
    "xmlns:dcterms": "http://purl.org/dc/terms/",
    "xmlns:media": "http://search.yahoo.com/mrss/",
}


class NewsRssFeed(Rss201rev2Feed):
    """RSS 2.0 with a ``dc:creator`` per byline, ``content:encoded`` and Media RSS."""

    def rss_attributes(self):
        return {**super().rss_attributes(), **NAMESPACES}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item["authors"]:
            handler.addQuickElement("dc:creator", author.name)
        # RSS 2.0 has no element for a story's last update; Dublin Core's is the
        # one feed readers know.
        handler.addQuickElement("dcterms:modified", rfc3339_date(item["updateddate"]))
        if item["content_html"] is not None:
            handler.addQuickElement("content:encoded", item["content_html"])
        picture = item["picture"]
        if picture is not None:
            handler.addQuickElement("media:content", "", _media_content(picture))
            handler.addQuickElement(
                "media:thumbnail",
                "",
                {
                    "url": picture.thumbnail_url,
                    "width": str(picture.thumbnail_width),
                    "height": str(picture.thumbnail_height),
                },
            )


def _media_content(picture):
    return {
        "url": picture.url,
        "type": picture.mime_type,
        "medium": "image",
        "fileSize": str(picture.length),
        "width": str(picture.width),
        "height": str(picture.height),
    }


class NewsAtomFeed(Atom1Feed):
    """Atom 1.0 with an ``<author>`` per byline and the full story as ``<content>``."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", author.name)
            if author.url:
                handler.addQuickElement("uri", author.url)
            handler.endElement("author")
        if item["content_html"] is not None:
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


class JsonFeed(SyndicationFeed):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) from the same items."""

    content_type = "application/feed+json"
    version = "https://jsonfeed.org/version/1.1"

    def write(self, outfile, encoding):
        outfile.write(json.dumps(self.as_dict(), ensure_ascii=False, indent=2))

    def as_dict(self):
        """The whole feed as JSON Feed's top-level object."""
        feed = {
            "version": self.version,
            "title": self.feed["title"],
            "home_page_url": self.feed["link"],
            "feed_url": self.feed["feed_url"],
            "description": self.feed["description"],
            "language": self.feed["language"],
            "authors": [{"name": self.feed["author_name"]}] if self.feed["author_name"] else None,
        }
        return {**_without_empty(feed), "items": [self.item_dict(item) for item in self.items]}

    def item_dict(self, item):
        """One item; ``content_text`` stands in when the feed carries no full stories."""
        picture = item["picture"]
        entry = {
            "id": item["unique_id"],
            "url": item["link"],
            "title": item["title"],
            "summary": item["summary"],
            "content_html": item["content_html"],
            "content_text": item["summary"] if item["content_html"] is None else None,
            "image": picture.url if picture else None,
            "date_published": rfc3339_date(item["pubdate"]),
            "date_modified": rfc3339_date(item["updateddate"]),
            "authors": [_without_empty({"name": a.name, "url": a.url}) for a in item["authors"]],
            "tags": list(item["categories"]),
            "attachments": [
                {"url": p.url, "mime_type": p.mime_type, "size_in_bytes": p.length}
                for p in [picture]
                if p is not None
            ],
        }
        return _without_empty(entry)


def _without_empty(mapping):
    """JSON Feed leaves out what it does not know, rather than sending nulls or []."""
    return {key: value for key, value in mapping.items() if value not in (None, [])}
