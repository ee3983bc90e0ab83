"""Commenters' email addresses never reach a reader, wherever the reader looks."""

import re

import pytest
from django.test import Client

from newsdesk.comments.models import Comment
from newsdesk.news.tests.builders import make_article, make_author, make_category

from .reader import Reader

pytestmark = pytest.mark.django_db

EMAIL_LIKE = re.compile(rb"[\w.+-]+@[\w-]+\.[\w.-]+")


def reader_urls(articles, category, author):
    urls = ["/", "/news/", "/news/?page=2", category.get_absolute_url(), author.get_absolute_url()]
    urls += ["/tag/harbour/", "/no-such-page/"]
    for article in articles:
        urls += [article.url, f"{article.url}?replytocom=1"]
    return urls


def test_no_commenter_email_appears_in_any_page_a_reader_can_load():
    category, author = make_category("Harbour"), make_author("Ada Lane")
    articles = [
        make_article(f"Harbour story {n}", category=category, authors=[author], tags=["harbour"])
        for n in range(4)
    ]
    statuses = list(Comment.Status)
    comments = [
        Comment(
            article=articles[n % 4],
            name=f"Reader {n}",
            email=f"reader.{n}@mail{n % 7}.example.com",
            website=f"https://site{n}.example.org/" if n % 3 == 0 else "",
            body=f"Comment number {n}.",
            status=statuses[n % 4] if n % 5 else Comment.Status.APPROVED,
        )
        for n in range(300)
    ]
    Comment.objects.bulk_create(comments)
    emails = {comment.email.encode() for comment in comments}

    # The author of a pending comment sees it; their own address must not show either.
    author_of_pending = Reader(remote_addr="192.0.2.9")
    author_of_pending.leave_reply(articles[0], email="private.person@example.com")
    emails.add(b"private.person@example.com")
    error_response = Reader().leave_reply(articles[1], email="typed.wrong@example.com", name="")

    responses = [error_response]
    for client in (Client(), author_of_pending.client):
        responses += [client.get(url) for url in reader_urls(articles, category, author)]
    for response in responses:
        body = response.content
        leaked = [email for email in emails if email in body]
        assert not leaked, f"{response.request['PATH_INFO']} shows {leaked[:3]}"
        others = [m for m in EMAIL_LIKE.findall(body) if m != b"typed.wrong@example.com"]
        assert not others, f"{response.request['PATH_INFO']} shows {others[:3]}"
    assert sum(r.status_code == 200 for r in responses) >= 20
