"""The Content-Security-Policy refuses nothing the site itself needs, for readers and editors."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from newsdesk.comments.models import Comment
from newsdesk.news.tests.builders import make_article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def refusals(page, action):
    """The policy violations Chromium reports on the console while ``action`` runs."""
    seen = []
    page.on("console", lambda message: seen.append(message.text))
    action()
    return [text for text in seen if "Content Security Policy" in text]


def story_with_a_discussion():
    story = make_article("Harbour wall repaired", tags=["seawall"])
    Comment.objects.create(
        article=story,
        name="Ola Berg",
        email="ola@example.com",
        body="About time.",
        status=Comment.Status.APPROVED,
    )
    return story


def test_reader_pages_load_everything_they_need_under_the_policy(open_page):
    story = story_with_a_discussion()
    page = open_page("/", bypass_csp=False)
    for url in ["/", story.url, "/search/?q=harbour", "/tag/seawall/", "/no-such-page/"]:
        assert refusals(page, lambda url=url: page.goto(url, wait_until="load")) == [], url
        # A stylesheet the policy refused would be missing from this list.
        assert page.evaluate("document.styleSheets.length") >= 1, url


def test_an_editor_reading_a_story_gets_a_working_wagtail_userbar(open_page, live_server):
    story = story_with_a_discussion()
    editor = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client = Client()
    client.force_login(editor)
    page = open_page("/", bypass_csp=False)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])

    assert refusals(page, lambda: page.goto(story.url, wait_until="networkidle")) == []
    assert page.locator("wagtail-userbar").count() == 1
