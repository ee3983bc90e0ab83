"""What a feed reader finds in each story feed, field by field, read through feedparser."""

import calendar
import itertools
import json
from datetime import UTC, timedelta

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from wagtail.models import Site

from newsdesk.core import pictures
from newsdesk.news.models import ArticlePage
from newsdesk.news.tests.builders import make_article, make_author, make_category

from .readers import ATOM_TYPE, JSON_FEED_TYPE, ORIGIN, RSS_TYPE, fetch, read_feed
from .stories import dressed_story, set_full_text

pytestmark = pytest.mark.django_db

STORY_NUMBERS = itertools.count(1)
# The site, view restrictions, feed settings, stories, their renditions, bylines and tags,
# and when a page and a comment were last withdrawn.
FEED_QUERIES = 9


def timestamp(parsed):
    return calendar.timegm(parsed)


def read_json_feed(client, url="/feed.json"):
    response = fetch(client, url)
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_story_entry_carries_title_link_dates_authors_categories_and_summary(client, url):
    story = dressed_story()

    entry = read_feed(client, url).entries[0]

    assert entry.title == "Harbour bridge reopens"
    assert entry.link == f"{ORIGIN}{story.url}"
    assert entry.id == f"tag:127.0.0.1,{story.first_published_at:%Y-%m-%d}:article/{story.pk}"
    assert entry.guidislink is False
    assert timestamp(entry.published_parsed) == int(story.first_published_at.timestamp())
    assert timestamp(entry.updated_parsed) == int(story.last_published_at.timestamp())
    assert [author.name for author in entry.authors] == ["Ada Lane", "Tomas Reed"]
    assert [tag.term for tag in entry.tags] == ["Bridges and tunnels", "harbour", "roads"]
    assert entry.summary == "The crossing carries traffic again after repairs."
    assert "content" not in entry


def test_rss_entry_points_readers_to_the_story_comments(client):
    story = make_article("Council meets")

    assert read_feed(client, "/feed/").entries[0].comments == f"{ORIGIN}{story.url}#comments"


def test_atom_authors_link_to_their_pages(client):
    dressed_story()

    entry = read_feed(client, "/feed/atom/").entries[0]

    assert [author.href for author in entry.authors] == [
        f"{ORIGIN}/author/ada-lane/",
        f"{ORIGIN}/author/tomas-reed/",
    ]


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_hero_image_is_an_enclosure_with_its_size_and_type(client, url):
    story = dressed_story()
    rendition = pictures.renditions(story.hero_image, "feed")["width-1200"]

    (enclosure,) = read_feed(client, url).entries[0].enclosures

    assert enclosure.href == f"{ORIGIN}{rendition.url}"
    assert int(enclosure.length) == rendition.file.size
    assert enclosure.type == "image/jpeg"


def test_rss_hero_image_is_also_media_rss_content_and_thumbnail(client):
    story = dressed_story()
    rendition = pictures.renditions(story.hero_image, "feed")["width-1200"]

    entry = read_feed(client, "/feed/").entries[0]

    (content,) = entry.media_content
    assert content["url"] == f"{ORIGIN}{rendition.url}"
    assert content["medium"] == "image"
    assert content["type"] == "image/jpeg"
    assert int(content["filesize"]) == rendition.file.size
    assert (int(content["width"]), int(content["height"])) == (rendition.width, rendition.height)
    (thumbnail,) = entry.media_thumbnail
    assert thumbnail["url"].startswith(f"{ORIGIN}/media/images/")


def test_story_without_a_picture_has_no_enclosure(client):
    make_article("Council meets")

    entry = read_feed(client, "/feed/").entries[0]

    assert entry.enclosures == []
    assert "media_content" not in entry


def test_json_feed_item_carries_the_same_fields(client):
    story = dressed_story()
    rendition = pictures.renditions(story.hero_image, "feed")["width-1200"]

    feed = read_json_feed(client)

    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["home_page_url"] == f"{ORIGIN}/"
    assert feed["feed_url"] == f"{ORIGIN}/feed.json"
    (item,) = feed["items"]
    assert item["id"] == f"tag:127.0.0.1,{story.first_published_at:%Y-%m-%d}:article/{story.pk}"
    assert item["url"] == f"{ORIGIN}{story.url}"
    assert item["title"] == "Harbour bridge reopens"
    assert item["summary"] == item["content_text"] == story.standfirst
    assert "content_html" not in item
    assert item["date_published"] == story.first_published_at.isoformat()
    assert item["date_modified"] == story.last_published_at.isoformat()
    assert item["authors"] == [
        {"name": "Ada Lane", "url": f"{ORIGIN}/author/ada-lane/"},
        {"name": "Tomas Reed", "url": f"{ORIGIN}/author/tomas-reed/"},
    ]
    assert item["tags"] == ["Bridges and tunnels", "harbour", "roads"]
    assert item["image"] == f"{ORIGIN}{rendition.url}"
    assert item["attachments"] == [
        {"url": item["image"], "mime_type": "image/jpeg", "size_in_bytes": rendition.file.size}
    ]


