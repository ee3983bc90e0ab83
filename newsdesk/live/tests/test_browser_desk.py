"""A reporter posts from the live desk in a browser, under the admin's strict content policy,
and a reader with the story open in another browser sees the update come in."""

import pytest
from django.test import Client, override_settings
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


# The reader's page checks every second, backing off to four: an update shows within five.
NOTICED_MS = 6_000


@override_settings(NEWSDESK_LIVE_CHECK_SECONDS=1)
def test_a_reporter_posts_from_the_desk_and_a_reader_with_the_story_open_sees_it(
    open_page, live_server
):
    story = make_live_story()
    reporter = make_reporter()
    make_author("Ines Tarr")
    coverage.post(
        story, reporter, title="Ferries stop", text="All crossings halted.", key_event=True
    )
    reader = open_page(story.url, width=390, bypass_csp=False)
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

    offer = reader.get_by_role("button", name="1 new update")
    expect(offer).to_be_visible(timeout=NOTICED_MS)
    offer.click()
    newest = reader.locator("[data-live-updates] .live-update").first
    expect(newest).to_contain_text("Coastguard warning")
    expect(newest).to_contain_text("Stay away from the harbour wall tonight.")
