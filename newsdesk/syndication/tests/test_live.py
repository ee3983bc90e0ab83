"""What machines read of a live story: a LiveBlogPosting, and RSS and Atom feeds of its updates.

The JSON-LD is read with extruct, as a crawler would, and checked against the
properties Google's live blog guidelines ask for; the feeds are read with
feedparser and checked by the same strict validators as the paper's own.
"""

from datetime import timedelta

import extruct
import jsonschema
import pytest
from bs4 import BeautifulSoup
from django.db.models import F
from django.utils.http import parse_http_date

from newsdesk.caching.tests.conftest import cached_site  # noqa: F401  (the site behind its cache)
from newsdesk.caching.tests.test_freshness import warmed
from newsdesk.live import coverage
from newsdesk.live.models import LiveUpdate
from newsdesk.live.tests.builders import make_live_story, post_updates
from newsdesk.news.tests.builders import make_article, make_author, make_image

from .readers import ORIGIN, atom_errors, fetch, read_feed, rss_problems

pytestmark = pytest.mark.django_db

# Google's live blog guidelines: a LiveBlogPosting needs its headline, coverage
# start and updates; each update (a BlogPosting) its headline, publication time
# and body; the Article properties (image aside, which a story may lack) still apply.
LIVE_BLOG_SCHEMA = {
    "type": "object",
    "required": [
        "headline",
        "datePublished",
        "dateModified",
        "author",
        "publisher",
        "url",
        "mainEntityOfPage",
        "coverageStartTime",
        "liveBlogUpdate",
    ],
    "properties": {
        "@type": {"const": "LiveBlogPosting"},
        "headline": {"type": "string", "minLength": 1, "maxLength": 110},
        "coverageStartTime": {"type": "string", "format": "date-time"},
        "coverageEndTime": {"type": "string", "format": "date-time"},
        "liveBlogUpdate": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["@type", "headline", "datePublished", "articleBody", "author", "url"],
                "properties": {
                    "@type": {"const": "BlogPosting"},
                    "headline": {"type": "string", "minLength": 1, "maxLength": 110},
                    "datePublished": {"type": "string", "format": "date-time"},
                    "dateModified": {"type": "string", "format": "date-time"},
                    "articleBody": {"type": "string", "minLength": 1},
                    "url": {"type": "string", "pattern": r"^https?://[^#]+#update-\d+$"},
                    "author": {
                        "type": "object",
                        "required": ["@type", "name"],
                        "properties": {"@type": {"enum": ["Person", "Organization"]}},
                    },
                    "image": {"type": "array", "items": {"type": "string", "format": "uri"}},
                },
            },
        },
    },
}


def live_blog(client, story):
    """The story page's LiveBlogPosting, as extruct reads it, valid for Google's guidelines."""
    response = fetch(client, story.url)
    assert response.status_code == 200
    items = extruct.extract(
        response.content.decode(), base_url=ORIGIN + story.url, syntaxes=["json-ld"], uniform=True
    )["json-ld"]
    (posting,) = [item for item in items if item["@type"] == "LiveBlogPosting"]
    checker = jsonschema.Draft202012Validator(
        LIVE_BLOG_SCHEMA, format_checker=jsonschema.FormatChecker()
    )
    assert [error.message for error in checker.iter_errors(posting)] == []
    return posting


def by_headline(posting):
    return {update["headline"]: update for update in posting["liveBlogUpdate"]}


@pytest.fixture
def storm():
    """A live story with a reporter's update, a typed byline, a picture, a quote, a link card,
    an edited update and a withdrawn one."""
    story = make_live_story("Storm closes the coast road", standfirst="Gales and high tides.")
    reporter = make_author("Ines Tarr")
    coverage.post(story, title="Road shut", text="The coast road is shut at the pier.")
    coverage.post(story, text="Waves reach the promenade.", author=reporter)
    coverage.post(
        story,
        title="Flooded car park",
        body=[("image", {"image": make_image(), "caption": "Water in the car park", "credit": ""})],
        byline="Sam Roe",
    )
    coverage.post(
        story,
        title="Harbour master",
        body=[("quote", {"quote": "Stay off the harbour wall.", "attribution": "Cal Dunn"})],
    )
    coverage.post(
        story,
        title="Travel advice",
        body=[
            (
                "link",
                {"url": "https://example.com/travel", "title": "Bus diversions", "description": ""},
            )
        ],
    )
    edited = coverage.post(story, title="Wind speed", text="Gusts of 60 mph.")
    coverage.edit(edited, text="Gusts of 70 mph at the headland.")
    # Corrected a while after it went out: the JSON-LD gives times to the second.
    LiveUpdate.objects.filter(pk=edited.pk).update(edited_at=F("edited_at") + timedelta(minutes=2))
    wrong = coverage.post(story, title="Wrong town", text="Ferries stop at Eastport.")
    coverage.withdraw(wrong)
    return story


def test_a_live_story_is_a_live_blog_posting_with_its_updates(client, storm):
    posting = live_blog(client, storm)

    assert posting["headline"] == "Storm closes the coast road"
    assert posting["description"] == "Gales and high tides."
    assert "coverageEndTime" not in posting
    updates = by_headline(posting)
    assert list(updates) == [
        "Wind speed",
        "Travel advice",
        "Harbour master",
        "Flooded car park",
        "Waves reach the promenade.",
        "Road shut",
    ]
    assert updates["Road shut"]["articleBody"] == "The coast road is shut at the pier."
    assert updates["Harbour master"]["articleBody"] == "“Stay off the harbour wall.” (Cal Dunn)"
    assert "https://example.com/travel" in updates["Travel advice"]["articleBody"]
    assert updates["Flooded car park"]["articleBody"] == "Water in the car park"


