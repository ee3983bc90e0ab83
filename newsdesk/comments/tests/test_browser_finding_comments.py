"""A keyboard reader reaches the comments in a few key presses and lands on what to fix."""

import pytest
from playwright.sync_api import expect

from newsdesk.news.tests.builders import make_article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_keyboard_reader_skips_to_comments_and_lands_on_the_error_summary(open_page, javascript):
    article = make_article("Tram line extended")
    page = open_page(article.url, javascript=javascript, bypass_csp=False)

    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Skip to comments":
            break
    expect(page.get_by_role("link", name="Skip to comments")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{page.url.partition('#')[0]}#comments")

    page.locator("#commentform").get_by_role("button", name="Post Comment").click()

    summary = page.locator("#comment-errors")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary.get_by_role("link", name="Comment:")).to_be_visible()
    assert page.title().startswith("Error: Tram line extended")
