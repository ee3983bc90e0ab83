"""In a browser: axe finds nothing on the newsletter pages; the form works without JavaScript."""

import os
from pathlib import Path

import pytest

from newsdesk.conftest_browser import TIMEOUT_MS, axe_violations, describe_violations, with_axe
from newsdesk.newsletters.models import Subscriber

from .pages import build_newsletter_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Set NEWSDESK_SCREENSHOTS to a folder to keep a picture of each page at each width.
SHOTS = os.environ.get("NEWSDESK_SCREENSHOTS", "")
# A phone's width, where a layout overflows first; the desktop's too for screenshots.
WIDTHS = (390, 1280) if SHOTS else (390,)


def shoot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name.replace(' ', '-')}.png", full_page=True)


def test_every_newsletter_page_type_has_no_violations_and_fits_a_phone(
    chromium, live_server, mailoutbox
):
    paths = build_newsletter_pages()
    found = {}
    for width in WIDTHS:
        context = with_axe(
            chromium.new_context(
                base_url=live_server.url, bypass_csp=True, viewport={"width": width, "height": 900}
            )
        )
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        try:
            for name, path in paths.items():
                page.goto(path)
                if name == "story with the sign-up box":
                    page.locator(".newsletter-signup").scroll_into_view_if_needed()
                if violations := axe_violations(page):
                    found[f"{name} at {width}px"] = describe_violations(violations)
                wide = page.evaluate("document.documentElement.scrollWidth")
                if wide > width:
                    found[f"{name} at {width}px"] = f"{wide}px wide"
                shoot(page, f"{name}-{width}")
            page.goto(paths["newsletters"])
            page.get_by_role("textbox", name="Your email address").fill("ida@example")
            page.get_by_role("button", name="Sign up").click()
            page.get_by_role("alert").wait_for()
            if violations := axe_violations(page):
                found[f"sign-up error at {width}px"] = describe_violations(violations)
            shoot(page, f"sign-up error-{width}")
        finally:
            context.close()

    assert found == {}, "\n\n".join(f"{name}:\n{report}" for name, report in found.items())


def test_a_reader_without_javascript_fixes_a_mistake_and_signs_up(open_page, mailoutbox):
    story = build_newsletter_pages()["story with the sign-up box"]
    page = open_page(story, javascript=False, width=390)
    box = page.locator(".newsletter-signup")
    box.get_by_role("textbox", name="Your email address").fill("ola@example")
    box.get_by_role("checkbox", name="Breaking news alerts").check()
    box.get_by_role("button", name="Sign up").click()

    summary = page.get_by_role("alert")
    summary.wait_for()
    assert "Email" in summary.inner_text()
    assert page.get_by_role("checkbox", name="Breaking news alerts").is_checked()
    email = page.get_by_role("textbox", name="Your email address")
    assert email.input_value() == "ola@example"
    email.fill("ola@example.org")
    page.get_by_role("button", name="Sign up").click()

    page.get_by_role("heading", name="Check your inbox").wait_for()
    subscriber = Subscriber.objects.get(email="ola@example.org")
    assert subscriber.status == "pending"
    assert subscriber.signed_up_from == story
    assert len(mailoutbox) == 1
