"""The newsletter pages pass the Nu Html Checker, as every reader page type must."""

import pytest
from django.test import Client

from newsdesk.testing.nu_html import nu_html_errors

from .pages import build_newsletter_pages
from .readers import NewsletterReader

pytestmark = pytest.mark.django_db


def test_every_newsletter_page_type_has_no_html_errors(mailoutbox):
    paths = build_newsletter_pages()
    visitor = Client()
    responses = {name: visitor.get(path) for name, path in paths.items()}
    assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(paths, 200)
    pages = {name: response.content for name, response in responses.items()}
    reader = NewsletterReader()
    pages["sign-up form error"] = reader.sign_up(email="not an address").content
    pages["check your inbox"] = reader.sign_up(email="ola@example.org").content
    pages["confirmed"] = reader.client.post(paths["confirm"]).content
    pages["unsubscribed"] = reader.client.post(paths["unsubscribe"]).content
    pages["link not valid"] = visitor.get(paths["preferences"][:-4] + "zz/").content
    assert b'role="alert"' in pages["sign-up form error"]

    assert nu_html_errors(pages) == {}
