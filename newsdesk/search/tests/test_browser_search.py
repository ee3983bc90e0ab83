"""In a real browser: the masthead box searches with JavaScript off, and axe finds nothing."""

import pytest
from wagtail.rich_text import RichText

from newsdesk.conftest_browser import axe_violations, describe_violations
from newsdesk.news.tests.builders import make_article, make_author, make_category

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def newsroom():
    sport, council = make_category("Sport"), make_category("Council")
    reporter = make_author("Ada Lane")
    for n in range(1, 4):
        make_article(
            f"Harbour regatta day {n}",
            category=sport,
            authors=[reporter],
            body=[("paragraph", RichText("<p>Boats crossed the <b>harbour</b> at dawn.</p>"))],
        )
    make_article("Council budget", category=council, authors=[reporter])


def assert_no_violations(page):
    violations = axe_violations(page)
    assert violations == [], "axe-core found:\n" + describe_violations(violations)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_masthead_box_searches_without_javascript(open_page, width):
    newsroom()
    page = open_page("/", javascript=False, width=width)
    page.get_by_role("search", name="Site search").get_by_label("Search stories").fill("regatta")
    page.get_by_role("search", name="Site search").get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=regatta")
    assert page.locator(".search-results .story-card-title").count() == 3


def test_results_page_has_no_violations(open_page):
    newsroom()
    assert_no_violations(open_page("/search/?q=harbour"))


def test_no_results_page_has_no_violations(open_page):
    newsroom()
    assert_no_violations(open_page("/search/?q=zeppelin&category=sport"))


def test_search_page_with_errors_has_no_violations(open_page):
    newsroom()
    assert_no_violations(open_page("/search/?q=harbour&category=nope&from=2024-02-30"))


def test_empty_search_page_has_no_violations(open_page):
    assert_no_violations(open_page("/search/"))
