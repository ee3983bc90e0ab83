"""Every page advertises the feeds that fit it, and every advertised feed answers."""

import pytest
from bs4 import BeautifulSoup

from newsdesk.news.tests.builders import make_article, make_author, make_category
from newsdesk.syndication.templatetags.feed_tags import alternates_for

from .readers import ORIGIN, RSS_TYPE, fetch, read_feed

pytestmark = pytest.mark.django_db

SITE_FEEDS = {f"{ORIGIN}/feed/", f"{ORIGIN}/feed/atom/", f"{ORIGIN}/feed.json"}


@pytest.fixture
def story():
    sport = make_category("Sport")
    return make_article(
        "Cup final tonight",
        category=make_category("Football", parent=sport),
        authors=[make_author("Ada Lane")],
        tags=["cup"],
    )


def alternates(client, url):
    """``{href: (type, title)}`` of the page's ``<link rel="alternate">`` feeds."""
    response = fetch(client, url)
    assert response.status_code in (200, 404), url
    head = BeautifulSoup(response.content, "html.parser").head
    return {
        link["href"]: (link["type"], link["title"])
        for link in head.select('link[rel="alternate"][type]')
    }


def page_feeds(story):
    return {
        "/": {"/comments/feed/", "/comments/feed/atom/"},
        "/news/": set(),
        "/category/sport/": {"/category/sport/feed/", "/category/sport/feed/atom/"},
        "/tag/cup/": {"/tag/cup/feed/", "/tag/cup/feed/atom/"},
        "/author/ada-lane/": {"/author/ada-lane/feed/", "/author/ada-lane/feed/atom/"},
        story.url: {
            "/category/football/feed/",
            "/category/football/feed/atom/",
            f"/feed/comments/{story.pk}/",
            f"/feed/comments/{story.pk}/atom/",
        },
        "/no-such-page/": set(),
    }


def test_each_page_advertises_the_site_feeds_and_its_own(client, story):
    for url, own in page_feeds(story).items():
        expected = SITE_FEEDS | {f"{ORIGIN}{path}" for path in own}
        assert set(alternates(client, url)) == expected, url


def test_every_advertised_feed_answers_with_the_advertised_type(client, story):
    for url in page_feeds(story):
        for href, (content_type, title) in alternates(client, url).items():
            response = fetch(client, href.removeprefix(ORIGIN))
            assert response.status_code == 200, href
            assert response["Content-Type"].startswith(content_type), href
            assert title


def test_feed_titles_say_what_each_feed_holds(client, story):
    titles = {title for _type, title in alternates(client, story.url).values()}

    assert {
        "The Newsdesk Chronicle (RSS)",
        "The Newsdesk Chronicle (Atom)",
        "The Newsdesk Chronicle (JSON Feed)",
        "Football (RSS)",
        "Comments on Cup final tonight (Atom)",
    } <= titles


def test_a_draft_preview_does_not_advertise_a_comments_feed_that_would_be_404(story):
    draft = make_article("Not out yet", publish=False)

    names = {alt.url_name for alt in alternates_for({"page": draft}, "Paper")}
    assert "syndication:article_comments_feed" not in names
    assert "syndication:category_feed" in names


@pytest.mark.parametrize(
    ("listing", "name"),
    [("/category/football/", "Football"), ("/tag/cup/", "cup"), ("/author/ada-lane/", "Ada Lane")],
)
def test_section_tag_and_author_pages_show_a_link_to_their_feed(client, story, listing, name):
    page = BeautifulSoup(fetch(client, listing).content, "html.parser")
    link = page.select_one(".listing-feed a")
    assert link.text == f"RSS feed for {name}"

    assert fetch(client, link["href"])["Content-Type"] == RSS_TYPE
    feed = read_feed(client, link["href"])
    assert name in feed.feed.title
    assert [entry.title for entry in feed.entries] == ["Cup final tonight"]


def test_other_listings_show_no_feed_link_of_their_own(client, story):
    page = BeautifulSoup(fetch(client, "/news/").content, "html.parser")
    assert page.select_one(".listing-feed") is None
