"""A reader posts a comment: held, seen by its author only, approved, threaded."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from wagtail.models import Site
from wagtail.search.models import IndexEntry

from newsdesk.comments import moderation
from newsdesk.comments.models import Comment, CommentSettings
from newsdesk.news.tests.builders import make_article

from .reader import FILLED_IN, Reader, textarea_value

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
    reply_url = page.select_one(f"#comment-{parent.pk} .comment-reply-link")["href"].split("#")[0]
    form_page = reader.page(reply_url)
    assert "Reply to Ola" in form_page.select_one("#reply-title").text
    assert form_page.select_one("#cancel-comment-reply-link")["href"].endswith("#respond")

    reader.leave_reply(article, url=reply_url, comment="The council.")
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
        ("email", "a@b.c\r\nBcc: victim@example.com", "control character (code U+000D)"),
        ("website", "javascript:alert(1)", "valid URL"),
        ("website", "ftp://files.example.com/", "http:// or https://"),
        ("comment", "", "Please write a comment"),
        ("comment", "   \n  ", "Please write a comment"),
        ("email", "", "Please enter your email address"),
        ("comment", "y" * 10_001, "at most 10000 characters"),
        ("comment", "bad\x00byte", "control character (code U+0000)"),
        ("name", "Editor", "reserved"),
        ("name", "\u0395ditor", "reserved"),
        ("name", "The Editor", "reserved"),
        ("name", "  site ADMIN!", "reserved"),
        ("name", "Chief Editor", "reserved"),
    ],
)
def test_each_field_rule_is_explained_beside_the_field(field, value, message):
    article = make_article()
    response = Reader().leave_reply(article, **{field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Comment.objects.count() == 0


def test_reply_links_on_a_page_with_a_form_error_lead_back_to_the_story():
    article = make_article()
    parent = Comment.objects.create(
        article=article,
        name="Ola",
        email="ola@example.com",
        body="Who pays?",
        status=Comment.Status.APPROVED,
    )
    reader = Reader()
    error_page = reader.leave_reply(article, email="not-an-email")
    assert error_page.status_code == 400

    link = BeautifulSoup(error_page.content, "html.parser").select_one(".comment-reply-link")
    assert link["href"] == f"{article.url}?replytocom={parent.pk}#respond"
    assert "Reply to Ola" in reader.page(link["href"]).select_one("#reply-title").text


def test_posting_a_comment_writes_nothing_to_the_search_index():
    article = make_article()
    before = IndexEntry.objects.count()
    Reader().leave_reply(article, comment="Not for the search box.")
    assert Comment.objects.count() == 1
    assert not IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(Comment))
    assert IndexEntry.objects.count() == before


LONG_EMAIL = "a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".example"
LONG_WEBSITE = "https://example.org/" + "p" * 190


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", LONG_EMAIL, "at most 254 characters"),
        ("website", LONG_WEBSITE, "at most 200 characters"),
    ],
)
def test_over_long_email_or_website_is_explained_beside_the_field_with_the_words_kept(
    field, value, message
):
    response = Reader().leave_reply(make_article(), **{field: value}, comment="Keep me.")
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert message in page.select_one(f".comment-form-{field} .field-error").text
    assert page.select_one(f"#id_{field}")["value"] == value
    assert textarea_value(page.select_one("#id_comment")) == "Keep me."
    assert Comment.objects.count() == 0


def visible_text(node):
    """What a sighted reader sees: text meant only for screen readers left out."""
    for hidden in node.select(".visually-hidden"):
        hidden.decompose()
    return " ".join(node.get_text().split())


def test_form_marks_required_fields_and_says_the_email_is_not_published():
    form = Reader().page(make_article().url).select_one("#commentform")
    assert visible_text(form.select_one(".comment-notes")) == (
        "Your email address will not be published. Required fields are marked *"
    )
    labels = [visible_text(form.select_one(f"label[for=id_{name}]")) for name in FILLED_IN]
    assert labels == ["Name *", "Email *", "Website", "Comment *"]


@pytest.mark.parametrize("name", ["Edith Moderato", "Anne Staffordshire", "The Quay Baker"])
def test_names_that_only_contain_a_role_word_are_welcome(name):
    article = make_article()
    assert Reader().leave_reply(article, name=name).status_code == 302
    assert Comment.objects.get().name == name
