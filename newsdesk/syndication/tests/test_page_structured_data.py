"""Every reader page says what it is in JSON-LD: collections, profiles, search results, plain pages.

The pages are read with extruct, as in ``test_structured_data``; what a listing
says it lists is compared with the story cards a reader sees on it.
"""

import json
from datetime import UTC, datetime

import extruct
import pytest
from bs4 import BeautifulSoup
from taggit.models import Tag
from wagtail.models import Site

from newsdesk.core.models import StandardPage
from newsdesk.news.models import HomePage, NewsSettings
from newsdesk.news.tests.builders import (
    make_article,
    make_author,
    make_category,
    make_image,
)

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
HOSTILE = "</script><script>alert(1)</script><!-- & -->"


def read(client, url, **params):
    """The page at ``url`` as a crawler reads it: its JSON-LD by @type, and its HTML."""
    response = client.get(url, params)
    assert response.status_code == 200
    html = response.content.decode()
    items = extruct.extract(html, base_url=SITE + url, syntaxes=["json-ld"], uniform=True)
    by_type = {item["@type"]: item for item in items["json-ld"]}
    assert len(by_type) == len(items["json-ld"]), "one block of each type"
    return by_type, BeautifulSoup(html, "html.parser")


def breadcrumbs(items):
    trail = items["BreadcrumbList"]["itemListElement"]
    return [(crumb["position"], crumb["name"], crumb["item"]) for crumb in trail]


def listed(items):
    """``(position, URL)`` of each story the page's ItemList names."""
    return [(entry["position"], entry["url"]) for entry in items["ItemList"]["itemListElement"]]


def story_links(page, selector=".story-card-title a"):
    """The absolute addresses of the stories a reader sees listed, top to bottom."""
    return [SITE + link["href"] for link in page.select(selector)]


def stories_per_page(count):
    news_settings = NewsSettings.for_site(Site.objects.get(is_default_site=True))
    news_settings.stories_per_page = count
    news_settings.save()


def assert_page_names_its_parts(items, kind, url):
    """The page block of type ``kind`` is at ``url`` and points at the trail and the list on it."""
    page = items[kind]
    assert page["url"] == url
    assert page["@id"] == f"{url}#webpage"
    assert page["breadcrumb"] == {"@id": items["BreadcrumbList"]["@id"]}
    assert items["BreadcrumbList"]["@id"] == f"{url}#breadcrumb"
    assert items["ItemList"]["@id"] == f"{url}#stories"


def test_a_tag_page_is_a_collection_listing_its_stories_in_the_order_shown(client):
    for n in range(3):
        make_article(f"Harbour story {n}", tags=["harbour"])
    make_article("Elsewhere", tags=["town"])

    items, page = read(client, "/tag/harbour/")

    assert set(items) == {"CollectionPage", "BreadcrumbList", "ItemList"}
    assert_page_names_its_parts(items, "CollectionPage", f"{SITE}/tag/harbour/")
    assert items["CollectionPage"]["name"] == "harbour"
    assert items["CollectionPage"]["mainEntity"] == {"@id": items["ItemList"]["@id"]}
    assert breadcrumbs(items) == [(1, "Home", f"{SITE}/"), (2, "harbour", f"{SITE}/tag/harbour/")]
    assert len(story_links(page)) == 3
    assert listed(items) == list(enumerate(story_links(page), start=1))


def test_a_section_page_is_a_collection_of_its_own_and_its_desks_stories(client):
    sport = make_category("Sport")
    make_article("Cup final", category=make_category("Football", parent=sport))
    make_article("Sports day", category=sport)

    items, page = read(client, "/category/sport/")

    assert_page_names_its_parts(items, "CollectionPage", f"{SITE}/category/sport/")
    assert items["CollectionPage"]["name"] == "Sport"
    assert listed(items) == [(1, f"{SITE}/news/sports-day/"), (2, f"{SITE}/news/cup-final/")]
    assert [url for _position, url in listed(items)] == story_links(page)


def test_a_later_page_lists_only_its_own_stories_numbered_on_from_the_first(client):
    stories_per_page(2)
    for n in range(5):
        make_article(f"Story {n}", published_at=datetime(2026, 7, 1 + n, 9, tzinfo=UTC))

    items, page = read(client, "/news/", page=2)

    assert set(items) == {"CollectionPage", "BreadcrumbList", "ItemList"}
    assert_page_names_its_parts(items, "CollectionPage", f"{SITE}/news/?page=2")
    # The trail leads to the listing itself, not to its second page.
    assert breadcrumbs(items) == [(1, "Home", f"{SITE}/"), (2, "News", f"{SITE}/news/")]
    assert listed(items) == [(3, f"{SITE}/news/story-2/"), (4, f"{SITE}/news/story-1/")]
    assert [url for _position, url in listed(items)] == story_links(page)


