"""A 200-character word, name or address never makes a phone page wider than the screen."""

import pytest
from wagtail.rich_text import RichText

from newsdesk.conftest_browser import TIMEOUT_MS

from .builders import make_article, make_author, make_category
from .reader_pages import approved_comment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# A place name that goes on and on, as Welsh and Maori ones do: no hyphen, no space.
WORD = ("Llanfairpwllgwyngyll" * 10)[:200]
ADDRESS = "https://example.org/" + "a" * 180
PHONE_WIDTHS = (320, 390)


def long_word_story():
    """A story where every field a reader sees holds one unbroken word as long as it may be."""
    section = make_category(WORD[:100])
    reporter = make_author(WORD[:100])
    article = make_article(
        f"{WORD} ferry",
        category=section,
        authors=[reporter],
        tags=[WORD[:100]],
        standfirst=f"{WORD} standfirst",
        body=[("paragraph", RichText(f"<p>{WORD} and <a href='{ADDRESS}'>{ADDRESS}</a></p>"))] * 5,
    )
    question = approved_comment(article, WORD[:100], f"{WORD} {ADDRESS}", website=ADDRESS)
    approved_comment(article, WORD[:100], f"{ADDRESS}{WORD}", parent=question)
    return article, section, reporter


def test_no_page_is_wider_than_a_phone_screen_with_200_character_words(chromium, live_server):
    article, section, reporter = long_word_story()
    paths = [
        article.url,
        "/",
        f"/category/{section.slug}/",
        f"/author/{reporter.slug}/",
        f"/tag/{article.tags.get().slug}/",
        "/search/?q=ferry",
        f"/search/?q={WORD}",
    ]
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    too_wide = {}
    try:
        for path in paths:
            page.goto(path)
            for width in PHONE_WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                if scroll_width > width:
                    too_wide[f"{path[:60]} at {width}"] = scroll_width
    finally:
        context.close()

    assert too_wide == {}
