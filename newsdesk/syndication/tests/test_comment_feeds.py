"""Comment feeds: approved comments only, newest first, with the commenter's name and never
their email address."""

import calendar
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.http import http_date

from newsdesk.comments.models import Comment
from newsdesk.news.tests.builders import make_article

from .readers import ATOM_TYPE, ORIGIN, RSS_TYPE, fetch, read_feed
from .stories import hidden_stories

pytestmark = pytest.mark.django_db

COMMENT_FEEDS = ["/comments/feed/", "/comments/feed/atom/"]


def comment(article, name, body="Good news at last.", status=Comment.Status.APPROVED, **fields):
    return Comment.objects.create(
        article=article,
        name=name,
        email=f"{name.split()[0].lower()}@example.com",
        body=body,
        status=status,
        **fields,
    )


def article_feeds(article_id):
    return [f"/feed/comments/{article_id}/", f"/feed/comments/{article_id}/atom/"]


@pytest.mark.parametrize("kind", ["site", "article"])
@pytest.mark.parametrize("atom", [False, True])
def test_only_approved_comments_appear_newest_first(client, kind, atom):
    article = make_article("Harbour bridge reopens")
    now = timezone.now()
    comment(article, "Rosa Quill", created_at=now - timedelta(hours=2))
    comment(article, "Ian Marsh", created_at=now - timedelta(hours=1))
    for status in (Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.TRASH):
        comment(article, f"Held {status.label}", status=status)
    url = (COMMENT_FEEDS if kind == "site" else article_feeds(article.pk))[atom]

    entries = read_feed(client, url).entries

    assert [entry.author for entry in entries] == ["Ian Marsh", "Rosa Quill"]


@pytest.mark.parametrize("url_index", [0, 1])
def test_comment_entry_title_link_author_and_dates(client, url_index):
    article = make_article("Harbour bridge reopens")
    posted = comment(article, "Rosa Quill", created_at=timezone.now() - timedelta(hours=3))

    feed = read_feed(client, article_feeds(article.pk)[url_index])

    (entry,) = feed.entries
    assert entry.title == "Comment on Harbour bridge reopens by Rosa Quill"
    assert entry.link == f"{ORIGIN}{article.url}#comment-{posted.pk}"
    assert entry.id == f"tag:127.0.0.1,{posted.created_at:%Y-%m-%d}:comment/{posted.pk}"
    assert calendar.timegm(entry.published_parsed) == int(posted.created_at.timestamp())
    assert [author.name for author in entry.authors] == ["Rosa Quill"]
    assert feed.feed.title == "Comments on Harbour bridge reopens"
    assert feed.feed.link == f"{ORIGIN}{article.url}#comments"


@pytest.mark.parametrize("url", COMMENT_FEEDS)
def test_comment_text_is_escaped_plain_text(client, url):
    article = make_article("Harbour bridge reopens")
    comment(article, "Mallory", body='<script>alert("x")</script> & <b>bold</b>\n\nSecond thought.')

    summary = read_feed(client, url).entries[0].summary

    assert "<script>" not in summary
    assert "<b>" not in summary
    assert "&lt;script&gt;" in summary
    assert "&amp;" in summary
    assert "<p>Second thought.</p>" in summary


@pytest.mark.parametrize("index", [0, 1])
def test_comment_feeds_never_carry_an_email_address(client, index):
    article = make_article("Harbour bridge reopens")
    comment(article, "Rosa Quill", website="https://rosa.example.org/")

    for url in (COMMENT_FEEDS[index], article_feeds(article.pk)[index]):
        body = fetch(client, url).content
        assert b"rosa@example.com" not in body
        assert b"@" not in body


def test_site_comment_feed_leaves_out_comments_on_stories_readers_cannot_see(client):
    for hidden in hidden_stories():
        comment(hidden, "Secret Commenter")
    comment(make_article("Open story"), "Rosa Quill")

    for url in COMMENT_FEEDS:
        assert [entry.author for entry in read_feed(client, url).entries] == ["Rosa Quill"]


def test_article_comment_feed_is_404_for_unknown_and_hidden_stories(client):
    hidden = hidden_stories()

    for article_id in [999_999, *(story.pk for story in hidden)]:
        for url in article_feeds(article_id):
            assert fetch(client, url).status_code == 404, url


@pytest.mark.parametrize(
    "url", ["/feed/comments/99999999999999999999/", "/feed/comments/9223372036854775808/atom/"]
)
def test_article_comment_feed_with_an_id_too_long_for_the_database_is_404(client, url):
    assert fetch(client, url).status_code == 404


def test_a_comment_approved_late_moves_last_modified_to_its_approval(client):
    article = make_article("Harbour bridge reopens")
    comment(article, "Rosa Quill", created_at=timezone.now() - timedelta(hours=5))
    approved_now = comment(
        article,
        "Ian Marsh",
        created_at=timezone.now() - timedelta(hours=6),
        moderated_at=timezone.now() - timedelta(minutes=1),
    )

    response = fetch(client, "/comments/feed/")

    assert response["Last-Modified"] == http_date(approved_now.moderated_at.timestamp())


@pytest.mark.parametrize(("index", "content_type"), [(0, RSS_TYPE), (1, ATOM_TYPE)])
def test_comment_feeds_have_content_types_and_answer_304_when_unchanged(
    client, index, content_type
):
    article = make_article("Harbour bridge reopens")
    comment(article, "Rosa Quill")

    for url in (COMMENT_FEEDS[index], article_feeds(article.pk)[index]):
        response = fetch(client, url)
        assert response["Content-Type"] == content_type
        assert fetch(client, url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
        since = response["Last-Modified"]
        assert fetch(client, url, HTTP_IF_MODIFIED_SINCE=since).status_code == 304


def test_comment_feed_queries_do_not_grow_with_its_comments(client, django_assert_max_num_queries):
    stories = [make_article(f"Story {n}") for n in range(4)]
    for number in range(12):
        comment(stories[number % 4], f"Reader {number}")

    # The site, the comments, and when a page and a comment were last withdrawn.
    with django_assert_max_num_queries(6):
        response = fetch(client, "/comments/feed/")

    assert len(read_feed(client, "/comments/feed/").entries) == 12
    assert response.status_code == 200
