"""Search engines read a NewsArticle, breadcrumbs and a site search from the pages' JSON-LD.

The pages are parsed with extruct, the extractor crawlers' tooling is built on,
so what is checked is what a search engine would read.
"""

import io
import json
from datetime import UTC, datetime
from urllib.parse import urlsplit

import extruct
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import re_path
from django.views.static import serve
from PIL import Image
from wagtail.models import Site

from newsdesk import urls as site_urls
from newsdesk.comments.models import Comment
from newsdesk.news.models import ArticlePage, NewsSettings
from newsdesk.news.tests.builders import make_article, make_author, make_category, make_image
from newsdesk.syndication.structured_data import script_json

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


def media(request, path):
    """Serve uploaded files as the production web server does, so rendition URLs can be fetched.

    MEDIA_ROOT is read per request: every test writes into its own folder.
    """
    return serve(request, path, document_root=settings.MEDIA_ROOT)


# The site's own URLs, plus the uploads the test server does not serve outside DEBUG.
urlpatterns = [re_path(r"^media/(?P<path>.+)$", media), *site_urls.urlpatterns]


@pytest.fixture
def serves_media(settings):
    settings.ROOT_URLCONF = __name__


def json_ld(client, url):
    """Every JSON-LD item on the page at ``url``, keyed by its @type."""
    response = client.get(url)
    assert response.status_code == 200
    data = extruct.extract(
        response.content.decode(), base_url=SITE + url, syntaxes=["json-ld"], uniform=True
    )
    return {item["@type"]: item for item in data["json-ld"]}


def fetch(client, absolute_url):
    """GET an absolute URL of this site through the test client."""
    assert absolute_url.startswith(SITE + "/")
    return client.get(urlsplit(absolute_url).path)


@pytest.fixture
def story():
    sport = make_category("Sport")
    football = make_category("Football", parent=sport)
    return make_article(
        "Harbour United win the cup",
        category=football,
        authors=[make_author("Ada Lane"), make_author("Sam Roe")],
        tags=["cup final", "harbour"],
        hero_image=make_image(),
        standfirst="A late goal settles the final.",
        published_at=datetime(2026, 7, 1, 9, 30, tzinfo=UTC),
    )


def test_article_is_a_news_article_with_the_properties_google_lists(client, story):
    article = json_ld(client, story.url)["NewsArticle"]
    canonical = SITE + story.url

    assert article["@context"] == "https://schema.org"
    assert article["headline"] == "Harbour United win the cup"
    assert article["description"] == "A late goal settles the final."
    assert article["url"] == canonical
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": canonical}
    assert article["articleSection"] == "Football"
    assert sorted(article["keywords"]) == ["cup final", "harbour"]
    assert article["inLanguage"] == "en-GB"
    assert article["commentCount"] == 0
    assert [a["name"] for a in article["author"]] == ["Ada Lane", "Sam Roe"]
    assert {a["@type"] for a in article["author"]} == {"Person"}
    assert article["publisher"]["@type"] == "Organization"
    assert article["publisher"]["name"] == "The Newsdesk Chronicle"


def test_article_dates_are_iso_8601_in_the_site_time_zone_with_their_offset(client, story):
    updated = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
    ArticlePage.objects.filter(pk=story.pk).update(last_updated_at=updated)

    article = json_ld(client, story.url)["NewsArticle"]

    # London is on summer time (UTC+1) in July and on GMT in December.
    assert article["datePublished"] == "2026-07-01T10:30:00+01:00"
    assert article["dateModified"] == "2026-12-02T08:00:00+00:00"


def test_an_article_never_republished_was_last_modified_when_it_went_out(client, story):
    article = json_ld(client, story.url)["NewsArticle"]
    assert article["dateModified"] == article["datePublished"]


def test_article_images_are_real_renditions_in_16_9_4_3_and_1_1(client, serves_media, story):
    images = json_ld(client, story.url)["NewsArticle"]["image"]

    assert [urlsplit(url).path.split(".")[-3:] for url in images] == [
        ["fill-1200x675", "format-jpeg", "jpg"],
        ["fill-1200x900", "format-jpeg", "jpg"],
        ["fill-1200x1200", "format-jpeg", "jpg"],
    ]
    sizes = []
    for url in images:
        response = fetch(client, url)
        assert response.status_code == 200
        with Image.open(io.BytesIO(b"".join(response.streaming_content))) as picture:
            sizes.append(picture.size)
    # The 64x48 test picture is cropped to each ratio, never enlarged.
    assert sizes == [(64, 36), (64, 48), (48, 48)]


def test_article_without_a_hero_image_has_no_image_property(client):
    article = json_ld(client, make_article(hero_image=None).url)["NewsArticle"]
    assert "image" not in article


def test_article_authors_link_to_their_author_pages(client, story):
    authors = json_ld(client, story.url)["NewsArticle"]["author"]

    assert [a["url"] for a in authors] == [
        f"{SITE}/author/ada-lane/",
        f"{SITE}/author/sam-roe/",
    ]
    for author in authors:
        page = BeautifulSoup(fetch(client, author["url"]).content, "html.parser")
        assert page.h1.text == author["name"]


