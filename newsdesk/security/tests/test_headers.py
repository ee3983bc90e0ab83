"""What every reader page tells the browser to refuse: scripts from anywhere but us, framing."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsdesk.news.tests.builders import make_article

pytestmark = pytest.mark.django_db


def policy(response):
    """The Content-Security-Policy as ``{directive: [sources]}``."""
    directives = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {name: sources for name, *sources in directives}


@pytest.fixture
def reader_pages():
    story = make_article("Harbour wall repaired", tags=["seawall"])
    return [
        "/",
        story.url,
        story.section.get_absolute_url(),
        "/tag/seawall/",
        "/search/?q=harbour",
        "/feed/",
        "/no-such-page/",
    ]


def test_reader_pages_allow_scripts_only_from_the_site_itself(reader_pages):
    for url in reader_pages:
        response = Client().get(url)
        rules = policy(response)
        assert rules["script-src"] == ["'self'"], url
        assert rules["object-src"] == ["'none'"], url
        assert rules["base-uri"] == ["'self'"], url
        assert rules["frame-ancestors"] == ["'none'"], url
        everything = response["Content-Security-Policy"]
        assert "unsafe-inline" not in everything and "unsafe-eval" not in everything, url


def test_reader_pages_send_nosniff_referrer_policy_and_refuse_framing(reader_pages):
    for url in reader_pages:
        response = Client().get(url)
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["X-Frame-Options"] == "DENY", url


def test_the_admin_keeps_its_own_inline_scripts_working():
    response = Client().get("/admin/login/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "DENY"


def story_form(story):
    """The editor's form for ``story`` as it stands, as the preview panel sends it."""
    return nested_form_data(
        {
            "title": story.title,
            "slug": story.slug,
            "standfirst": story.standfirst,
            "body": streamfield([("paragraph", rich_text("<p>The wall stands again.</p>"))]),
            "bylines": inline_formset([]),
            "latest_developments_pins": inline_formset([]),
            "category": story.category_id,
        }
    )


def test_only_a_preview_may_be_framed_and_only_by_the_site_itself(admin_client):
    story = make_article("Harbour wall repaired")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(story.pk,))
    assert admin_client.post(preview_url, story_form(story)).json()["is_valid"]
    preview = admin_client.get(preview_url)
    reader = Client().get(story.url)

    previewed, read = policy(preview), policy(reader)
    assert previewed["frame-ancestors"] == ["'self'"]
    assert read["frame-ancestors"] == ["'none'"]
    assert reader["X-Frame-Options"] == "DENY"
    del previewed["frame-ancestors"], read["frame-ancestors"]
    assert previewed == read
