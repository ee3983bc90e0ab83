"""Every page type a reader can reach passes the Nu Html Checker, the W3C's HTML validator."""

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from newsdesk.comments.tests.reader import Reader
from newsdesk.testing.nu_html import nu_html_errors

from .reader_pages import build_reader_pages

pytestmark = pytest.mark.django_db


def test_every_reader_page_type_has_no_html_errors():
    article, paths = build_reader_pages()
    visitor = Client()
    responses = {name: visitor.get(path) for name, path in paths.items()}
    assert {name: response.status_code for name, response in responses.items()} == dict.fromkeys(
        paths, 200
    )
    pages = {name: response.content for name, response in responses.items()}
    commenter = Reader()
    commenter.leave_reply(article, comment="Will the early ferry run on Sundays?")
    pages["article with a pending comment of one's own"] = commenter.client.get(article.url).content
    assert b"awaiting moderation" in pages["article with a pending comment of one's own"]
    action, values = Reader().form_values(article.url)
    values.update(name="", email="", comment="")
    form_error = Client().post(action, values)
    assert b'role="alert"' in form_error.content
    pages["article with a form error"] = form_error.content
    missing = visitor.get("/no-such-page/")
    assert missing.status_code == 404
    pages["404"] = missing.content
    pages["500"] = server_error(RequestFactory().get("/")).content

    errors = nu_html_errors(pages)

    assert errors == {}
