"""Every reader page names its canonical address and describes itself to share cards and robots."""

from datetime import UTC, datetime

import extruct
import pytest
from bs4 import BeautifulSoup
from django.core.paginator import Paginator
from django.db import connection
from django.template import engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from newsdesk.comments.models import Comment
from newsdesk.core import pictures
from newsdesk.news.models import HomePage, NewsSettings
from newsdesk.news.tests.builders import make_article, make_author, make_category, make_image

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


def head_of(response):
    """The parsed <head> of a page that answered 200."""
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").head


def open_graph(response, url):
    """The page's Open Graph properties as extruct reads them; repeated ones as lists."""
    data = extruct.extract(
        response.content.decode(),
        base_url=SITE + url,
        syntaxes=["opengraph"],
        uniform=True,
        with_og_array=True,
    )
    [properties] = data["opengraph"]
    return properties


def meta(head, name):
    """The content of ``<meta name=...>``, or None when the page has none."""
    element = head.find("meta", attrs={"name": name})
    return element["content"] if element else None


def canonical(head):
    links = head.find_all("link", rel="canonical")
    assert len(links) <= 1
    return links[0]["href"] if links else None


def stories_per_page(count):
    news_settings = NewsSettings.for_site(Site.objects.get(is_default_site=True))
    news_settings.stories_per_page = count
    news_settings.save()


@pytest.fixture
def story():
    return make_article(
        "Bridge reopens after repairs",
        category=make_category("Transport", description="Roads, rail and river crossings."),
        authors=[make_author("Ada Lane", bio="Ada covers transport and the harbour.")],
        tags=["bridges", "council"],
        hero_image=make_image(title="IMG_0931", description="The bridge at dusk"),
        standfirst="Drivers can cross again from Monday.",
        published_at=datetime(2026, 3, 2, 8, 15, tzinfo=UTC),
    )


def test_article_share_card_shows_the_story_and_its_picture(client, story):
    response = client.get(story.url)
    properties = open_graph(response, story.url)
    head = head_of(response)
    share = pictures.renditions(story.hero_image, "share")["fill-1200x630"]

    assert canonical(head) == SITE + story.url
    assert properties["@type"] == "article"
    assert properties["og:site_name"] == "The Newsdesk Chronicle"
    assert properties["og:title"] == "Bridge reopens after repairs"
    assert properties["og:description"] == "Drivers can cross again from Monday."
    assert properties["og:url"] == SITE + story.url
    assert properties["og:image"] == SITE + share.url
    assert properties["og:image:width"] == str(share.width)
    assert properties["og:image:height"] == str(share.height)
    assert properties["og:image:alt"] == "The bridge at dusk"
    assert properties["article:published_time"] == "2026-03-02T08:15:00+00:00"
    assert properties["article:modified_time"] == "2026-03-02T08:15:00+00:00"
    assert properties["article:section"] == "Transport"
    assert properties["article:author"] == f"{SITE}/author/ada-lane/"
    assert sorted(properties["article:tag"]) == ["bridges", "council"]
    assert meta(head, "description") == "Drivers can cross again from Monday."
    assert meta(head, "twitter:card") == "summary_large_image"
    assert meta(head, "twitter:title") == "Bridge reopens after repairs"
    assert meta(head, "twitter:description") == "Drivers can cross again from Monday."
    assert meta(head, "twitter:image") == SITE + share.url


def test_article_without_a_picture_gets_a_summary_card_and_no_image(client):
    article = make_article("Council meets", hero_image=None)
    response = client.get(article.url)
    head = head_of(response)

    assert meta(head, "twitter:card") == "summary"
    assert meta(head, "twitter:image") is None
    assert "og:image" not in open_graph(response, article.url)


@pytest.mark.parametrize(
    ("url", "title", "description"),
    [
        (
            "/",
            "The Newsdesk Chronicle",
            "The latest news from The Newsdesk Chronicle: top stories and every section.",
        ),
        ("/category/transport/", "Transport", "Roads, rail and river crossings."),
        (
            "/tag/bridges/",
            "bridges",
            "Stories tagged “bridges” from The Newsdesk Chronicle, newest first.",
        ),
        ("/author/ada-lane/", "Ada Lane", "Ada covers transport and the harbour."),
    ],
    ids=["front", "category", "tag", "author"],
)
def test_listing_pages_describe_themselves_as_websites(client, story, url, title, description):
    response = client.get(url)
    head = head_of(response)
    properties = open_graph(response, url)

    assert canonical(head) == SITE + url
    assert properties["og:url"] == SITE + url
    assert properties["@type"] == "website"
    assert properties["og:site_name"] == "The Newsdesk Chronicle"
    assert properties["og:title"] == title
    assert properties["og:description"] == description
    assert meta(head, "description") == description
    assert meta(head, "twitter:card") == "summary"
    assert meta(head, "twitter:title") == title
    assert meta(head, "twitter:description") == description


