"""Every feed is valid for a strict validator, not only readable by a forgiving one.

Atom is checked against RFC 4287 with a RELAX NG grammar and Schematron rules
(files/atom.rng, files/atom.sch), RSS 2.0 against its specification's required
elements, dates and guids, and JSON Feed against a JSON Schema written from the
1.1 specification (files/jsonfeed-1.1.schema.json). feedparser 6 reads only the
XML formats, so JSON Feed is checked by its schema alone.
"""

import json

import pytest
from django.utils import timezone

from newsdesk.comments.models import Comment
from newsdesk.news.tests.builders import make_article, make_author, make_correction

from .readers import atom_errors, fetch, json_feed_errors, read_feed, rss_problems
from .stories import dressed_story, set_full_text

pytestmark = pytest.mark.django_db

ATOM = "http://www.w3.org/2005/Atom"


@pytest.fixture
def paper():
    """Stories with and without bylines, pictures and tags, and a comment on one."""
    story = dressed_story()
    make_article("Council meets", authors=[make_author("Ian Marsh")])
    make_article("Weather: <rain> & wind", standfirst="Umbrellas \u2614 & boots.")
    Comment.objects.create(
        article=story,
        name="Rosa Quill",
        email="rosa@example.com",
        body="<b>Welcome</b> news & more.",
        status=Comment.Status.APPROVED,
    )
    make_correction(story, "The <b>new</b> quay is 40 m & not 400 m long.")
    make_correction(story, "Fares are per crossing.", kind="clarification", withdrawn=True)
    return story


def every_feed(story):
    section = story.category.parent.slug
    return {
        "rss": [
            "/feed/",
            f"/category/{section}/feed/",
            "/tag/harbour/feed/",
            "/author/ada-lane/feed/",
            "/comments/feed/",
            f"/feed/comments/{story.pk}/",
            "/corrections/feed/",
        ],
        "atom": [
            "/feed/atom/",
            f"/category/{section}/feed/atom/",
            "/tag/harbour/feed/atom/",
            "/author/ada-lane/feed/atom/",
            "/comments/feed/atom/",
            f"/feed/comments/{story.pk}/atom/",
            "/corrections/feed/atom/",
        ],
    }


@pytest.mark.parametrize("full_text", [False, True])
def test_every_atom_feed_is_valid_rfc_4287(client, paper, full_text):
    set_full_text(full_text)

    for url in every_feed(paper)["atom"]:
        read_feed(client, url)
        assert atom_errors(fetch(client, url).content) == [], url


@pytest.mark.parametrize("full_text", [False, True])
def test_every_rss_feed_is_valid_rss_2(client, paper, full_text):
    set_full_text(full_text)

    for url in every_feed(paper)["rss"]:
        read_feed(client, url)
        assert rss_problems(fetch(client, url).content) == [], url


@pytest.mark.parametrize("full_text", [False, True])
def test_json_feed_is_valid_json_feed_1_1(client, paper, full_text):
    set_full_text(full_text)

    document = json.loads(fetch(client, "/feed.json").content)

    assert json_feed_errors(document) == []
    assert len(document["items"]) == 3


def test_empty_feeds_are_valid_too(client):
    assert atom_errors(fetch(client, "/feed/atom/").content) == []
    assert rss_problems(fetch(client, "/feed/").content) == []
    assert json_feed_errors(json.loads(fetch(client, "/feed.json").content)) == []


def atom_document(entry="", feed_author="<author><name>Paper</name></author>"):
    return (
        f'<feed xmlns="{ATOM}"><title>Paper</title><id>tag:example.org,2024:feed</id>'
        f"<updated>2024-05-01T10:00:00Z</updated>{feed_author}{entry}</feed>"
    ).encode()


