"""A reader with a live story open sees new updates come in, and sees the coverage end."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from newsdesk.conftest_browser import AXE_SCRIPT, axe_violations, describe_violations
from newsdesk.live import coverage
from newsdesk.live.models import LiveUpdate as Update

from .builders import make_live_story, post_updates

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Checks every second, backing off to four: a new update shows within five.
NOTICED_MS = 6_000


def live_story():
    """A live story with a pinned update above three others, and one key event."""
    story = make_live_story()
    post_updates(story, 2, byline="Desk staff")
    coverage.post(story, title="Schools close tomorrow", text="Every school shuts.", key_event=True)
    coverage.post(story, text="Where to find help tonight.", pinned=True)
    return story


def assert_no_violations(page, name):
    """axe-core on the page as it is now; loaded through the browser's own tools, so the
    page's content policy stays enforced for the site's script."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT.read_text())
    violations = axe_violations(page)
    assert violations == [], f"axe-core found on {name}:\n" + describe_violations(violations)


def checks_of(page, story):
    """The update checks ``page`` sends, as a list that grows while the page is open."""
    sent = []
    path = f"/live/{story.pk}/updates/"
    page.on("request", lambda request: request.url.endswith(path) and sent.append(request.url))
    return sent


@override_settings(NEWSDESK_LIVE_CHECK_SECONDS=1)
def test_an_open_page_offers_new_updates_in_place_then_stops_when_coverage_ends(open_page):
    running = live_story()
    page = open_page(running.url, width=390, bypass_csp=False)
    sent = checks_of(page, running)
    stream = page.locator("[data-live-updates]")
    expect(page.get_by_role("link", name="Refresh for new updates")).to_be_hidden()
    # Read down to the stream, its heading near the top of the screen.
    page.evaluate(
        "const top = document.getElementById('live-updates-title').getBoundingClientRect().top;"
        "window.scrollTo({top: window.scrollY + top - 80, behavior: 'instant'})"
    )
    page.wait_for_function("window.scrollY > 0")
    place = page.evaluate("window.scrollY")

    coverage.post(running, title="Ferries run again", text="The first crossing leaves at six.")
    button = page.get_by_role("button", name="1 new update")
    expect(button).to_be_visible(timeout=NOTICED_MS)
    expect(stream).not_to_contain_text("Ferries run again")
    assert page.evaluate("window.scrollY") == place
    assert_no_violations(page, "the page offering a new update")
    button.click()

    # Below the pinned update, above every other; the reader's place has not moved.
    expect(stream.locator(".live-update").nth(1)).to_contain_text("Ferries run again")
    expect(stream.locator(".live-update").first).to_have_class("live-update live-update-pinned")
    assert page.evaluate("window.scrollY") == place
    expect(button).to_be_hidden()

    # A withdrawal and the end, as the next check brings them: in place, then no more checks.
    coverage.withdraw(Update.objects.get(story=running, title="Schools close tomorrow"))
    coverage.end(running)
    expect(page.locator("[data-live-status]")).to_contain_text(
        "Live coverage has ended", timeout=NOTICED_MS
    )
    expect(stream).not_to_contain_text("Schools close tomorrow")
    checked = len(sent)
    page.wait_for_timeout(2_000)
    assert len(sent) == checked


@override_settings(NEWSDESK_LIVE_CHECK_SECONDS=1)
def test_without_javascript_a_reload_shows_the_update_and_a_refresh_link(open_page):
    running = live_story()
    page = open_page(running.url, javascript=False)

    coverage.post(running, title="Ferries run again", text="The first crossing leaves at six.")
    page.get_by_role("link", name="Refresh for new updates").click()

    expect(page.locator("[data-live-updates]")).to_contain_text("Ferries run again")
    expect(page.get_by_role("link", name="Refresh for new updates")).to_be_visible()
    expect(page.get_by_role("button", name="1 new update")).to_have_count(0)