def test_reporting_bylines_are_authors_and_other_roles_contributors(client):
    ada, lena = make_author("Ada Lane"), make_author("Lena Marsh")
    story = make_article(
        authors=[ada],
        bylines=[("Estuary News Agency", "Reporting"), (lena, "Photographs"), ("Staff", "Video")],
        dateline="Saltmarsh Point",
    )

    article = json_ld(client, story.url)["NewsArticle"]

    assert article["author"] == [
        {
            "@type": "Person",
            "@id": f"{SITE}/author/ada-lane/#person",
            "name": "Ada Lane",
            "url": f"{SITE}/author/ada-lane/",
        },
        {"@type": "Organization", "name": "Estuary News Agency"},
    ]
    assert [(c["@type"], c["name"]) for c in article["contributor"]] == [
        ("Person", "Lena Marsh"),
        ("Organization", "Staff"),
    ]
    assert article["locationCreated"] == {"@type": "Place", "name": "Saltmarsh Point"}


def test_a_story_without_a_byline_is_credited_to_the_paper(client):
    article = json_ld(client, make_article(authors=[]).url)["NewsArticle"]
    assert article["author"] == [article["publisher"]]
    assert "contributor" not in article and "locationCreated" not in article


def test_publisher_logo_is_the_static_png_at_the_size_it_states(client, story):
    logo = json_ld(client, story.url)["NewsArticle"]["publisher"]["logo"]

    assert logo["@type"] == "ImageObject"
    assert logo["url"] == SITE + static("newsdesk/logo.png")
    with Image.open(finders.find("newsdesk/logo.png")) as picture:
        assert picture.format == "PNG"
        assert picture.size == (logo["width"], logo["height"])
    # Google asks for a logo of at least 112px each way.
    assert min(logo["width"], logo["height"]) >= 112


def test_comment_count_counts_approved_comments_only(client, story):
    for status in [Comment.Status.APPROVED, Comment.Status.APPROVED, Comment.Status.PENDING]:
        Comment.objects.create(
            article=story, name="Reader", email="reader@example.com", body="Hi", status=status
        )
    assert json_ld(client, story.url)["NewsArticle"]["commentCount"] == 2


def test_a_long_headline_is_cut_to_110_characters(client):
    title = "Council " + "and harbour board " * 10 + "agree"
    headline = json_ld(client, make_article(title).url)["NewsArticle"]["headline"]

    assert len(title) > 110
    assert len(headline) == 110
    assert headline.startswith("Council and harbour board")


def breadcrumbs(item):
    return [(e["position"], e["name"], e["item"]) for e in item["itemListElement"]]


def test_article_breadcrumbs_run_from_home_through_each_section_to_the_story(client, story):
    trail = json_ld(client, story.url)["BreadcrumbList"]

    assert breadcrumbs(trail) == [
        (1, "Home", f"{SITE}/"),
        (2, "Sport", f"{SITE}/category/sport/"),
        (3, "Football", f"{SITE}/category/football/"),
        (4, "Harbour United win the cup", SITE + story.url),
    ]
    for _position, _name, url in breadcrumbs(trail):
        assert fetch(client, url).status_code == 200


def test_category_breadcrumbs_run_from_home_through_its_parents(client):
    sport = make_category("Sport")
    football = make_category("Football", parent=sport)
    cups = make_category("Cups", parent=football)

    trail = json_ld(client, cups.get_absolute_url())["BreadcrumbList"]

    assert breadcrumbs(trail) == [
        (1, "Home", f"{SITE}/"),
        (2, "Sport", f"{SITE}/category/sport/"),
        (3, "Football", f"{SITE}/category/football/"),
        (4, "Cups", f"{SITE}/category/cups/"),
    ]


def test_a_later_page_of_a_category_keeps_the_category_itself_as_the_last_crumb(client):
    category = make_category("Weather")
    news_settings = NewsSettings.for_site(Site.objects.get(is_default_site=True))
    news_settings.stories_per_page = 1
    news_settings.save()
    make_article("Storm warning", category=category)
    make_article("Sunny spell", category=category)
    trail = json_ld(client, category.get_absolute_url() + "?page=2")["BreadcrumbList"]
    assert breadcrumbs(trail)[-1] == (2, "Weather", f"{SITE}/category/weather/")


def test_front_page_offers_a_site_search_action(client):
    items = json_ld(client, "/")
    action = items["WebSite"]["potentialAction"]

    assert items["WebSite"]["url"] == f"{SITE}/"
    assert items["WebSite"]["name"] == "The Newsdesk Chronicle"
    assert action["@type"] == "SearchAction"
    assert action["target"] == {
        "@type": "EntryPoint",
        "urlTemplate": f"{SITE}/search/?q={{search_term_string}}",
    }
    assert action["query-input"] == "required name=search_term_string"
    assert items["Organization"]["logo"]["url"] == SITE + static("newsdesk/logo.png")


def test_only_the_front_page_carries_the_website_block(client, story):
    assert "WebSite" not in json_ld(client, story.url)
    assert "WebSite" not in json_ld(client, story.category.get_absolute_url())


def test_a_headline_that_closes_the_script_element_stays_inside_the_json_ld(client):
    title = 'The "mayor\'s" plan </script><script>alert(1)</script> & more'
    response = client.get(make_article(title, standfirst=title).url)
    page = BeautifulSoup(response.content, "html.parser")

    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 2
    # Any other script is a file the page loads (the comment form's), never inline.
    assert all(s.get("src") and not s.string for s in page.find_all("script", type=None))
    article, trail = (json.loads(script.string) for script in scripts)
    assert article["headline"] == title
    assert article["description"] == title
    assert trail["itemListElement"][-1]["name"] == title
    assert "</script><script>" not in "".join(script.string for script in scripts)


def test_script_json_escapes_what_could_end_a_script_element():
    text = script_json({"headline": "</script><!-- & -->"})

    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"headline": "</script><!-- & -->"}