def test_a_withdrawn_update_is_left_out_and_an_edited_one_says_when(client, storm):
    posting = live_blog(client, storm)
    updates = by_headline(posting)

    assert "Wrong town" not in updates
    assert "Eastport" not in str(posting)
    wind = updates["Wind speed"]
    assert wind["articleBody"] == "Gusts of 70 mph at the headland."
    assert wind["dateModified"] > wind["datePublished"]
    assert posting["dateModified"] >= wind["dateModified"]


def test_each_update_links_to_its_place_on_the_page_and_names_who_wrote_it(client, storm):
    updates = by_headline(live_blog(client, storm))
    first_page = fetch(client, f"/live/{storm.pk}/updates/").json()["updates"]

    anchors = {f"{ORIGIN}{storm.url}#update-{update['id']}" for update in first_page}
    assert {update["url"] for update in updates.values()} <= anchors
    waves = updates["Waves reach the promenade."]["author"]
    assert (waves["@type"], waves["name"]) == ("Person", "Ines Tarr")
    assert waves["url"] == f"{ORIGIN}/author/ines-tarr/"
    assert updates["Flooded car park"]["author"] == {"@type": "Person", "name": "Sam Roe"}
    assert updates["Road shut"]["author"]["@type"] == "Organization"


def test_a_picture_update_points_to_its_picture(client, storm):
    updates = by_headline(live_blog(client, storm))

    (picture,) = updates["Flooded car park"]["image"]
    assert picture.startswith(f"{ORIGIN}/media/images/")
    assert "image" not in updates["Road shut"]


def test_ended_coverage_says_when_it_ended(client, storm):
    ended = coverage.end(storm)

    posting = live_blog(client, storm)

    assert posting["coverageEndTime"].startswith(f"{ended.ended_at:%Y-%m-%d}")
    assert posting["coverageStartTime"] <= posting["coverageEndTime"]


def test_a_story_that_never_went_live_stays_a_news_article(client):
    story = make_article("Council meets")
    response = fetch(client, story.url)

    assert '"NewsArticle"' in response.content.decode()
    assert "LiveBlogPosting" not in response.content.decode()
    assert f"/live/{story.pk}/feed/" not in response.content.decode()


def feed_urls(story):
    return f"/live/{story.pk}/feed/", f"/live/{story.pk}/feed/atom/"


def test_the_updates_feeds_are_valid_rss_and_atom_newest_first_without_withdrawn(client, storm):
    rss_url, atom_url = feed_urls(storm)

    rss, atom = read_feed(client, rss_url), read_feed(client, atom_url)

    assert rss_problems(fetch(client, rss_url).content) == []
    assert atom_errors(fetch(client, atom_url).content) == []
    for feed in (rss, atom):
        titles = [entry.title for entry in feed.entries]
        assert titles[:2] == ["Wind speed", "Travel advice"]
        assert titles[-1] == "Road shut"
        assert "Wrong town" not in titles
        shares = f"{ORIGIN}/live/{storm.pk}/updates/"
        assert all(entry.link.startswith(shares) for entry in feed.entries)
    assert "Gusts of 70 mph" in rss.entries[0].description
    waves = next(e for e in atom.entries if e.title == "Waves reach the promenade.")
    assert waves.author_detail.name == "Ines Tarr"


def test_an_update_feed_link_opens_the_story_at_that_update(client, storm):
    entry = read_feed(client, feed_urls(storm)[0]).entries[-1]

    response = fetch(client, entry.link.removeprefix(ORIGIN))

    assert response.status_code == 302
    assert response["Location"].endswith(f"{storm.url}#update-{entry.link.split('/')[-2]}")


def test_a_live_story_page_offers_its_update_feeds_in_its_head(client, storm):
    page = BeautifulSoup(fetch(client, storm.url).content, "html.parser")
    offered = {
        link["href"]: (link["type"], link["title"])
        for link in page.head.select('link[rel="alternate"]')
    }
    rss_url, atom_url = feed_urls(storm)

    title = "Live updates: Storm closes the coast road"
    assert offered[ORIGIN + rss_url] == ("application/rss+xml", f"{title} (RSS)")
    assert offered[ORIGIN + atom_url] == ("application/atom+xml", f"{title} (Atom)")


def test_a_story_without_coverage_has_no_update_feed(client):
    story = make_article("Council meets")

    assert fetch(client, feed_urls(story)[0]).status_code == 404


def test_the_sites_feed_carries_a_live_story_once_however_many_updates(client):
    story = make_live_story("Storm closes the coast road")
    post_updates(story, 3)

    for url in ("/feed/", "/feed/atom/"):
        titles = [entry.title for entry in read_feed(client, url).entries]
        assert titles.count("Storm closes the coast road") == 1


def test_a_withdrawal_moves_the_feeds_last_modified_on(client):
    story = make_live_story()
    older, newest = post_updates(story, 2)
    LiveUpdate.objects.update(posted_at=F("posted_at") - timedelta(minutes=10))
    url = feed_urls(story)[0]
    before = parse_http_date(fetch(client, url)["Last-Modified"])

    coverage.withdraw(newest)
    after = parse_http_date(fetch(client, url)["Last-Modified"])

    assert after > before
    assert [e.title for e in read_feed(client, url).entries] == [older.summary()]


def test_the_update_feed_is_answered_from_the_cache_until_an_update(cached_site):  # noqa: F811
    story = make_live_story()
    post_updates(story, 1)
    url = feed_urls(story)[0]
    warmed(cached_site, url)

    coverage.post(story, title="Ferries stop", text="All crossings halted.")
    fresh = cached_site.get(url)

    assert not fresh.from_cache
    assert "Ferries stop" in fresh.text
    assert cached_site.get(url).from_cache
