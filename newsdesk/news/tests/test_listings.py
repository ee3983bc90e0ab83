"""Front page, category, tag and author listings."""

import pytest
from bs4 import BeautifulSoup
from django.db.models.deletion import ProtectedError
from django.test import Client
from wagtail.models import Site

from newsdesk.comments.models import Comment
from newsdesk.news.models import ArticlePage, Category, FrontPagePick, HomePage, NewsSettings

from .builders import make_article, make_author, make_category, minutes_ago

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


def test_listings_are_paginated_and_tolerate_odd_page_numbers():
    stories_per_page(4)
    for n in range(10):
        make_article(f"Story {n:02}", published_at=minutes_ago(100 - n))
    client = Client()
    assert headlines(client.get("/news/")) == ["Story 09", "Story 08", "Story 07", "Story 06"]
    assert headlines(client.get("/news/?page=3")) == ["Story 01", "Story 00"]
    assert headlines(client.get("/news/?page=999999")) == ["Story 01", "Story 00"]
    assert headlines(client.get("/news/?page=-1"))[0] == "Story 01"
    assert headlines(client.get("/news/?page=abc"))[0] == "Story 09"


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


def test_uncategorized_cannot_be_deleted():
    with pytest.raises(ProtectedError):
        Category.objects.uncategorized().delete()


def test_deleting_a_category_refiles_its_stories_as_uncategorized():
    weather = make_category("Weather")
    article = make_article(category=weather)
    weather.delete()
    assert ArticlePage.objects.get(pk=article.pk).category == Category.objects.uncategorized()
