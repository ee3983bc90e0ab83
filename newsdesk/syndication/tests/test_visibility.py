"""Feeds and sitemaps show what a reader may see, and nothing else.

Drafts, scheduled, unpublished and private stories never appear; neither does
a held comment, nor any commenter's email address.
"""

import re

import pytest

from newsdesk.comments.models import Comment
from newsdesk.news.models import ArticleAuthor
from newsdesk.news.tests.builders import make_article, make_author, make_category

from .readers import feed_and_sitemap_urls, fetch
from .stories import hidden_stories, set_full_text

pytestmark = pytest.mark.django_db

EMAIL_LIKE = re.compile(rb"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture
def paper():
    """One visible story and every kind of hidden one, all filed, tagged and bylined alike."""
    section, author = make_category("Harbour"), make_author("Ada Lane")
    visible = make_article("Visible story", category=section, authors=[author], tags=["harbour"])
    hidden = hidden_stories()
    for story in hidden:
        story.category = section
        story.tags.add("harbour")
        story.save()
        ArticleAuthor.objects.create(article=story, author=author)
    statuses = list(Comment.Status)
    for number, story in enumerate([visible, *hidden] * 4):
        Comment.objects.create(
            article=story,
            name=f"Reader {number}",
            email=f"reader.{number}@mail.example.com",
            body=f"Comment number {number}.",
            status=statuses[number % len(statuses)],
        )
    return visible, hidden


@pytest.mark.parametrize("full_text", [False, True])
def test_hidden_stories_never_appear_in_a_feed_or_sitemap(client, paper, full_text):
    visible, hidden = paper
    set_full_text(full_text)

    for url in feed_and_sitemap_urls(visible):
        body = fetch(client, url).content
        for story in hidden:
            assert story.slug.encode() not in body, (url, story.title)
            assert b"Secret" not in body, url


def test_the_visible_story_is_there(client, paper):
    visible, _hidden = paper

    for url in ["/feed/", "/category/harbour/feed/", "/sitemap-articles.xml", "/sitemap-news.xml"]:
        assert visible.slug.encode() in fetch(client, url).content, url


def test_held_comments_never_appear_in_a_comment_feed(client, paper):
    visible, _hidden = paper
    held = Comment.objects.exclude(status=Comment.Status.APPROVED)

    for url in ["/comments/feed/", f"/feed/comments/{visible.pk}/atom/"]:
        body = fetch(client, url).content
        for comment in held:
            assert f"{comment.name}<".encode() not in body, (url, comment.status)


def test_no_email_address_appears_in_any_feed_or_sitemap(client, paper):
    visible, _hidden = paper
    set_full_text(True)

    for url in feed_and_sitemap_urls(visible):
        response = fetch(client, url)
        assert response.status_code == 200, url
        assert EMAIL_LIKE.search(response.content) is None, url
