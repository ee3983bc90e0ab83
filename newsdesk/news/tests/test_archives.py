"""Date archives list the stories first published in a year, a month or on a day."""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import Site

from newsdesk.news.models import NewsSettings

from .builders import make_article

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=12):
    return datetime(year, month, day, hour, tzinfo=UTC)


def headlines(url):
    response = Client().get(url)
    assert response.status_code == 200, url
    page = BeautifulSoup(response.content, "html.parser")
    return [node.text.strip() for node in page.select(".story-list .story-card-title")], page


@pytest.fixture
def calendar():
    """Stories spread over two years, two months and two days."""
    make_article("New year swim", published_at=at(2025, 1, 1))
    make_article("Harbour works begin", published_at=at(2026, 10, 30))
    make_article("Ferry fares frozen", published_at=at(2026, 11, 24, 9))
    make_article("Night buses return", published_at=at(2026, 11, 24, 18))
    make_article("Bridge reopens", published_at=at(2026, 11, 25))


def test_year_archive_lists_the_years_stories_newest_first_and_links_its_months(calendar):
    shown, page = headlines("/2026/")
    assert shown == [
        "Bridge reopens",
        "Night buses return",
        "Ferry fares frozen",
        "Harbour works begin",
    ]
    months = [(a.text, a["href"]) for a in page.select(".subsections a")]
    assert months == [("October", "/2026/10/"), ("November", "/2026/11/")]
    assert page.select_one('.archive-neighbours a[rel="prev"]')["href"] == "/2025/"


def test_month_archive_lists_its_days_and_neighbouring_months(calendar):
    shown, page = headlines("/2026/11/")
    assert shown == ["Bridge reopens", "Night buses return", "Ferry fares frozen"]
    assert [a["href"] for a in page.select(".subsections a")] == ["/2026/11/24/", "/2026/11/25/"]
    assert page.select_one('.archive-neighbours a[rel="prev"]')["href"] == "/2026/10/"
    assert page.select_one("h1").text == "November 2026"


def test_day_archive_lists_that_days_stories_with_links_to_the_days_around_it(calendar):
    shown, page = headlines("/2026/11/24/")
    assert shown == ["Night buses return", "Ferry fares frozen"]
    assert page.select_one('.archive-neighbours a[rel="prev"]')["href"] == "/2026/10/30/"
    assert page.select_one('.archive-neighbours a[rel="next"]')["href"] == "/2026/11/25/"


def test_days_follow_the_sites_time_zone(settings):
    settings.TIME_ZONE = "Europe/London"
    make_article("Late summer night", published_at=datetime(2026, 7, 1, 23, 30, tzinfo=UTC))
    assert headlines("/2026/07/02/")[0] == ["Late summer night"]
    assert Client().get("/2026/07/01/").status_code == 404


def test_empty_or_impossible_dates_are_not_found(calendar):
    impossible = ["/2024/", "/2026/12/", "/2026/13/", "/2026/02/30/", "/2026/11/26/"]
    calendar_ends = ["/0000/", "/9999/12/", "/9999/12/31/", "/0001/01/01/"]
    for url in impossible + calendar_ends:
        assert Client().get(url).status_code == 404, url


def test_drafts_and_scheduled_stories_stay_out_of_the_archive(calendar):
    make_article("Unfinished draft", publish=False)
    shown, _page = headlines("/2026/11/")
    assert "Unfinished draft" not in shown


def test_archives_are_paginated_like_every_listing(calendar):
    settings = NewsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.stories_per_page = 4
    settings.save()
    for day in range(1, 7):
        make_article(f"March story {day}", published_at=at(2026, 3, day))
    assert len(headlines("/2026/")[0]) == 4
    assert headlines("/2026/?page=3")[0] == ["March story 2", "March story 1"]
    for page in ("999", "0", "last"):
        assert Client().get(f"/2026/?page={page}").status_code == 404, page


def test_an_articles_publication_date_links_to_that_days_archive(calendar):
    story = make_article("Quay market opens late", published_at=at(2026, 11, 25, 8))
    page = BeautifulSoup(Client().get(story.url).content, "html.parser")
    link = page.select_one(".dateline a")
    assert link["href"] == "/2026/11/25/"
    assert link.select_one("time")["datetime"].startswith("2026-11-25T08:00:00")
    assert "Quay market opens late" in headlines(link["href"])[0]
