"""Error pages tell a reader what happened and what to do next."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_form_sent_without_its_security_check_gets_a_page_that_says_why():
    response = Client(enforce_csrf_checks=True).post(
        "/admin/login/", {"username": "editor", "password": "wrong"}
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Your form was not sent" in page
    assert "cookies are allowed for this site" in page


def test_missing_page_says_so_and_links_to_the_front_page():
    response = Client().get("/no-such-story/")
    assert response.status_code == 404
    assert "We can't find that page" in response.content.decode()
    assert 'href="/"' in response.content.decode()
