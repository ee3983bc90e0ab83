"""A redirect is followed only to a page readers can see."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from newsdesk.news.tests.builders import make_article

pytestmark = pytest.mark.django_db


def test_a_redirect_to_a_page_taken_down_answers_404_until_it_is_back(client):
    story = make_article("Ferry timetable")
    Redirect.objects.create(old_path="/old-timetable", redirect_page=story)
    assert client.get("/old-timetable/")["Location"] == story.url
    story.unpublish()
    assert client.get("/old-timetable/").status_code == 404
    story.save_revision().publish()
    assert client.get("/old-timetable/")["Location"] == story.url


def test_a_redirect_to_an_address_outside_the_site_is_followed(client):
    Redirect.objects.create(old_path="/elsewhere", redirect_link="https://example.org/")
    assert client.get("/elsewhere?utm=1")["Location"] == "https://example.org/"
