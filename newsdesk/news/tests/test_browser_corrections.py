"""An editor updates a live story and corrects it; the next reader sees both past the page cache."""

import json

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

from newsdesk.caching.tests.conftest import serving
from newsdesk.caching.tests.test_freshness import warmed
from newsdesk.conftest_browser import TIMEOUT_MS

from .builders import make_article, make_author, make_category

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NOTE = "Adds the ferry company's reply."
CORRECTION = "Fares rise by 5%, not 50% as we first wrote."


@pytest.fixture
def site(chromium):
    """The site behind its page cache, as readers reach it."""
    with serving() as server:
        yield server


def signed_in_editor(chromium, origin):
    editor = Client()
    editor.force_login(get_user_model().objects.create_superuser("desk", "desk@example.com", "pw"))
    desk = chromium.new_context(base_url=origin)
    desk.set_default_timeout(TIMEOUT_MS)
    cookie = settings.SESSION_COOKIE_NAME
    desk.add_cookies([{"name": cookie, "value": editor.cookies[cookie].value, "url": origin}])
    return desk.new_page()


def publish(page):
    """Press Publish, wherever the editor's footer keeps it."""
    button = page.locator('button[name="action-publish"]')
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    button.click()


def test_an_update_note_and_a_correction_reach_the_next_reader(chromium, live_server, site):
    story = make_article(
        "Ferry fares frozen", category=make_category("Transport"), authors=[make_author()]
    )
    for path in (story.url, "/corrections/", "/corrections/feed/"):
        warmed(site, path)
    # The admin's static files come from the live server; readers go through the page cache.
    desk = signed_in_editor(chromium, live_server.url)

    desk.goto(f"/admin/pages/{story.pk}/edit/")
    desk.get_by_label("Update: readers see").check()
    desk.get_by_role("textbox", name="Update note").fill(NOTE)
    publish(desk)
    expect(desk.locator(".messages")).to_contain_text("published")

    # The story's edit page links here (test_corrections shows it); Publish went elsewhere.
    desk.goto(f"/admin/corrections/new/?article={story.pk}")
    desk.get_by_role("textbox", name="Text").fill(CORRECTION)
    desk.get_by_role("button", name="Add").click()
    expect(desk.locator(".messages")).to_contain_text("added")

    reader = chromium.new_context(base_url=f"http://127.0.0.1:{site.port}").new_page()
    reader.goto(story.url)
    expect(reader.locator(".update-note")).to_contain_text(NOTE)
    expect(reader.locator(".corrections-flag")).to_have_text("This story has been corrected")
    expect(reader.locator("#corrections")).to_contain_text(CORRECTION)
    scripts = reader.locator("script[type='application/ld+json']").all_text_contents()
    blocks = [json.loads(text) for text in scripts]
    article = next(block for block in blocks if block.get("@type") == "NewsArticle")
    assert [note["text"] for note in article["correction"]] == [CORRECTION]
    reader.goto("/corrections/")
    expect(reader.locator(".corrections-list")).to_contain_text(CORRECTION)
    assert CORRECTION in reader.request.get("/corrections/feed/").text()
