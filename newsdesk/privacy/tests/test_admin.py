"""Moderators handle privacy requests in the Wagtail admin; nobody else can."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse

from newsdesk.comments.models import Comment
from newsdesk.comments.tests.test_moderation_admin import menu_labels
from newsdesk.news.tests.builders import make_article
from newsdesk.privacy.models import PrivacyRequest

from .builders import make_comment, make_staff, personal_fields

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

INDEX_URL = reverse("privacy:index")
EXPORT_URL = reverse("privacy:export")
ERASE_URL = reverse("privacy:erase")


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def messages_after(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def confirmation_form(response):
    """The fields the confirmation page's form sends, as the browser would send them."""
    form = page(response).select_one(f'form[action="{ERASE_URL}"]')
    return {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}


def test_moderators_find_the_page_in_the_menu_and_others_do_not(django_user_model):
    _moderator, moderator_client = make_staff(django_user_model, "change_comment")
    _editor, editor_client = make_staff(django_user_model, username="editor")

    assert "Privacy requests" in menu_labels(moderator_client.get(reverse("wagtailadmin_home")))
    assert "Privacy requests" not in menu_labels(editor_client.get(reverse("wagtailadmin_home")))
    assert moderator_client.get(INDEX_URL).status_code == 200


def test_staff_who_may_not_moderate_comments_can_neither_see_nor_act(django_user_model):
    comment = make_comment(make_article())
    PrivacyRequest.objects.record(PrivacyRequest.Action.EXPORT, email="ola@example.com")
    _editor, client = make_staff(django_user_model, "view_comment", username="editor")

    responses = [
        client.get(INDEX_URL),
        client.post(EXPORT_URL, {"email": "rosa@example.com"}),
        client.post(ERASE_URL, {"email": "rosa@example.com", "confirm": "True"}),
    ]

    assert [response.status_code for response in responses] == [302, 302, 302]
    assert {response["Location"] for response in responses} == {reverse("wagtailadmin_home")}
    assert all(b"rosa@example.com" not in response.content for response in responses)
    assert PrivacyRequest.objects.count() == 1
    assert personal_fields(comment)["name"] == "Rosa Quill"


def test_readers_who_are_not_logged_in_are_sent_to_the_login_page(client):
    make_comment(make_article())
    response = client.post(EXPORT_URL, {"email": "rosa@example.com"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert not PrivacyRequest.objects.exists()


def test_export_downloads_the_commenters_json_uncached_and_logs_the_moderator(admin_client):
    make_comment(make_article(), name="Zoë", body="On the harbour.")
    make_comment(make_article(), email="ola@example.com")

    response = admin_client.post(EXPORT_URL, {"email": "ROSA@example.com"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="commenter-')
    assert "no-store" in response["Cache-Control"]
    export = json.loads(response.content.decode())
    assert [(c["name"], c["text"]) for c in export["comments"]] == [("Zoë", "On the harbour.")]
    assert "Zoë".encode() in response.content
    entry = PrivacyRequest.objects.get()
    assert (entry.action, entry.requested_by_name, entry.comment_count) == ("export", "admin", 1)


def test_erase_shows_what_it_will_touch_and_changes_nothing_until_confirmed(admin_client):
    article = make_article()
    mine = [make_comment(article), make_comment(make_article(), email="Rosa@Example.com")]
    make_comment(article, parent=mine[0], email="ola@example.com")

    confirmation = admin_client.post(ERASE_URL, {"email": "rosa@example.com", "erase": ""})

    text = " ".join(page(confirmation).text.split())
    assert "2 comments were posted with rosa@example.com." in text
    assert "Other readers replied to 1 of them" in text
    assert page(confirmation).select_one('input[name="delete_comments"]') is not None
    assert [personal_fields(c)["name"] for c in mine] == ["Rosa Quill", "Rosa Quill"]
    assert not PrivacyRequest.objects.exists()

    done = admin_client.post(ERASE_URL, confirmation_form(confirmation))

    assert done.status_code == 302
    assert done["Location"] == INDEX_URL
    assert messages_after(done) == ["2 comments erased: now “Anonymous”, text kept."]
    assert [personal_fields(c)["name"] for c in mine] == ["Anonymous", "Anonymous"]
    assert Comment.objects.filter(email="ola@example.com").get().name == "Rosa Quill"
    assert PrivacyRequest.objects.get().requested_by_name == "admin"


def test_erase_with_delete_comments_keeps_what_others_answered(admin_client):
    article = make_article()
    answered = make_comment(article)
    make_comment(article, parent=answered, email="ola@example.com")
    make_comment(article)
    confirmation = admin_client.post(ERASE_URL, {"email": "rosa@example.com"})

    done = admin_client.post(
        ERASE_URL, {**confirmation_form(confirmation), "delete_comments": "on"}
    )

    assert messages_after(done) == [
        "1 comment deleted. 1 that other readers replied to is kept in the trash, text removed."
    ]
    assert Comment.objects.get(pk=answered.pk).status == Comment.Status.TRASH
    assert Comment.objects.count() == 2
    assert PrivacyRequest.objects.get().comments_deleted


def test_only_moderators_who_may_delete_comments_are_offered_deletion(django_user_model):
    comment = make_comment(make_article())
    _user, client = make_staff(django_user_model, "change_comment")

    confirmation = client.post(ERASE_URL, {"email": "rosa@example.com"})
    assert page(confirmation).select_one('input[name="delete_comments"]') is None
    client.post(ERASE_URL, {**confirmation_form(confirmation), "delete_comments": "on"})

    assert personal_fields(comment)["name"] == "Anonymous"
    assert Comment.objects.filter(pk=comment.pk).exists()
    assert not PrivacyRequest.objects.get().comments_deleted


@pytest.mark.parametrize("url", [EXPORT_URL, ERASE_URL])
def test_an_address_that_is_not_one_is_sent_back_with_the_reason(admin_client, url):
    make_comment(make_article(), email="")

    response = admin_client.post(url, {"email": "rosa@", "confirm": "True"})

    assert response.status_code == 302
    assert messages_after(response) == ["“rosa@” is not an email address."]
    assert not PrivacyRequest.objects.exists()
    assert Comment.objects.get().name == "Rosa Quill"


def test_the_log_shows_each_request_with_a_masked_address_never_the_address(
    django_user_model,
):
    make_comment(make_article())
    moderator, client = make_staff(django_user_model, "change_comment", "delete_comment")
    client.post(EXPORT_URL, {"email": "rosa@example.com"})
    confirmation = client.post(ERASE_URL, {"email": "Rosa@example.com"})
    client.post(ERASE_URL, confirmation_form(confirmation))

    listing = client.get(INDEX_URL)

    rows = [
        [cell.text.strip() for cell in row.select("td")][1:]
        for row in page(listing).select("tbody tr")
    ]
    reference = PrivacyRequest.objects.first().short_reference
    assert rows == [
        ["Erase", "r•••@example.com", reference, "1", "moderator"],
        ["Export", "r•••@example.com", reference, "1", "moderator"],
    ]
    assert b"rosa@example.com" not in listing.content.lower()
    assert "1 earlier request" in " ".join(page(confirmation).text.split())


def test_following_a_link_neither_exports_nor_erases(admin_client):
    comment = make_comment(make_article())

    export = admin_client.get(EXPORT_URL, {"email": "rosa@example.com"})
    erase = admin_client.get(ERASE_URL, {"email": "rosa@example.com", "confirm": "True"})

    assert (export.status_code, erase.status_code) == (405, 405)
    assert personal_fields(comment)["name"] == "Rosa Quill"
    assert not PrivacyRequest.objects.exists()