def entry_ids(client):
    return (
        read_feed(client, "/feed/").entries[0].id,
        read_feed(client, "/feed/atom/").entries[0].id,
        read_json_feed(client)["items"][0]["id"],
    )


def test_entry_id_survives_a_new_headline_and_slug(client):
    story = make_article("Bridge closes for repairs")
    before = entry_ids(client)

    story.title, story.slug = "Bridge reopens early", "bridge-reopens-early"
    story.save_revision().publish()

    assert entry_ids(client) == before
    assert read_feed(client, "/feed/").entries[0].link == f"{ORIGIN}/news/bridge-reopens-early/"


def test_summary_only_by_default_and_full_story_when_the_setting_is_on(client):
    dressed_story(dateline="Eastmere")
    assert "content" not in read_feed(client, "/feed/atom/").entries[0]

    set_full_text(True)

    for url in ("/feed/", "/feed/atom/"):
        entry = read_feed(client, url).entries[0]
        assert entry.summary == "The crossing carries traffic again after repairs."
        (content,) = entry.content
        assert '<p><span class="story-dateline">Eastmere</span> — See' in content.value
        assert "Paragraph 2 of the story." in content.value
    assert "Paragraph 2" in read_json_feed(client)["items"][0]["content_html"]


def test_editors_find_the_full_text_setting_in_the_admin_settings_menu(admin_client, client):
    make_article("Council meets")
    site = Site.objects.get(is_default_site=True)
    setting = ["newsdesk_syndication", "syndicationsettings"]
    menu_url = reverse("wagtailsettings:edit", args=setting)
    form_url = reverse("wagtailsettings:edit", args=[*setting, site.pk])

    assert menu_url in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert admin_client.post(form_url, {"full_text": "on"}).status_code == 302
    assert read_feed(client, "/feed/").entries[0].content


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/", "/feed.json"])
def test_full_story_links_and_images_are_absolute(client, url):
    dressed_story()
    set_full_text(True)

    if url == "/feed.json":
        html = read_json_feed(client)["items"][0]["content_html"]
    else:
        html = read_feed(client, url).entries[0].content[0].value

    assert f'href="{ORIGIN}/news/"' in html
    assert f'src="{ORIGIN}/media/images/' in html
    assert 'src="/' not in html
    assert 'href="/' not in html


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("/feed/", RSS_TYPE),
        ("/feed/atom/", ATOM_TYPE),
        ("/feed.json", JSON_FEED_TYPE),
        ("/category/transport/feed/", RSS_TYPE),
        ("/category/transport/feed/atom/", ATOM_TYPE),
        ("/tag/harbour/feed/", RSS_TYPE),
        ("/tag/harbour/feed/atom/", ATOM_TYPE),
        ("/author/ada-lane/feed/", RSS_TYPE),
        ("/author/ada-lane/feed/atom/", ATOM_TYPE),
    ],
)
def test_each_feed_answers_with_its_content_type_and_cache_headers(client, url, content_type):
    dressed_story()

    response = fetch(client, url)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["ETag"]
    assert "max-age=300" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/", "/feed.json"])
