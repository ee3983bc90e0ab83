"""The masthead shows where a reader is; page titles say which page of a listing it is."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import Site

from newsdesk.news.models import NewsSettings

from .builders import make_article, make_category

pytestmark = pytest.mark.django_db


def soup(url):
    response = Client().get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def current_sections(page):
    return [(a.text, a["aria-current"]) for a in page.select(".sections a[aria-current]")]


def test_a_section_page_is_marked_as_the_current_page():
    make_category("Sport")
    assert current_sections(soup("/category/sport/")) == [("Sport", "page")]


def test_a_subsection_and_its_stories_mark_their_top_level_section():
    football = make_category("Football", parent=make_category("Sport"))
    story = make_article("Cup final preview", category=football)
    assert current_sections(soup("/category/football/")) == [("Sport", "true")]
    assert current_sections(soup(story.url)) == [("Sport", "true")]


def test_front_page_title_names_the_paper_once_and_numbers_later_pages():
    settings = NewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.stories_per_page = 4
    settings.save()
    for n in range(8):
        make_article(f"Story {n}")
    first, second = soup("/").title.text, soup("/?page=2").title.text
    assert first.count("The Newsdesk Chronicle") == 1
    assert second.endswith(", page 2")


def test_later_pages_of_a_listing_say_which_page_they_are():
    settings = NewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.stories_per_page = 4
    settings.save()
    sport = make_category("Sport")
    for n in range(6):
        make_article(f"Race {n}", category=sport)
    assert soup("/category/sport/").title.text == "Sport · The Newsdesk Chronicle"
    assert soup("/category/sport/?page=2").title.text == "Sport, page 2 · The Newsdesk Chronicle"
