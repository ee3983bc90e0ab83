"""A moderator answers a comment from the admin; readers see the reply marked "Staff"."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry, Site

from newsdesk.comments.models import Comment, CommentSettings
from newsdesk.news.tests.builders import make_article
from newsdesk.testing.nu_html import nu_html_errors

from .reader import Reader, textarea_value

pytestmark = pytest.mark.django_db
Status = Comment.Status


def make_comment(article, parent=None, status=Status.APPROVED, name="Ola Berg"):
    return Comment.objects.create(
        article=article,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        name=name,
        email="ola@example.com",
        body="Who pays for the new bridge?",
        status=status,
    )


def admin_client(django_user_model, *codenames, username="kari"):
    """A logged-in admin user, with the named comment permissions."""
    user = django_user_model.objects.create_user(
        username=username,
        password="pw",
        first_name="Kari",
        last_name="Nordmann",
        email="kari@newsdesk.example",
    )
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="comments", codename__in=codenames),
    )
    client = Client()
    client.force_login(user)
    return user, client


def reply_url(comment):
    return reverse("wagtailsnippets_comments_comment:reply", args=[comment.pk])


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_a_moderators_reply_is_published_under_the_comment_with_a_staff_mark(django_user_model):
    article = make_article()
    question = make_comment(article)
    moderator, client = admin_client(django_user_model, "change_comment")

    response = client.post(reply_url(question), {"comment": "The council does.\r\nSee page 2."})

    reply = Comment.objects.get(by_staff=True)
    assert response.status_code == 302
    assert (reply.parent, reply.depth, reply.article) == (question, 1, article)
    assert reply.status == Status.APPROVED
    assert (reply.name, reply.email, reply.moderated_by) == (
        "Kari Nordmann",
        "kari@newsdesk.example",
        moderator,
    )
    assert reply.body == "The council does.\nSee page 2."
    assert ModelLogEntry.objects.get(action="wagtail.create").user == moderator
    reader_page = Reader().page(article.url)
    shown = reader_page.select_one(f"#comment-{question.pk} ol.children #comment-{reply.pk}")
    assert shown.select_one(".comment-author").get_text(" ", strip=True) == "Kari Nordmann Staff"
    assert reader_page.select_one(f"#comment-{question.pk} > article .comment-staff") is None
    assert nu_html_errors({"article": str(reader_page)}) == {}


def test_a_reply_past_the_depth_limit_answers_the_deepest_comment_that_can_take_one(
    django_user_model,
):
    settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.max_depth = 2
    settings.save()
    article = make_article()
    top = make_comment(article)
    deepest = make_comment(article, parent=top)
    _moderator, client = admin_client(django_user_model, "change_comment")

    client.post(reply_url(deepest), {"comment": "Thanks, both."})

    assert Comment.objects.get(by_staff=True).parent == top


def test_a_user_without_the_name_of_a_moderator_is_named_by_username(django_user_model):
    article = make_article()
    question = make_comment(article)
    user, client = admin_client(django_user_model, "change_comment", username="nightdesk")
    user.first_name = user.last_name = ""
    user.save()

    client.post(reply_url(question), {"comment": "Noted."})

    assert Comment.objects.get(by_staff=True).name == "nightdesk"


def test_replying_to_a_pending_comment_leaves_it_pending_and_says_so(django_user_model):
    article = make_article()
    question = make_comment(article, status=Status.PENDING)
    _moderator, client = admin_client(django_user_model, "change_comment")

    form = soup(client.get(reply_url(question)))
    client.post(reply_url(question), {"comment": "Answered before approving."})

    assert "Replying does not approve it" in form.select_one("[data-reply-hint]").text
    question.refresh_from_db()
    assert question.status == Status.PENDING
    assert Comment.objects.get(by_staff=True).status == Status.APPROVED


def test_the_reply_form_refuses_empty_text_and_keeps_what_was_typed(django_user_model):
    question = make_comment(make_article())
    _moderator, client = admin_client(django_user_model, "change_comment")

    blank = client.post(reply_url(question), {"comment": " \r\n "})
    unreadable = client.post(reply_url(question), {"comment": "Half \ufffd read"})

    assert blank.status_code == 200
    assert "Please write a comment." in soup(blank).text
    assert (
        textarea_value(soup(unreadable).select_one("textarea[name=comment]")) == "Half \ufffd read"
    )
    assert "could not be read" in soup(unreadable).text
    assert not Comment.objects.filter(by_staff=True).exists()


def test_only_a_user_who_may_moderate_comments_may_reply(django_user_model):
    question = make_comment(make_article())
    _editor, client = admin_client(django_user_model)

    page = client.get(reply_url(question))
    sent = client.post(reply_url(question), {"comment": "Sneaky."})
    fetched = client.post(
        reply_url(question), {"comment": "Sneaky."}, headers={"x-requested-with": "XMLHttpRequest"}
    )

    # Wagtail turns a refusal into a message on the dashboard, as for the queue itself.
    assert page["Location"] == sent["Location"] == reverse("wagtailadmin_home")
    assert fetched.status_code == 403
    assert not Comment.objects.filter(by_staff=True).exists()


def test_the_queue_and_the_comment_page_offer_a_reply(django_user_model):
    question = make_comment(make_article())
    _moderator, client = admin_client(django_user_model, "change_comment")

    # Every tab, not only Pending where the queue opens: the question may be approved.
    queue = soup(client.get(reverse("wagtailsnippets_comments_comment:list") + "?status="))
    edit = soup(client.get(reverse("wagtailsnippets_comments_comment:edit", args=[question.pk])))

    assert queue.select(f'a[href="{reply_url(question)}"]')
    assert edit.select(f'a[href="{reply_url(question)}"]')


def test_a_reader_cannot_give_their_comment_the_staff_mark():
    settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.moderation = CommentSettings.Moderation.APPROVE_ALL
    settings.save()
    article = make_article()

    Reader().leave_reply(
        article, by_staff="on", staff="1", is_staff="true", staff_author="1", moderated_by="1"
    )

    comment = Comment.objects.get()
    assert comment.status == Status.APPROVED
    assert not comment.by_staff
    assert Reader().page(article.url).select(".comment-staff") == []
