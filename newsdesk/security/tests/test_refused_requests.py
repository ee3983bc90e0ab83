"""Requests no reader could mean are refused with a plain answer before any view runs."""

import pytest
from django.test import Client

from newsdesk.comments.models import Comment
from newsdesk.news.tests.builders import make_article

pytestmark = pytest.mark.django_db

TEN_MEGABYTES = 10 * 1024 * 1024


def test_ten_megabyte_comment_post_is_refused_with_413_and_stores_nothing():
    story = make_article()
    body = b"comment=" + b"a" * TEN_MEGABYTES

    response = Client().generic(
        "POST",
        f"/comments/post/{story.pk}/",
        body,
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 413
    assert b"That was too much to send" in response.content
    assert response["Connection"] == "close"
    assert "Content-Security-Policy" in response
    assert Comment.objects.count() == 0


def test_editors_may_still_upload_pictures_bigger_than_a_comment(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = b"x" * 4096
    reader = Client().generic("POST", "/search/", body, content_type="text/plain")
    editor = Client().generic("POST", "/admin/login/", body, content_type="text/plain")
    assert reader.status_code == 413
    assert editor.status_code != 413


@pytest.mark.parametrize("length", ["abc", "-5", "１２"])
def test_a_nonsense_content_length_is_not_taken_for_a_size(length):
    response = Client().get("/", CONTENT_LENGTH=length)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/category/x%00/",
        "/tag/x%00/feed/",
        "/search/?q=a%00b",
        "/admin/snippets/comments/comment/?q=%00",
    ],
)
def test_an_address_with_a_nul_character_is_refused_with_a_plain_explanation(url):
    response = Client().get(url)
    assert response.status_code == 400
    assert b"That address could not be read" in response.content