def test_pages_without_their_own_text_get_a_sensible_description(client):
    make_category("Weather")
    make_author("Kit Moss")

    category = head_of(client.get("/category/weather/"))
    author = head_of(client.get("/author/kit-moss/"))

    assert meta(category, "twitter:description") == (
        "The latest Weather news from The Newsdesk Chronicle."
    )
    assert meta(author, "twitter:description") == (
        "Stories by Kit Moss for The Newsdesk Chronicle, newest first."
    )


def test_canonical_drops_the_query_string_but_keeps_a_later_page(client, story):
    stories_per_page(4)
    for n in range(5):
        make_article(f"Transport story {n}", category=story.category)
    url = "/category/transport/"

    assert canonical(head_of(client.get(url + "?utm_source=newsletter"))) == SITE + url
    assert canonical(head_of(client.get(url + "?page=1"))) == SITE + url
    assert canonical(head_of(client.get(url + "?page=2&utm_source=x"))) == f"{SITE}{url}?page=2"


def test_absolute_urls_come_from_the_request_not_the_site_record(client, settings, story):
    settings.ALLOWED_HOSTS = ["news.example.org"]
    assert Site.objects.get(is_default_site=True).root_url == "http://localhost"

    response = client.get(story.url, HTTP_HOST="news.example.org", secure=True)
    head = head_of(response)

    assert canonical(head) == f"https://news.example.org{story.url}"
    assert meta(head, "twitter:image").startswith("https://news.example.org/media/")
    assert "localhost" not in str(head)


@pytest.mark.parametrize(
    "url",
    ["/", "/news/", "/category/transport/", "/tag/bridges/", "/author/ada-lane/"],
    ids=["front", "story-index", "category", "tag", "author"],
)
def test_later_listing_pages_are_noindex_but_followed_and_the_first_is_indexed(client, url):
    stories_per_page(4)
    transport, reporter = make_category("Transport"), make_author("Ada Lane")
    for n in range(10):
        make_article(f"Story {n}", category=transport, authors=[reporter], tags=["bridges"])

    first = head_of(client.get(url))
    second = head_of(client.get(url + "?page=2"))

    assert meta(first, "robots") is None
    assert meta(second, "robots") == "noindex, follow"
    assert len(second.find_all("meta", attrs={"name": "robots"})) == 1


def test_a_view_asking_for_noindex_gets_exactly_one_plain_noindex():
    """Search results set ``robots_noindex``; a later results page must not add a second rule."""
    request = RequestFactory().get("/search/", {"q": "bridge", "page": 2})
    page_two = Paginator(range(20), 4).page(2)
    template = engines["django"].from_string('{% extends "base.html" %}')

    html = template.render({"robots_noindex": True, "stories": page_two}, request)
    robots = BeautifulSoup(html, "html.parser").find_all("meta", attrs={"name": "robots"})

    assert [element["content"] for element in robots] == ["noindex"]


def test_share_metadata_never_shows_an_email_or_a_comment_awaiting_moderation(client, story):
    Comment.objects.create(
        article=story,
        name="Ola Berg",
        email="ola.berg@example.com",
        body="Approved remark",
        status=Comment.Status.APPROVED,
    )
    Comment.objects.create(
        article=story,
        name="Kit Moss",
        email="kit.moss@example.net",
        body="Unmoderated remark",
        status=Comment.Status.PENDING,
    )
    head = str(head_of(client.get(story.url)))

    for private in ["ola.berg@example.com", "kit.moss@example.net", "Unmoderated remark"]:
        assert private not in head
    assert '"commentCount": 1' in head


def test_error_pages_name_no_canonical_address_and_no_share_card(client):
    response = client.get("/no-such-page/")
    head = BeautifulSoup(response.content, "html.parser").head

    assert response.status_code == 404
    assert canonical(head) is None
    assert head.find("meta", property="og:title") is None


def test_home_page_search_description_overrides_the_default_text(client):
    HomePage.objects.update(search_description="Local news for the harbour towns.")
    head = head_of(client.get("/"))
    assert meta(head, "description") == "Local news for the harbour towns."


def query_count(client, url):
    client.get(url)  # warms the caches a busy site keeps warm: settings, renditions
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_more_bylines_and_tags_cost_no_more_queries(client):
    image = make_image()
    small = make_article(authors=[make_author()], tags=["one"], hero_image=image)
    large = make_article(
        authors=[make_author() for _ in range(4)],
        tags=["one", "two", "three", "four"],
        hero_image=image,
    )
    assert query_count(client, small.url) == query_count(client, large.url)
