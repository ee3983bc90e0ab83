"""Bytes no keyboard types: each field says what is wrong, and the comment's words survive."""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup

from newsdesk.comments.models import Comment
from newsdesk.news.tests.builders import make_article

from .reader import FILLED_IN, Reader, textarea_value

pytestmark = pytest.mark.django_db

FIELDS = ("name", "email", "website", "comment")


def send_raw(article, **raw_fields):
    """Post the form with some fields as raw bytes, exactly as a broken or hostile client would."""
    reader = Reader()
    action, values = reader.form_values(article.url)
    values.update(FILLED_IN)
    values.update(raw_fields)
    body = urlencode(values).encode()
    return reader.client.generic(
        "POST", action, body, content_type="application/x-www-form-urlencoded"
    )


def error_beside(response, field):
    page = BeautifulSoup(response.content, "html.parser")
    return page.select_one(f"#id_{field}-error").get_text(" ", strip=True)


def kept_comment(response):
    page = BeautifulSoup(response.content, "html.parser")
    return textarea_value(page.select_one("#id_comment"))


@pytest.mark.parametrize("field", FIELDS)
def test_bytes_that_are_not_utf8_are_named_as_unreadable_beside_the_field(field):
    article = make_article()
    raw = (
        FILLED_IN[field].encode() + b"\xff\xfe" if FILLED_IN[field] else b"https://\xc3\x28.example"
    )

    response = send_raw(article, **{field: raw})

    assert response.status_code == 400
    assert "could not be read" in error_beside(response, field)
    assert FILLED_IN["comment"][:20] in kept_comment(response)
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("character", ["\x00", "\x1b", "\x7f", "\x08"])
def test_nul_and_control_characters_are_named_beside_the_field(field, character):
    article = make_article()
    value = FILLED_IN[field] or "https://example.org/"
    tainted = value[:5] + character + value[5:]

    response = send_raw(article, **{field: tainted})

    assert response.status_code == 400
    assert f"U+{ord(character):04X}" in error_beside(response, field)
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Rosa\r\nBcc: everyone@example.com"),
        ("email", "rosa@example.com\r\nBcc: everyone@example.com"),
        ("email", "rosa@example.com\nX-Mailer: spam"),
        ("website", "https://example.org/\r\nSet-Cookie: admin=1"),
    ],
)
def test_header_injection_with_newlines_is_refused_and_the_comment_kept(field, value):
    article = make_article()

    response = send_raw(article, **{field: value})

    assert response.status_code == 400
    assert "U+000D" in error_beside(response, field) or "U+000A" in error_beside(response, field)
    assert kept_comment(response) == FILLED_IN["comment"]
    assert Comment.objects.count() == 0


def test_line_breaks_and_tabs_in_the_comment_itself_are_welcome():
    article = make_article()
    response = send_raw(article, comment="First line.\r\n\tSecond line, indented.")
    assert response.status_code == 302
    assert Comment.objects.get().body == "First line.\n\tSecond line, indented."