def test_last_modified_is_the_newest_publication_and_unchanged_feeds_answer_304(client, url):
    make_article("Older story", published_at=timezone.now() - timedelta(days=2))
    newest = make_article("Newer story", published_at=timezone.now() - timedelta(hours=1))

    response = fetch(client, url)

    assert response["Last-Modified"] == http_date(newest.last_published_at.timestamp())
    by_etag = fetch(client, url, HTTP_IF_NONE_MATCH=response["ETag"])
    by_date = fetch(client, url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    assert by_etag.content == b""


def test_a_new_story_ends_the_304s(client):
    make_article("Older story", published_at=timezone.now() - timedelta(days=2))
    first = fetch(client, "/feed/")

    make_article("Breaking story")

    assert fetch(client, "/feed/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    assert fetch(client, "/feed/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 200


@pytest.mark.parametrize("url", ["/feed/", "/sitemap-articles.xml"])
def test_withdrawing_an_older_story_ends_the_304s(client, url):
    older = make_article("Older story", published_at=timezone.now() - timedelta(days=2))
    make_article("Newer story", published_at=timezone.now() - timedelta(hours=1))
    first = fetch(client, url)

    older.unpublish()

    assert b"Older story" not in fetch(client, url).content
    assert fetch(client, url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 200


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "www.example.org"])
def test_entry_id_is_the_same_whichever_host_the_feed_was_fetched_from(client, settings, host):
    settings.ALLOWED_HOSTS = [host]
    settings.WAGTAILADMIN_BASE_URL = "https://news.example.org"
    story = make_article("Story")

    feed = feedparser.parse(client.get("/feed/", HTTP_HOST=host).content)

    day = f"{story.first_published_at.astimezone(UTC):%Y-%m-%d}"
    assert feed.entries[0].id == f"tag:news.example.org,{day}:article/{story.pk}"


def test_switching_full_text_on_changes_the_etag(client):
    make_article("Council meets")
    before = fetch(client, "/feed/")["ETag"]

    set_full_text(True)

    assert fetch(client, "/feed/", HTTP_IF_NONE_MATCH=before).status_code == 200


def test_feeds_list_the_newest_stories_first_up_to_the_limit(client, monkeypatch):
    monkeypatch.setattr("newsdesk.syndication.entries.FEED_LENGTH", 3)
    now = timezone.now()
    for hours in range(5):
        make_article(f"Story {hours} hours old", published_at=now - timedelta(hours=hours))

    titles = [entry.title for entry in read_feed(client, "/feed/").entries]

    assert titles == ["Story 0 hours old", "Story 1 hours old", "Story 2 hours old"]


def test_category_feed_holds_its_own_and_its_subcategories_stories(client):
    sport = make_category("Sport")
    make_article("Cup final tonight", category=make_category("Football", parent=sport))
    make_article("Marathon route", category=sport)
    make_article("Budget vote", category=make_category("Politics"))

    feed = read_feed(client, "/category/sport/feed/")

    assert {entry.title for entry in feed.entries} == {"Cup final tonight", "Marathon route"}
    assert feed.feed.link == f"{ORIGIN}/category/sport/"
    assert "Sport" in feed.feed.title


def test_tag_and_author_feeds_hold_only_their_stories(client):
    ada = make_author("Ada Lane")
    make_article("Tide tables", authors=[ada], tags=["harbour"])
    make_article("Ferry strike", tags=["harbour"])
    make_article("School report", authors=[ada])
    make_article("Weather")

    tagged = read_feed(client, "/tag/harbour/feed/atom/")
    by_ada = read_feed(client, "/author/ada-lane/feed/")

    assert {entry.title for entry in tagged.entries} == {"Tide tables", "Ferry strike"}
    assert tagged.feed.link == f"{ORIGIN}/tag/harbour/"
    assert {entry.title for entry in by_ada.entries} == {"Tide tables", "School report"}
    assert by_ada.feed.link == f"{ORIGIN}/author/ada-lane/"


@pytest.mark.parametrize(
    "url",
    [
        "/category/no-such-section/feed/",
        "/category/no-such-section/feed/atom/",
        "/tag/no-such-tag/feed/",
        "/author/nobody/feed/atom/",
    ],
)
def test_unknown_subject_answers_404(client, url):
    assert fetch(client, url).status_code == 404


def make_dressed_stories(count, category):
    for _ in range(count):
        number = next(STORY_NUMBERS)
        authors = [make_author(), make_author()]
        dressed_story(f"Story {number}", category=category, authors=authors, tags=[f"t{number}"])


def test_story_feed_queries_do_not_grow_with_its_stories(client, django_assert_max_num_queries):
    """Bylines, tags and hero renditions come in one query each, whatever the number of stories."""
    section = make_category("Transport")
    make_dressed_stories(2, section)
    fetch(client, "/feed/atom/")  # makes the renditions, as the first reader would
    with django_assert_max_num_queries(FEED_QUERIES) as two_stories:
        fetch(client, "/feed/atom/")
    two_stories_queries = len(two_stories)

    make_dressed_stories(6, section)
    fetch(client, "/feed/atom/")
    with django_assert_max_num_queries(two_stories_queries):
        response = fetch(client, "/feed/atom/")

    assert response.status_code == 200
    assert len(read_feed(client, "/feed/atom/").entries) == ArticlePage.objects.count() == 8
