"""A reader posts a comment: held, seen by its author only, approved, threaded."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from wagtail.models import Site

from newsdesk.comments import moderation
from newsdesk.comments.models import Comment, CommentSettings
from newsdesk.news.tests.builders import make_article

from .reader import Reader, textarea_value

pytestmark = pytest.mark.django_db


def comment_texts(client, article):
    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    return [node.text.strip() for node in page.select(".comment-text")]


def test_new_comment_is_held_and_visible_only_to_its_author():
    article = make_article()
    author = Reader()

    response = author.leave_reply(article, comment="First to say: well done.")

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert response.status_code == 302
    assert response["Location"] == f"{article.url}#comment-{comment.pk}"
    own_view = author.page(article.url)
    assert own_view.select_one(f"#comment-{comment.pk} .comment-awaiting-moderation").text == (
        "Your comment is awaiting moderation."
    )
    assert own_view.select_one('meta[name="robots"]')["content"] == "noindex"
    assert comment_texts(Client(), article) == []


def test_approved_comment_is_visible_to_everyone():
    article = make_article()
    Reader().leave_reply(article, comment="Worth the wait.")
    moderation.approve(Comment.objects.get())
    assert comment_texts(Client(), article) == ["Worth the wait."]


def test_approving_from_the_command_line_publishes_the_comment():
    article = make_article()
    Reader().leave_reply(article, comment="Approved by the night editor.")
    call_command("comments", "approve", str(Comment.objects.get().pk), stdout=None)
    assert comment_texts(Client(), article) == ["Approved by the night editor."]


def test_approve_all_setting_publishes_at_once_unless_a_rule_holds():
    settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.moderation = CommentSettings.Moderation.APPROVE_ALL
    settings.save()
    article = make_article()
    Reader().leave_reply(article, comment="Straight onto the page.")
    assert comment_texts(Client(), article) == ["Straight onto the page."]


def test_reply_is_threaded_under_its_parent():
    article = make_article()
    parent = Comment.objects.create(
        article=article,
        name="Ola",
        email="ola@example.com",
        body="Who pays for it?",
        status=Comment.Status.APPROVED,
    )
    reader = Reader()
    page = reader.page(article.url)
    reply_link = page.select_one(f"#comment-{parent.pk} .comment-reply-link")["href"]
    form_page = reader.page(article.url + reply_link.split("#")[0])
    assert "Reply to Ola" in form_page.select_one("#reply-title").text
    assert form_page.select_one("#cancel-comment-reply-link")["href"].endswith("#respond")

    reader.leave_reply(article, url=article.url + reply_link.split("#")[0], comment="The council.")
    reply = Comment.objects.get(parent=parent)
    moderation.approve(reply)

    thread = BeautifulSoup(Client().get(article.url).content, "html.parser")
    nested = thread.select_one(f"#comment-{parent.pk} > ol.children > li#comment-{reply.pk}")
    assert nested is not None
    assert reply.depth == 1


def test_form_error_keeps_the_readers_words():
    article = make_article()
    response = Reader().leave_reply(
        article, email="not-an-email", comment="A long thought I would hate to retype."
    )
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert (
        textarea_value(page.select_one("#id_comment")) == "A long thought I would hate to retype."
    )
    assert page.select_one("#id_name")["value"] == "Rosa Quill"
    assert page.select_one(".comment-form-email .field-error").text.strip()
    assert page.select_one("#id_email")["aria-invalid"] == "true"
    assert page.select_one("[role=alert]") is not None
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Please enter your name"),
        ("name", "\u200b\u200d ", "Please enter your name"),
        ("name", "x" * 101, "at most 100 characters"),
        ("email", "a@b.c\r\nBcc: victim@example.com", "valid email"),
        ("website", "javascript:alert(1)", "valid URL"),
        ("website", "ftp://files.example.com/", "http:// or https://"),
        ("comment", "", "Please write a comment"),
        ("comment", "   \n  ", "Please write a comment"),
        ("email", "", "Please enter your email address"),
        ("comment", "y" * 10_001, "at most 10000 characters"),
        ("comment", "bad\x00byte", "Null characters are not allowed"),
        ("name", "Editor", "reserved"),
        ("name", "\u0395ditor", "reserved"),
    ],
)
def test_each_field_rule_is_explained_beside_the_field(field, value, message):
    article = make_article()
    response = Reader().leave_reply(article, **{field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Comment.objects.count() == 0