def test_later_front_pages_list_the_latest_stories_and_leave_the_site_search_to_the_first(
    client,
):
    stories_per_page(1)
    for n in range(3):
        make_article(f"Story {n}", published_at=datetime(2026, 7, 1 + n, 9, tzinfo=UTC))

    items, page = read(client, "/", page=2)

    assert set(items) == {"CollectionPage", "ItemList"}
    assert items["CollectionPage"]["url"] == f"{SITE}/?page=2"
    # Page 1 led with the newest story; the second newest opens page 2.
    assert listed(items) == [(2, f"{SITE}/news/story-1/")]
    assert story_links(page, ".front-latest .story-card-title a") == [f"{SITE}/news/story-1/"]


def test_an_author_page_is_a_profile_of_the_person_who_wrote_its_stories(client):
    ada = make_author("Ada Lane", role="Harbour reporter", bio="Covers the port.")
    ada.photo = make_image()
    ada.save()
    story = make_article("Ferry returns", authors=[ada])

    items, page = read(client, "/author/ada-lane/")

    assert set(items) == {"ProfilePage", "BreadcrumbList", "ItemList"}
    assert_page_names_its_parts(items, "ProfilePage", f"{SITE}/author/ada-lane/")
    person = items["ProfilePage"]["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == "Ada Lane"
    assert person["url"] == f"{SITE}/author/ada-lane/"
    assert person["jobTitle"] == "Harbour reporter"
    assert person["description"] == "Covers the port."
    assert person["image"] == SITE + page.select_one(".author-photo")["src"]
    assert breadcrumbs(items) == [
        (1, "Home", f"{SITE}/"),
        (2, "Ada Lane", f"{SITE}/author/ada-lane/"),
    ]
    assert listed(items) == [(1, SITE + story.url)]
    # The byline on the story names the same person.
    byline, _ = read(client, story.url)
    assert byline["NewsArticle"]["author"][0]["@id"] == person["@id"]


def test_date_archives_lead_from_the_year_through_the_month_to_the_day(client):
    make_article("Regatta", published_at=datetime(2026, 7, 4, 11, tzinfo=UTC))
    year = (2, "2026", f"{SITE}/2026/")
    month = (3, "July 2026", f"{SITE}/2026/07/")
    day = (4, "4 July 2026", f"{SITE}/2026/07/04/")

    for url, trail, name in [
        ("/2026/", [year], "Stories from 2026"),
        ("/2026/07/", [year, month], "Stories from July 2026"),
        ("/2026/07/04/", [year, month, day], "Stories from 4 July 2026"),
    ]:
        items, page = read(client, url)
        assert_page_names_its_parts(items, "CollectionPage", SITE + url)
        assert items["CollectionPage"]["name"] == name
        assert breadcrumbs(items) == [(1, "Home", f"{SITE}/"), *trail]
        assert (
            listed(items)
            == [(1, f"{SITE}/news/regatta/")]
            == list(enumerate(story_links(page), start=1))
        )


def test_search_is_a_search_results_page_listing_what_matched(client):
    regatta = make_article("Harbour regatta")
    make_article("Council budget")

    items, page = read(client, "/search/", q="regatta")

    assert set(items) == {"SearchResultsPage", "ItemList"}
    assert items["SearchResultsPage"]["url"] == f"{SITE}/search/?q=regatta"
    assert items["SearchResultsPage"]["name"] == "Results for “regatta”"
    assert listed(items) == [(1, SITE + regatta.url)]
    assert story_links(page) == [SITE + regatta.url]

    empty, _ = read(client, "/search/", q="nothing")
    assert set(empty) == {"SearchResultsPage"}
    assert "mainEntity" not in empty["SearchResultsPage"]
    form, _ = read(client, "/search/")
    assert form["SearchResultsPage"]["name"] == "Search the archive"


def test_a_plain_page_is_a_web_page_below_the_front_page(client):
    about = StandardPage(title="About us", slug="about", introduction="Who we are.")
    HomePage.objects.get().add_child(instance=about)

    items, _ = read(client, "/about/")

    assert set(items) == {"WebPage", "BreadcrumbList"}
    assert items["WebPage"]["url"] == f"{SITE}/about/"
    assert items["WebPage"]["description"] == "Who we are."
    assert breadcrumbs(items) == [(1, "Home", f"{SITE}/"), (2, "About us", f"{SITE}/about/")]


def test_hostile_names_and_queries_stay_inside_the_json_ld(client):
    author = make_author(f"Ada {HOSTILE}")
    make_article(HOSTILE, tags=[HOSTILE], authors=[author])
    tag = Tag.objects.get(name=HOSTILE)

    for url, params in [
        (f"/tag/{tag.slug}/", {}),
        (author.get_absolute_url(), {}),
        ("/search/", {"q": HOSTILE}),
    ]:
        response = client.get(url, params)
        assert response.status_code == 200
        scripts = BeautifulSoup(response.content, "html.parser").find_all("script")
        assert {script.get("type") for script in scripts} == {"application/ld+json"}, url
        assert "</script><script>" not in "".join(script.string for script in scripts)
        page = json.loads(scripts[0].string)
        assert HOSTILE in page["name"], url
