"""What every reader page tells the browser to refuse: scripts from anywhere but us, framing."""

import pytest
from django.test import Client

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
