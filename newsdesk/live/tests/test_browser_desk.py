"""A reporter posts from the live desk in a browser, under the admin's strict content policy."""

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from newsdesk.live import coverage
from newsdesk.live.models import LiveUpdate
from newsdesk.news.tests.builders import make_author

from .builders import make_live_story, make_reporter

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def test_a_reporter_types_an_update_presses_post_and_sees_it_in_the_stream(open_page, live_server):
    story = make_live_story()
    reporter = make_reporter()
    make_author("Ines Tarr")
    coverage.post(
        story, reporter, title="Ferries stop", text="All crossings halted.", key_event=True
    )
    page = open_page("/", bypass_csp=False)
    sign_in(page, live_server, reporter)
    refused = []
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))

    page.goto(reverse("live_desk:desk", args=[story.pk]))
    page.get_by_role("textbox", name="Title").fill("Coastguard warning")
    page.locator(".live-desk-body [role=textbox]").first.click()
    page.keyboard.type("Stay away from the harbour wall tonight.")
    # At once: Draftail copies the words into the form only after a pause in typing.
    page.get_by_role("button", name="Post").click()

    expect(page.locator(".messages")).to_contain_text("Posted at")
    update = LiveUpdate.objects.get(title="Coastguard warning")
    posted = page.locator(f"#update-{update.pk}")
    expect(posted).to_contain_text("Stay away from the harbour wall tonight.")
    expect(posted).to_contain_text("Ines Tarr")
    # The form is empty again, ready for the next update.
    expect(page.get_by_role("textbox", name="Title")).to_have_value("")
    assert refused == []