GOOD_ENTRY = (
    "<entry><title>Story</title><id>tag:example.org,2024:1</id>"
    "<updated>2024-05-01T10:00:00+01:00</updated>"
    '<link rel="alternate" href="https://example.org/story/"/></entry>'
)
ENCLOSURE = '<link rel="enclosure" href="https://example.org/a.png"/>'
BROKEN_ATOM = {
    "entry-without-id": atom_document(GOOD_ENTRY.replace("<id>tag:example.org,2024:1</id>", "")),
    "date-without-zone": atom_document(GOOD_ENTRY.replace("+01:00", "")),
    "relative-id": atom_document(GOOD_ENTRY.replace("tag:example.org,2024:1", "/story/1")),
    "unknown-atom-element": atom_document(GOOD_ENTRY.replace("</entry>", "<x>1</x></entry>")),
    "nobody-named-as-author": atom_document(GOOD_ENTRY, feed_author=""),
    "no-content-no-alternate": atom_document(GOOD_ENTRY.replace('"alternate"', '"related"')),
    "enclosure-without-length": atom_document(
        GOOD_ENTRY.replace("</entry>", f"{ENCLOSURE}</entry>")
    ),
}


@pytest.mark.parametrize("broken", BROKEN_ATOM)
def test_atom_checks_reject_what_rfc_4287_forbids(broken):
    assert atom_errors(atom_document(GOOD_ENTRY)) == []
    assert atom_errors(BROKEN_ATOM[broken]) != []


def rss_document(item):
    return (
        '<rss version="2.0"><channel><title>Paper</title><link>http://127.0.0.1:8000/</link>'
        f"<description>News</description>{item}</channel></rss>"
    ).encode()


GOOD_ITEM = (
    "<item><title>Story</title><link>http://127.0.0.1:8000/news/story/</link>"
    '<guid isPermaLink="false">tag:127.0.0.1,2024-05-01:article/1</guid>'
    "<pubDate>Wed, 01 May 2024 10:00:00 +0000</pubDate></item>"
)
RSS_ENCLOSURE = '<enclosure url="http://127.0.0.1:8000/a.png" type="image/png"/>'
BROKEN_RSS = {
    "permalink-guid": GOOD_ITEM.replace(' isPermaLink="false"', ""),
    "iso-date": GOOD_ITEM.replace("Wed, 01 May 2024 10:00:00 +0000", "2024-05-01T10:00:00Z"),
    "wrong-weekday": GOOD_ITEM.replace("Wed, 01 May", "Thu, 01 May"),
    "relative-link": GOOD_ITEM.replace("http://127.0.0.1:8000/news/story/", "/news/story/"),
    "unknown-element": GOOD_ITEM.replace("</item>", "<headline>x</headline></item>"),
    "enclosure-without-length": GOOD_ITEM.replace("</item>", f"{RSS_ENCLOSURE}</item>"),
}


@pytest.mark.parametrize("broken", BROKEN_RSS)
def test_rss_checks_reject_what_rss_2_forbids(broken):
    assert rss_problems(rss_document(GOOD_ITEM)) == []
    assert rss_problems(rss_document(BROKEN_RSS[broken])) != []


BROKEN_JSON_FEED = {
    "version-1.0": {"version": "https://jsonfeed.org/version/1"},
    "no-content": {"items": [{"id": "1", "url": "http://127.0.0.1:8000/a/"}]},
    "bad-date": {"items": [{"id": "1", "content_text": "x", "date_published": "1 May 2024"}]},
    "attachment-without-type": {
        "items": [{"id": "1", "content_text": "x", "attachments": [{"url": "http://e.org/a"}]}]
    },
    "unknown-key": {"homepage": "http://127.0.0.1:8000/"},
}


@pytest.mark.parametrize("broken", BROKEN_JSON_FEED)
def test_json_feed_schema_rejects_what_the_spec_forbids(broken):
    item = {"id": "1", "content_html": "<p>x</p>", "date_published": timezone.now().isoformat()}
    good = {"version": "https://jsonfeed.org/version/1.1", "title": "Paper", "items": [item]}

    assert json_feed_errors(good) == []
    assert json_feed_errors({**good, **BROKEN_JSON_FEED[broken]}) != []
