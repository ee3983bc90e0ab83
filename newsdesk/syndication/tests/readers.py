"""What feed readers, validators and crawlers do with Newsdesk's answers, for the tests.

Requests go to the host the paper is served on in development, which is not the
host the Wagtail Site record names, so any address built from the Site record
shows up as wrong.
"""

import json
import re
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path

import feedparser
import jsonschema
from lxml import etree, isoschematron

FILES = Path(__file__).parent / "files"
HOST = "127.0.0.1:8000"
ORIGIN = f"http://{HOST}"
RSS_TYPE = "application/rss+xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
JSON_FEED_TYPE = "application/feed+json"

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "media": "http://search.yahoo.com/mrss/",
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
RFC_822 = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}"
)
W3C_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?")
ABSOLUTE = re.compile(rf"{re.escape(ORIGIN)}/\S*")
RSS_CHANNEL_ELEMENTS = {
    "title", "link", "description", "language", "copyright", "managingEditor", "webMaster",
    "pubDate", "lastBuildDate", "category", "generator", "docs", "cloud", "ttl", "image",
    "rating", "textInput", "skipHours", "skipDays", "item",
}  # fmt: skip
RSS_ITEM_ELEMENTS = {
    "title", "link", "description", "author", "category", "comments", "enclosure", "guid",
    "pubDate", "source",
}  # fmt: skip


def fetch(client, url, **headers):
    """GET ``url`` as a reader of the paper on 127.0.0.1:8000 would."""
    return client.get(url, HTTP_HOST=HOST, **headers)


def read_feed(client, url):
    """Fetch and parse a feed as feedparser does, insisting it parsed without complaint.

    Relative addresses are left alone and HTML unsanitised, so the tests see
    what the feed says rather than what feedparser repaired.
    """
    response = fetch(client, url)
    assert response.status_code == 200, (url, response.status_code)
    feed = feedparser.parse(response.content, resolve_relative_uris=False, sanitize_html=False)
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    return feed


def xml_of(response):
    return etree.fromstring(response.content)


@cache
def _atom_validators():
    grammar = etree.RelaxNG(etree.parse(str(FILES / "atom.rng")))
    rules = isoschematron.Schematron(etree.parse(str(FILES / "atom.sch")))
    return grammar, rules


def atom_errors(content):
    """RFC 4287 violations in an Atom document: the RELAX NG grammar, then the Schematron rules."""
    grammar, rules = _atom_validators()
    document = etree.fromstring(content)
    errors = [] if grammar.validate(document) else [str(e) for e in grammar.error_log]
    if not rules.validate(document):
        errors += [str(e) for e in rules.error_log]
    return errors


@cache
def _sitemap_grammar():
    return etree.RelaxNG(etree.parse(str(FILES / "sitemaps.rng")))


def sitemap_errors(content):
    """Sitemaps protocol (and Google News extension) violations in a sitemap or sitemap index."""
    grammar = _sitemap_grammar()
    return (
        [] if grammar.validate(etree.fromstring(content)) else [str(e) for e in grammar.error_log]
    )


def json_feed_errors(document):
    """JSON Feed 1.1 violations, from the schema written from the spec."""
    schema = json.loads((FILES / "jsonfeed-1.1.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    return [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)
    ]


def rfc_822_problem(text):
    """Why ``text`` is not an RFC 822 date as RSS 2.0 wants it, or ``None``."""
    if not RFC_822.fullmatch(text or ""):
        return f"not an RFC 822 date: {text!r}"
    when = parsedate_to_datetime(text)
    if when.strftime("%a") != text[:3]:
        return f"weekday does not match the date: {text!r}"
    return None


def rss_problems(content):
    """RSS 2.0 rules broken by ``content``: structure, dates, guids, enclosures, extensions."""
    root = etree.fromstring(content)
    problems = (
        [] if root.tag == "rss" and root.get("version") == "2.0" else ["not <rss version=2.0>"]
    )
    channels = root.findall("channel")
    if len(channels) != 1:
        return [*problems, f"{len(channels)} channels"]
    channel = channels[0]
    problems += _unknown_children(channel, RSS_CHANNEL_ELEMENTS, "channel")
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            problems.append(f"channel has no {name}")
    if channel.findtext("lastBuildDate") is not None:
        problems.append(rfc_822_problem(channel.findtext("lastBuildDate")))
    for item in channel.findall("item"):
        problems += _item_problems(item)
    return [problem for problem in problems if problem]


def _unknown_children(element, allowed, where):
    # Extension elements must be namespaced; un-namespaced ones must be RSS's own.
    return [
        f"unknown <{child.tag}> in {where}"
        for child in element
        if isinstance(child.tag, str) and not child.tag.startswith("{") and child.tag not in allowed
    ]


def _item_problems(item):
    problems = _unknown_children(item, RSS_ITEM_ELEMENTS, "item")
    if item.find("title") is None and item.find("description") is None:
        problems.append("item has neither title nor description")
    if not ABSOLUTE.fullmatch(item.findtext("link") or ""):
        problems.append(f"item link not absolute: {item.findtext('link')!r}")
    guid = item.find("guid")
    if guid is None or not (guid.text or "").strip() or guid.get("isPermaLink") != "false":
        problems.append("item guid missing or not isPermaLink=false")
    problems.append(rfc_822_problem(item.findtext("pubDate")))
    enclosures = item.findall("enclosure")
    if len(enclosures) > 1:
        problems.append("more than one enclosure")
    for enclosure in enclosures:
        if not ABSOLUTE.fullmatch(enclosure.get("url", "")):
            problems.append("enclosure url not absolute")
        if not enclosure.get("length", "").isdigit() or "/" not in enclosure.get("type", ""):
            problems.append("enclosure without a byte length or a type")
    for category in item.findall("category"):
        if not (category.text or "").strip():
            problems.append("empty category")
    for media in item.findall("media:content", NS) + item.findall("media:thumbnail", NS):
        if not ABSOLUTE.fullmatch(media.get("url", "")):
            problems.append("media element without an absolute url")
    return problems


def feed_and_sitemap_urls(story):
    """Every feed and sitemap readers' software fetches, ``story`` among their entries.

    The paper files ``story`` under "Harbour", tags it "harbour" and has Ada Lane write it.
    """
    return [
        "/feed/",
        "/feed/atom/",
        "/feed.json",
        "/category/harbour/feed/",
        "/category/harbour/feed/atom/",
        "/tag/harbour/feed/",
        "/tag/harbour/feed/atom/",
        "/author/ada-lane/feed/",
        "/author/ada-lane/feed/atom/",
        "/comments/feed/",
        "/comments/feed/atom/",
        f"/feed/comments/{story.pk}/",
        f"/feed/comments/{story.pk}/atom/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-categories.xml",
        "/sitemap-tags.xml",
        "/sitemap-authors.xml",
        "/sitemap-pages.xml",
        "/sitemap-news.xml",
        "/robots.txt",
    ]
