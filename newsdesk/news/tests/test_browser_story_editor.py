"""An editor writes a story in the Wagtail admin, from the paragraph it opens with to Publish."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from .builders import make_article, make_author, make_category, story_index

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, live_server):
    """Give the browser an editor's session, as if they had signed in."""
    editor = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client = Client()
    client.force_login(editor)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def add_byline(page, name):
    page.get_by_role("button", name="Add byline").click()
    page.get_by_role("button", name="Choose author").click()
    page.get_by_role("dialog").get_by_role("link", name=name).click()
    expect(page.get_by_role("dialog")).to_be_hidden()


def test_editor_writes_a_story_from_its_first_paragraph_to_publish(open_page, live_server):
    make_category("Transport")
    make_author("Ada Lane")
    # An earlier story's tag, so that typing "harbour" opens the suggestion list.
    make_article("Harbour dues rise", tags=["harbour dues"])
    page = open_page("/", bypass_csp=False)
    sign_in(page, live_server)
    refused = []
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))

    page.goto(reverse("wagtailadmin_pages:add", args=("news", "articlepage", story_index().pk)))
    page.get_by_role("textbox", name="Headline").fill("Night ferry returns to Eastmere")
    page.get_by_role("textbox", name="Standfirst").fill(
        "The crossing runs again from Monday after a year away."
    )
    # The story opens with a paragraph, ready to type in.
    page.locator("#panel-child-story-body-section [role=textbox]").first.click()
    page.keyboard.type("The first sailing leaves at ten to midnight.")
    page.get_by_role("combobox", name="Section").select_option(label="Transport")
    add_byline(page, "Ada Lane")
    tags = page.locator("ul.tagit input")
    tags.press_sequentially("harbour")
    expect(page.locator(".ui-autocomplete").get_by_text("harbour dues")).to_be_visible()
    tags.press("Enter")
    # Words left in the box are not a tag yet, so autosave cannot store them...
    tags.press_sequentially("ferries")
    page.get_by_role("textbox", name="Standfirst").click()
    expect(page.locator(".tagit-label")).to_have_text(["harbour"])
    expect(tags).to_have_value("ferries")

    primary = page.locator("footer .w-dropdown-button > button")
    expect(primary).to_have_text(re.compile("Publish"))
    # ...but publishing takes them as the editor meant them.
    primary.click()
    expect(page.locator(".messages")).to_contain_text(
        "Story 'Night ferry returns to Eastmere' created and published."
    )
    page.goto("/news/night-ferry-returns-to-eastmere/")
    expect(page.locator("h1")).to_have_text("Night ferry returns to Eastmere")
    expect(page.locator("article")).to_contain_text("The first sailing leaves at ten to midnight.")
    for tag in ["harbour", "ferries"]:
        expect(page.get_by_role("link", name=tag, exact=True)).to_have_attribute(
            "href", f"/tag/{tag}/"
        )
    assert refused == []
