"""An editor in a real browser: the preview beside the story, its checks, and a refused publish."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from newsdesk.conftest_browser import TIMEOUT_MS

from .builders import make_article, make_category, make_image, paragraphs

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NO_BYLINE = 'Add a byline: a reporter, or a credit line such as "Staff".'


@pytest.fixture
def editor_tab(chromium, live_server):
    """A tab signed in to the admin as an editor, with the site's policy enforced."""
    editor = get_user_model().objects.create_superuser("desk", "desk@example.com", "pw")
    client = Client()
    client.force_login(editor)
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1400, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    yield context.new_page()
    context.close()


def test_the_preview_shows_the_story_its_checks_find_a_problem_and_a_blocking_check_holds(
    editor_tab,
):
    photo = make_image(title="IMG_20261204_0931")
    story = make_article(
        "Gulls return to the harbour",
        category=make_category("Nature"),
        body=[
            *paragraphs(2),
            # A minor subheading straight under the headline skips a level.
            ("heading", {"text": "Where the gulls nest", "level": "h3"}),
            ("image", {"image": photo, "caption": "", "credit": ""}),
        ],
        publish=False,
    )
    page = editor_tab
    page.goto(reverse("wagtailadmin_pages:edit", args=(story.pk,)))

    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text("Gulls return to the harbour")

    page.locator('[data-side-panel-toggle="checks"]').click()
    checks = page.locator('[data-side-panel="checks"]')
    expect(checks.locator("[data-content-checker-count]")).not_to_have_text("0")
    expect(checks.locator("[data-checks-panel]")).to_contain_text("Incorrect heading hierarchy")

    # The same preview opened in a tab of its own, as the panel's "Preview in new tab" does.
    new_tab = page.context.new_page()
    new_tab.goto(reverse("wagtailadmin_pages:preview_on_edit", args=(story.pk,)))
    expect(new_tab.locator("h1")).to_have_text("Gulls return to the harbour")
    new_tab.close()

    # Publish sits in the action menu's dropdown for a draft; the button is the same.
    page.locator('button[name="action-publish"]').dispatch_event("click")
    bylines = page.locator("#panel-child-story-bylines-section")
    expect(bylines).to_contain_text(NO_BYLINE)
    picture = page.locator('[data-contentpath="body"] [data-contentpath="image"]')
    expect(picture).to_contain_text('Describe "IMG_20261204_0931" for readers who cannot see it')
    story.refresh_from_db()
    assert not story.live
