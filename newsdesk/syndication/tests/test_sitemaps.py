"""What a search engine's crawler finds in sitemap.xml, its children, the news sitemap
and robots.txt."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from django.utils.http import http_date

from newsdesk.core.models import StandardPage
from newsdesk.news.models import HomePage
from newsdesk.news.tests.builders import make_article, make_author, make_category
from newsdesk.syndication.sitemaps import ArticleSitemap, NewsSitemap, publication_language

from .readers import NS, ORIGIN, W3C_DATETIME, fetch, sitemap_errors, xml_of

pytestmark = pytest.mark.django_db

CHILDREN = ["articles", "categories", "tags", "authors", "pages", "news"]


def locations(client, url):
    response = fetch(client, url)
    assert response.status_code == 200, url
    return [loc.text for loc in xml_of(response).findall("sm:url/sm:loc", NS)]


def entries(client, url):
    """``{location: lastmod}`` for every ``<url>`` of a child sitemap."""
    document = xml_of(fetch(client, url))
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in document.findall("sm:url", NS)
    }


def as_datetime(w3c):
    return datetime.fromisoformat(w3c)


@pytest.fixture
def paper():
    sport = make_category("Sport")
    ada = make_author("Ada Lane")
    old = make_article(
        "Season preview",
        category=sport,
        tags=["football"],
        authors=[ada],
        published_at=timezone.now() - timedelta(days=10),
    )
    new = make_article(
        "Cup final tonight",
        category=make_category("Football", parent=sport),
        tags=["football", "cup"],
        authors=[ada],
        published_at=timezone.now() - timedelta(hours=3),
    )
    about = StandardPage(title="About us", slug="about")
    HomePage.objects.get().add_child(instance=about)
    about.save_revision().publish()
    return old, new


def test_sitemap_index_lists_every_child_sitemap(client, paper):
    response = fetch(client, "/sitemap.xml")

    listed = [loc.text for loc in xml_of(response).findall("sm:sitemap/sm:loc", NS)]
    assert listed == [f"{ORIGIN}/sitemap-{name}.xml" for name in CHILDREN]
    assert response["Content-Type"] == "application/xml"
    assert "max-age=3600" in response["Cache-Control"]


@pytest.mark.parametrize("name", CHILDREN)
def test_every_child_has_absolute_urls_with_a_w3c_lastmod(client, paper, name):
    listed = entries(client, f"/sitemap-{name}.xml")

    assert listed
    for location, lastmod in listed.items():
        assert location.startswith(f"{ORIGIN}/"), location
        assert lastmod and W3C_DATETIME.fullmatch(lastmod), (location, lastmod)


def test_articles_sitemap_gives_each_story_its_last_publication(client, paper):
    old, new = paper

    listed = entries(client, "/sitemap-articles.xml")

    assert set(listed) == {f"{ORIGIN}{old.url}", f"{ORIGIN}{new.url}"}
    assert as_datetime(listed[f"{ORIGIN}{new.url}"]) == new.last_published_at
    assert as_datetime(listed[f"{ORIGIN}{old.url}"]) == old.last_published_at


def test_listing_sitemaps_date_each_listing_by_its_newest_story(client, paper):
    old, new = paper
    newest = new.last_published_at

    categories = entries(client, "/sitemap-categories.xml")
    tags = entries(client, "/sitemap-tags.xml")
    authors = entries(client, "/sitemap-authors.xml")

    # Sport holds the new story through its subsection Football.
    assert as_datetime(categories[f"{ORIGIN}/category/sport/"]) == newest
    assert as_datetime(categories[f"{ORIGIN}/category/football/"]) == newest
    assert as_datetime(tags[f"{ORIGIN}/tag/football/"]) == newest
    assert as_datetime(tags[f"{ORIGIN}/tag/cup/"]) == newest
    assert as_datetime(authors[f"{ORIGIN}/author/ada-lane/"]) == newest


def test_listings_without_a_published_story_are_left_out(client, paper):
    make_category("Empty section")
    make_author("Idle Writer")
    make_article("Draft only", tags=["unused"], publish=False)

    assert f"{ORIGIN}/category/empty-section/" not in entries(client, "/sitemap-categories.xml")
    assert f"{ORIGIN}/category/uncategorized/" not in entries(client, "/sitemap-categories.xml")
    assert f"{ORIGIN}/tag/unused/" not in entries(client, "/sitemap-tags.xml")
    assert f"{ORIGIN}/author/idle-writer/" not in entries(client, "/sitemap-authors.xml")


def test_pages_sitemap_lists_other_pages_but_not_stories(client, paper):
    _old, new = paper

    listed = entries(client, "/sitemap-pages.xml")

    # The privacy notice is written by ``newsdesk migrate``.
    assert set(listed) == {
        f"{ORIGIN}/",
        f"{ORIGIN}/news/",
        f"{ORIGIN}/about/",
        f"{ORIGIN}/privacy/",
    }
    # The front page and story index change with every story they list.
    assert as_datetime(listed[f"{ORIGIN}/"]) == new.last_published_at


def test_a_child_sitemap_is_paginated_and_the_index_lists_each_page(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    stories = [make_article(f"Story {n}") for n in range(5)]

    index = [
        loc.text for loc in xml_of(fetch(client, "/sitemap.xml")).findall("sm:sitemap/sm:loc", NS)
    ]
    pages = [locations(client, f"/sitemap-articles.xml?p={n}") for n in (1, 2, 3)]

    articles = f"{ORIGIN}/sitemap-articles.xml"
    assert [articles, f"{articles}?p=2", f"{articles}?p=3"] == [
        u for u in index if u.startswith(articles)
    ]
    assert [len(page) for page in pages] == [2, 2, 1]
    assert sorted(sum(pages, [])) == sorted(f"{ORIGIN}{story.url}" for story in stories)
    assert fetch(client, "/sitemap-articles.xml?p=4").status_code == 404


def index_locations(client):
    return [
        loc.text for loc in xml_of(fetch(client, "/sitemap.xml")).findall("sm:sitemap/sm:loc", NS)
    ]


def schema_errors(client):
    """``{address: errors}`` for the index and every child sitemap it lists, left out if valid."""
    addresses = ["/sitemap.xml", *(url.removeprefix(ORIGIN) for url in index_locations(client))]
    errors = {}
    for address in addresses:
        response = fetch(client, address)
        assert response.status_code == 200, address
        if problems := sitemap_errors(response.content):
            errors[address] = problems
    return errors


def test_the_index_and_every_child_sitemap_follow_the_sitemaps_protocol(client, paper):
    assert schema_errors(client) == {}


def test_the_index_leaves_out_child_sitemaps_with_nothing_in_them(client):
    make_article(
        "Untagged story",
        category=make_category("Harbour"),
        published_at=timezone.now() - timedelta(days=10),
    )

    # No tag, no byline and nothing from the last 48 hours: no tags, authors or news.
    assert index_locations(client) == [
        f"{ORIGIN}/sitemap-{name}.xml" for name in ("articles", "categories", "pages")
    ]
    assert schema_errors(client) == {}


@pytest.mark.parametrize(
    "broken",
    [
        "<urlset xmlns='{sm}'/>",
        "<sitemapindex xmlns='{sm}'/>",
        "<urlset xmlns='{sm}'><url><lastmod>2026-12-04</lastmod></url></urlset>",
        "<urlset xmlns='{sm}'><url><loc>http://a.example/</loc>"
        "<lastmod>2026-12-04 10:00</lastmod></url></urlset>",
        "<urlset xmlns='{sm}' xmlns:news='{news}'><url><loc>http://a.example/</loc><news:news>"
        "<news:publication><news:name>Paper</news:name><news:language>en</news:language>"
        "</news:publication><news:publication_date>2026-12-04</news:publication_date>"
        "</news:news></url></urlset>",
    ],
    ids=["empty urlset", "empty index", "no loc", "bad lastmod", "news without title"],
)
def test_the_sitemap_grammar_rejects_what_the_protocol_forbids(broken):
    document = broken.format(sm=NS["sm"], news=NS["news"])
    assert sitemap_errors(document.encode())


def test_unknown_sitemap_section_is_404(client):
    assert fetch(client, "/sitemap-nothing.xml").status_code == 404


def test_sitemaps_answer_304_when_unchanged(client, paper):
    response = fetch(client, "/sitemap-articles.xml")

    _old, new = paper
    assert response["Last-Modified"] == http_date(new.last_published_at.timestamp())
    assert (
        fetch(client, "/sitemap-articles.xml", HTTP_IF_NONE_MATCH=response["ETag"]).status_code
        == 304
    )


def news_entries(client):
    document = xml_of(fetch(client, "/sitemap-news.xml"))
    return {
        url.findtext("sm:loc", namespaces=NS): url.find("news:news", NS)
        for url in document.findall("sm:url", NS)
    }


def test_news_sitemap_holds_only_the_last_48_hours(client):
    fresh = make_article("Fresh story", published_at=timezone.now() - timedelta(hours=47))
    make_article("Stale story", published_at=timezone.now() - timedelta(hours=49))

    assert list(news_entries(client)) == [f"{ORIGIN}{fresh.url}"]


def test_news_sitemap_gives_publication_date_title_name_and_language(client):
    story = make_article(
        "Cup final: City & United draw", published_at=timezone.now() - timedelta(hours=2)
    )

    news = news_entries(client)[f"{ORIGIN}{story.url}"]

    assert news.findtext("news:publication/news:name", namespaces=NS) == "The Newsdesk Chronicle"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Cup final: City & United draw"
    published = news.findtext("news:publication_date", namespaces=NS)
    assert W3C_DATETIME.fullmatch(published)
    assert as_datetime(published) == story.first_published_at


def test_news_sitemap_stops_at_its_cap_newest_first(client, monkeypatch):
    monkeypatch.setattr(NewsSitemap, "limit", 3)
    now = timezone.now()
    stories = [make_article(f"Story {n}", published_at=now - timedelta(hours=n)) for n in range(5)]

    assert list(news_entries(client)) == [f"{ORIGIN}{story.url}" for story in stories[:3]]


def test_news_sitemap_caps_at_google_news_limit_of_1000():
    assert NewsSitemap.limit == 1000


@pytest.mark.parametrize(
    ("language_code", "expected"),
    [("en-gb", "en"), ("en", "en"), ("fr-CA", "fr"), ("zh-tw", "zh-tw"), ("zh-cn", "zh-cn")],
)
def test_news_language_comes_from_language_code(language_code, expected):
    assert publication_language(language_code) == expected


def test_robots_txt_points_at_the_sitemaps_and_keeps_crawlers_out_of_admin_and_posting(client):
    response = fetch(client, "/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /comments/post/" in lines
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines
    assert f"Sitemap: {ORIGIN}/sitemap-news.xml" in lines
