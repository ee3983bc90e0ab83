"""A story's conversation: replies under what they answer, to the set depth, none cut off."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from newsdesk.comments.models import Comment, CommentSettings
from newsdesk.news.tests.builders import make_article

from .reader import Reader

pytestmark = pytest.mark.django_db

Status = Comment.Status


def add_comment(article, parent=None, status=Status.APPROVED, body="A point."):
    return Comment.objects.create(
        article=article,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        name=f"Reader at level {parent.depth + 1 if parent else 0}",
        email="reader@example.com",
        body=body,
        status=status,
    )


def chain(article, levels):
    """Comments answering each other ``levels`` deep, top first."""
    comments = [add_comment(article)]
    for _ in range(levels - 1):
        comments.append(add_comment(article, parent=comments[-1]))
    return comments


def page(url, client=None):
    return BeautifulSoup((client or Client()).get(url).content, "html.parser")


def listed_count(article):
    """The "N comments" the story's card shows in the news listing, or None."""
    listing = page("/news/")
    card = listing.find("a", href=article.url).find_parent(class_="story-card")
    count = card.select_one(".story-card-comments")
    return count.text.strip() if count else None


@pytest.mark.parametrize("status", [Status.TRASH, Status.SPAM, Status.PENDING])
def test_reply_to_a_removed_comment_stays_under_a_placeholder(status):
    article = make_article()
    removed = add_comment(
        article, status=status, body="Words nobody should see.", parent=add_comment(article)
    )
    reply = add_comment(article, parent=removed, body="Still worth reading.")

    thread = page(article.url)

    placeholder = thread.select_one(".comment--removed")
    shown = placeholder.select_one(":scope > .comment-body")
    assert " ".join(shown.text.split()) == "This comment is no longer shown."
    assert shown.find(["time", "a", "bdi"]) is None
    assert placeholder.get("id") is None
    assert placeholder.select_one(f":scope > ol.children > li#comment-{reply.pk}") is not None
    assert "Words nobody should see." not in thread.text
    assert "Reader at level 1" not in thread.text


def test_listing_count_and_heading_agree_when_a_parent_is_removed():
    article = make_article()
    removed = add_comment(article, status=Status.TRASH)
    add_comment(article, parent=removed)

    heading = page(article.url).select_one("#comments-title").text.strip()

    assert heading == "1 comment"
    assert listed_count(article) == "1 comment"


def test_author_sees_replies_under_their_own_comment_sent_back_to_pending():
    article = make_article()
    author = Reader()
    author.leave_reply(article, comment="I asked first.")
    own = Comment.objects.get()
    Comment.objects.filter(pk=own.pk).update(status=Status.APPROVED)
    reply = add_comment(article, parent=own, body="And here is the answer.")
    Comment.objects.filter(pk=own.pk).update(status=Status.PENDING)

    own_view = author.page(article.url)

    assert own_view.select_one(f"#comment-{own.pk} > ol.children > #comment-{reply.pk}")
    assert own_view.select_one("#comments-title").text.strip() == "1 comment"
    assert page(article.url).select_one(".comment--removed") is not None


def reply_links(article):
    """For each comment shown, top level first: does it offer a Reply link?"""
    comments = page(article.url).select("li.comment")
    return [bool(item.select_one(":scope > article .comment-reply-link")) for item in comments]


def test_reply_links_stop_at_the_deepest_level_the_settings_allow():
    article = make_article()
    chain(article, 5)

    assert reply_links(article) == [True, True, True, True, False]

    settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.max_depth = 2
    settings.save()

    assert reply_links(article) == [True, False, False, False, False]


def queries_to_show(article, client=None):
    """How many queries the story's page costs, once the cache a busy site keeps is warm."""
    client = client or Client()
    client.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.url).status_code == 200
    return len(queries)


def test_a_long_deep_discussion_costs_no_more_queries_than_one_comment():
    quiet, busy = make_article(), make_article()
    add_comment(quiet)
    for _ in range(10):
        chain(busy, 5)
    author = Reader()
    author.leave_reply(busy)

    assert len(author.page(busy.url).select("li.comment")) == 51
    assert queries_to_show(busy, author.client) == queries_to_show(quiet)


def test_replies_to_removed_comments_cost_one_query_however_many_there_are():
    quiet, one_removed, many_removed = make_article(), make_article(), make_article()
    add_comment(quiet)
    add_comment(one_removed, parent=add_comment(one_removed, status=Status.TRASH))
    for _ in range(10):
        removed = chain(many_removed, 4)
        Comment.objects.filter(pk__in=[c.pk for c in removed[:3]]).update(status=Status.SPAM)

    assert len(page(many_removed.url).select(".comment--removed")) == 30
    assert queries_to_show(one_removed) == queries_to_show(quiet) + 1
    assert queries_to_show(many_removed) == queries_to_show(quiet) + 1
