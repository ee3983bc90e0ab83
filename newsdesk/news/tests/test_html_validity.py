"""Story pages pass the Nu Html Checker, the W3C's HTML validator."""

import pytest
from django.test import Client

from newsdesk.comments.models import Comment
from newsdesk.testing.nu_html import nu_html_errors

from .builders import make_article, make_author, make_category, minutes_ago

pytestmark = pytest.mark.django_db


def test_article_front_page_and_listings_have_no_html_errors():
    harbour, reporter = make_category("Harbour"), make_author("Ada Lane")
    article = make_article(
        "Ferry returns",
        category=harbour,
        authors=[reporter],
        tags=["harbour"],
        published_at=minutes_ago(90),
    )
    article.save_revision().publish()
    for name in ("Rosa Quill", "Tom Hale"):
        Comment.objects.create(
            article=article,
            name=name,
            email="reader@example.com",
            body="Good news at last.",
            status=Comment.Status.APPROVED,
        )
    make_article("Tide tables", category=harbour, tags=["harbour"])
    client = Client()
    pages = {
        "article": client.get(article.url),
        "front page": client.get("/"),
        "category": client.get("/category/harbour/"),
        "tag": client.get("/tag/harbour/"),
        "author": client.get("/author/ada-lane/"),
        "search": client.get("/search/?q=ferry"),
    }
    assert {name: response.status_code for name, response in pages.items()} == dict.fromkeys(
        pages, 200
    )
    assert 'datetime="' in pages["article"].content.decode()

    errors = nu_html_errors({name: response.content for name, response in pages.items()})

    assert errors == {}
