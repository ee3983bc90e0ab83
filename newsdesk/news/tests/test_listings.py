"""Front page, category, tag and author listings."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from newsdesk.comments.models import Comment
from newsdesk.news.models import FrontPagePick, HomePage, NewsSettings

from .builders import make_article, make_author, make_category, make_image, minutes_ago

pytestmark = pytest.mark.django_db


def headlines(response, selector=".story-list .story-card-title"):
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [node.text.strip() for node in page.select(selector)]


def stories_per_page(count):
    settings = NewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.stories_per_page = count
    settings.save()


def test_front_page_leads_with_the_newest_story_then_the_latest():
    for n in range(3):
        make_article(f"Story {n}", published_at=minutes_ago(30 - n))
    response = Client().get("/")
    assert headlines(response, ".front-lead .story-card-title") == ["Story 2"]
    assert headlines(response, ".front-latest .story-card-title") == ["Story 1", "Story 0"]


def test_editors_pick_leads_the_front_page():
    picked = make_article("Investigation", published_at=minutes_ago(300))
    make_article("Newer story")
    FrontPagePick.objects.create(page=HomePage.objects.get(), article=picked, sort_order=0)
    assert headlines(Client().get("/"), ".front-lead .story-card-title") == ["Investigation"]


def test_front_page_groups_stories_by_section():
    sport = make_category("Sport")
    football = make_category("Football", parent=sport)
    stories_per_page(4)
    for n in range(6):
        make_article(f"General {n}")
    make_article("Cup final preview", category=football, published_at=minutes_ago(600))
    page = BeautifulSoup(Client().get("/").content, "html.parser")
    section = page.select_one("#section-sport").find_parent("section")
    assert [h.text.strip() for h in section.select(".story-card-title")] == ["Cup final preview"]


def test_front_page_section_labels_only_its_subsections_stories():
    sport = make_category("Sport")
    football = make_category("Football", parent=sport)
    stories_per_page(4)
    for n in range(4):
        make_article(f"General {n}")
    make_article("Regatta result", category=sport, published_at=minutes_ago(500))
    make_article("Cup final preview", category=football, published_at=minutes_ago(600))
    page = BeautifulSoup(Client().get("/").content, "html.parser")
    section = page.select_one("#section-sport").find_parent("section")
    labels = [
        [label.text.strip() for label in card.select(".story-card-section")]
        for card in section.select(".story-card")
    ]
    assert labels == [[], ["Football"]]


def test_front_page_section_shows_its_four_newest_stories_not_shown_above():
    stories_per_page(4)
    sport = make_category("Sport")
    rowing = make_category("Rowing", parent=sport)
    for n in range(5):
        make_article(
            f"Sport {n}", category=rowing if n % 2 else sport, published_at=minutes_ago(90 - n)
        )
    for n in range(3):
        make_article(f"General {n}", published_at=minutes_ago(50 - n))
    make_article("Sport lead", category=sport, published_at=minutes_ago(1))

    page = BeautifulSoup(Client().get("/").content, "html.parser")

    assert page.select_one(".front-lead .story-card-title").text.strip() == "Sport lead"
    section = page.select_one("#section-sport").find_parent("section")
    titles = [h.text.strip() for h in section.select(".story-card-title")]
    assert titles == ["Sport 4", "Sport 3", "Sport 2", "Sport 1"]


def test_story_index_is_paginated():
    stories_per_page(4)
    for n in range(10):
        make_article(f"Story {n:02}", published_at=minutes_ago(100 - n))
    client = Client()
    assert headlines(client.get("/news/")) == ["Story 09", "Story 08", "Story 07", "Story 06"]
    assert headlines(client.get("/news/?page=3")) == ["Story 01", "Story 00"]


def test_category_page_includes_stories_from_its_subcategories():
    sport = make_category("Sport")
    make_article("Rowing club wins", category=sport)
    make_article("Late equaliser", category=make_category("Football", parent=sport))
    make_article("Budget vote", category=make_category("Politics"))
    assert sorted(headlines(Client().get("/category/sport/"))) == [
        "Late equaliser",
        "Rowing club wins",
    ]
    assert headlines(Client().get("/category/football/")) == ["Late equaliser"]


def test_tag_and_author_pages_list_their_stories():
    reporter = make_author("Ada Lane")
    make_article("Tide tables", tags=["harbour"], authors=[reporter])
    make_article("Council tax", tags=["council"])
    assert headlines(Client().get("/tag/harbour/")) == ["Tide tables"]
    assert headlines(Client().get("/author/ada-lane/")) == ["Tide tables"]
    assert Client().get("/author/nobody/").status_code == 404


def test_drafts_never_appear_in_listings():
    make_article("Secret draft", publish=False, category=make_category("Politics"))
    for url in ["/", "/news/", "/category/politics/"]:
        assert "Secret draft" not in Client().get(url).content.decode()


def test_lists_show_approved_comment_counts():
    article = make_article("Talked-about story")
    make_article("Newest story")
    for status in [Comment.Status.APPROVED, Comment.Status.APPROVED, Comment.Status.PENDING]:
        Comment.objects.create(
            article=article, name="A", email="a@example.com", body="x", status=status
        )
    page = BeautifulSoup(Client().get("/news/").content, "html.parser")
    card = next(c for c in page.select(".story-card") if "Talked-about" in c.text)
    assert card.select_one(".story-card-comments").text == "2 comments"


def test_story_listing_uses_a_fixed_number_of_queries(django_assert_max_num_queries):
    authors = [make_author(f"Writer {n}") for n in range(3)]
    for n in range(12):
        make_article(
            f"Story {n}", category=make_category(f"Desk {n}"), authors=authors, tags=["a", "b"]
        )
    client = Client()
    client.get("/news/")
    with django_assert_max_num_queries(12):
        assert client.get("/news/").status_code == 200


def test_front_page_continues_the_latest_news_on_page_two():
    stories_per_page(4)
    sport = make_category("Sport")
    for n in range(10):
        make_article(f"Story {n:02}", category=sport, published_at=minutes_ago(100 - n))
    client = Client()

    first, second = client.get("/"), client.get("/?page=2")

    assert headlines(first, ".front-lead .story-card-title") == ["Story 09"]
    assert headlines(first, ".front-latest .story-card-title") == [
        "Story 08",
        "Story 07",
        "Story 06",
    ]
    assert headlines(second, ".front-lead .story-card-title") == []
    assert headlines(second, ".front-latest .story-card-title") == [
        "Story 05",
        "Story 04",
        "Story 03",
        "Story 02",
    ]
    assert "Latest news, page 2" in second.content.decode()
    assert headlines(first, ".front-section .story-card-title")[0] == "Story 05"
    assert headlines(second, ".front-section .story-card-title") == []


@pytest.mark.parametrize(
    "url",
    ["/category/harbour/", "/tag/harbour/", "/author/ada-lane/"],
    ids=["category", "tag", "author"],
)
def test_listing_pages_continue_on_page_two(url):
    stories_per_page(4)
    harbour, reporter = make_category("Harbour"), make_author("Ada Lane")
    for n in range(6):
        make_article(
            f"Story {n:02}",
            category=harbour,
            authors=[reporter],
            tags=["harbour"],
            published_at=minutes_ago(100 - n),
        )
    make_article("Elsewhere in town", tags=["town"])
    client = Client()

    first = client.get(url)
    next_link = BeautifulSoup(first.content, "html.parser").select_one('a[rel="next"]')

    assert headlines(first) == ["Story 05", "Story 04", "Story 03", "Story 02"]
    assert next_link["href"] == "?page=2"
    assert headlines(client.get(url + "?page=2")) == ["Story 01", "Story 00"]


def add_section(name, image, stories=5):
    """A top-level section with a subsection, and ``stories`` stories spread across both."""
    section = make_category(name)
    desk = make_category(f"{name} desk", parent=section)
    for n in range(stories):
        make_article(
            f"{name} story {n}",
            category=desk if n % 2 else section,
            authors=[make_author()],
            tags=["town"],
            hero_image=image,
        )


# The footer's menu pages included.
FRONT_PAGE_QUERIES = 16


def test_front_page_needs_no_more_queries_for_more_sections(django_assert_max_num_queries):
    stories_per_page(4)
    image = make_image()
    for name in ["Sport", "Politics"]:
        add_section(name, image)
    client = Client()
    client.get("/")  # fills the caches a busy site keeps warm: settings, renditions
    with django_assert_max_num_queries(FRONT_PAGE_QUERIES) as two_sections:
        assert client.get("/").status_code == 200

    for name in ["Business", "Culture", "Science", "Transport"]:
        add_section(name, image)
    client.get("/")
    with django_assert_max_num_queries(FRONT_PAGE_QUERIES) as six_sections:
        page = BeautifulSoup(client.get("/").content, "html.parser")

    assert len(page.select(".front-section")) == 6
    assert len(six_sections) == len(two_sections)


def test_front_page_sections_leave_out_stories_behind_a_password():
    stories_per_page(4)
    sport = make_category("Sport")
    for n in range(8):
        make_article(f"Sport story {n}", category=sport, published_at=minutes_ago(300 - n))
    private = make_article("Private briefing", category=sport, published_at=minutes_ago(1))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )

    response = Client().get("/")

    assert headlines(response, ".front-lead .story-card-title") == ["Sport story 7"]
    assert headlines(response, ".front-section .story-card-title") == [
        "Sport story 3",
        "Sport story 2",
        "Sport story 1",
        "Sport story 0",
    ]
    assert "Private briefing" not in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/news/",
        "/category/harbour/",
        "/tag/harbour/",
        "/author/ada-lane/",
        "/{today:%Y}/",
        "/{today:%Y/%m}/",
        "/{today:%Y/%m/%d}/",
    ],
    ids=["front", "index", "category", "tag", "author", "year", "month", "day"],
)
def test_a_page_number_that_is_not_a_page_of_the_listing_is_not_found(url):
    stories_per_page(4)
    harbour, reporter = make_category("Harbour"), make_author("Ada Lane")
    for n in range(6):
        make_article(f"Story {n}", category=harbour, authors=[reporter], tags=["harbour"])
    url = url.format(today=timezone.localdate())
    client = Client()

    found = {page: client.get(f"{url}?page={page}").status_code for page in ("", "1", "2")}
    missing = {
        page: client.get(f"{url}?page={page}").status_code
        for page in ("3", "99", "0", "-1", "abc", "2.5")
    }

    assert client.get(url).status_code == 200
    assert found == dict.fromkeys(found, 200)
    assert missing == dict.fromkeys(missing, 404)
