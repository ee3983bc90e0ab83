"""A commenter asks to be forgotten: their details leave every comment, nobody else's do."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from newsdesk.comments.models import Comment
from newsdesk.comments.posting import post_staff_reply
from newsdesk.news.tests.builders import make_article
from newsdesk.privacy.erasure import REMOVED_TEXT, erase_commenter, preview_erasure
from newsdesk.privacy.models import PrivacyRequest

from .builders import make_comment, personal_fields

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

Status = Comment.Status
ERASED = {
    "name": "Anonymous",
    "email": "",
    "website": "",
    "ip_address": None,
    "client_network": "",
    "user_agent": "",
}


def everything_about(comments):
    """Every column of these comments, to prove erasure left them exactly as they were."""
    return list(Comment.objects.filter(pk__in=[c.pk for c in comments]).order_by("pk").values())


def thread(article):
    return BeautifulSoup(Client().get(article.url).content, "html.parser")


def test_erase_anonymises_every_comment_of_the_commenter_and_keeps_the_text():
    harbour, council = make_article(), make_article()
    mine = [
        make_comment(harbour, body="First thoughts."),
        make_comment(council, body="Second thoughts.", status=Status.PENDING),
        make_comment(council, email="Rosa@EXAMPLE.com", body="Shouted.", status=Status.SPAM),
    ]

    erasure = erase_commenter("rosa@example.com")

    assert (erasure.kept, erasure.deleted) == (3, 0)
    assert [personal_fields(comment) for comment in mine] == [ERASED] * 3
    assert [Comment.objects.get(pk=c.pk).body for c in mine] == [
        "First thoughts.",
        "Second thoughts.",
        "Shouted.",
    ]
    assert [Comment.objects.get(pk=c.pk).status for c in mine] == [c.status for c in mine]


def test_erase_leaves_everyone_elses_comments_exactly_as_they_were():
    article = make_article()
    make_comment(article)
    others = [
        make_comment(article, email="ola@example.com", name="Ola"),
        make_comment(article, email="r_sa@example.com", name="Wildcard"),
        make_comment(article, email="rosa@example.co", name="Lookalike"),
        make_comment(article, email="rosa@example.com.au", name="Longer"),
        make_comment(article, email="", name="Erased before"),
    ]
    before = everything_about(others)

    erase_commenter("rosa@example.com")

    assert everything_about(others) == before


def test_readers_see_the_erased_comment_as_anonymous_with_its_words_and_no_link():
    article = make_article()
    make_comment(article, body="The ferry timetable is better now.")

    erase_commenter("rosa@example.com")

    shown = thread(article)
    assert shown.select_one(".comment-author").text.strip() == "Anonymous"
    assert shown.select_one(".comment-author a") is None
    assert shown.select_one(".comment-text").text.strip() == "The ferry timetable is better now."
    assert "Rosa" not in shown.text


def test_erase_removes_the_address_and_ip_address_from_moderation_reasons():
    article = make_article()
    by_email = make_comment(article, moderation_reason="blocked email rosa@example.com")
    by_ip = make_comment(
        article, moderation_reason="blocked IP address 203.0.113.7 (203.0.113.0/24)"
    )
    other = make_comment(
        article, email="ola@example.com", moderation_reason="blocked email rosa@example.com"
    )

    erase_commenter("ROSA@example.com")

    assert Comment.objects.get(pk=by_email.pk).moderation_reason == "blocked email [removed]"
    assert Comment.objects.get(pk=by_ip.pk).moderation_reason == (
        "blocked IP address [removed] (203.0.113.0/24)"
    )
    assert Comment.objects.get(pk=other.pk).moderation_reason == "blocked email rosa@example.com"


def test_erase_renames_the_comment_in_the_admin_history(admin_client):
    article = make_article("Harbour reopens")
    comment = make_comment(article)
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Comment),
        object_id=str(comment.pk),
        label=str(comment),
        action="wagtail.edit",
        timestamp=timezone.now(),
    )

    erase_commenter("rosa@example.com")

    assert ModelLogEntry.objects.get().label == "Anonymous on Harbour reopens"


def test_erase_is_logged_with_how_many_comments_and_who(admin_user):
    article = make_article()
    make_comment(article)
    make_comment(article)

    erase_commenter("rosa@example.com", actor=admin_user)
    erase_commenter("rosa@example.com")

    first, second = PrivacyRequest.objects.order_by("pk")
    assert (first.action, first.comment_count, first.requested_by) == ("erase", 2, admin_user)
    assert (second.comment_count, second.requested_by_name) == (0, "command line")
    assert first.email_reference == second.email_reference


def test_erase_and_its_log_entry_stand_or_fall_together():
    comment = make_comment(make_article())
    before = personal_fields(comment)

    with (
        mock.patch.object(PrivacyRequest.objects, "record", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        erase_commenter("rosa@example.com")

    assert personal_fields(comment) == before


def test_delete_comments_removes_the_commenters_comments_and_replies_to_themselves():
    article = make_article()
    top = make_comment(article)
    make_comment(article, parent=top)
    kept = make_comment(article, email="ola@example.com")

    erasure = erase_commenter("rosa@example.com", delete_comments=True)

    assert (erasure.kept, erasure.deleted) == (0, 2)
    assert list(Comment.objects.all()) == [kept]
    entry = PrivacyRequest.objects.get()
    assert (entry.comment_count, entry.comments_deleted) == (2, True)
    assert entry.description == "Erase (comments deleted)"


def test_a_deleted_comment_that_others_answered_stays_as_a_placeholder_above_their_reply():
    article = make_article()
    answered = make_comment(article, body="Words to remove.")
    reply = make_comment(
        article, parent=answered, email="ola@example.com", name="Ola", body="Ola's own answer."
    )
    before = everything_about([reply])

    erasure = erase_commenter("rosa@example.com", delete_comments=True)

    assert (erasure.kept, erasure.deleted) == (1, 0)
    placeholder = Comment.objects.get(pk=answered.pk)
    assert personal_fields(placeholder) == ERASED
    assert (placeholder.status, placeholder.body) == (Status.TRASH, REMOVED_TEXT)
    assert everything_about([reply]) == before
    shown = thread(article)
    placeholder_text = shown.select_one(".comment--removed .comment-body").text.strip()
    assert placeholder_text == "This comment is no longer shown."
    assert shown.select_one(f"#comment-{reply.pk} .comment-text").text.strip() == (
        "Ola's own answer."
    )
    assert "Words to remove." not in shown.text


def test_only_the_commenters_comments_above_someone_elses_reply_are_kept():
    article = make_article()
    top = make_comment(article)
    answered = make_comment(article, parent=top)
    make_comment(article, parent=answered, email="ola@example.com")
    unanswered = make_comment(article, parent=top)
    answer_to_ola = make_comment(
        article, parent=make_comment(article, email="ola@example.com"), body="Mine, below Ola."
    )

    assert preview_erasure("rosa@example.com", delete_comments=True).kept == 2
    erase_commenter("rosa@example.com", delete_comments=True)

    remaining = set(Comment.objects.values_list("pk", flat=True))
    assert {top.pk, answered.pk} <= remaining
    assert unanswered.pk not in remaining
    assert answer_to_ola.pk not in remaining
    assert Comment.objects.filter(email="ola@example.com").count() == 2


def test_preview_counts_without_changing_anything():
    article = make_article()
    make_comment(make_comment(article).article, email="ROSA@example.com")
    make_comment(article, email="ola@example.com")

    preview = preview_erasure("rosa@example.com")

    assert (preview.total, preview.kept, preview.deleted) == (2, 2, 0)
    assert Comment.objects.filter(name="Anonymous").count() == 0
    assert not PrivacyRequest.objects.exists()


def test_an_address_with_wildcard_characters_matches_only_itself():
    article = make_article()
    make_comment(article, email="%@example.com")
    others = [make_comment(article, email=email) for email in ("ola@example.com", "_@example.com")]
    before = everything_about(others)

    assert erase_commenter("%@example.com").kept == 1
    assert everything_about(others) == before


@pytest.mark.parametrize(
    "email",
    ["", "  ", "not-an-address", "rosa@", "rosa@exa mple.com", "rosa@example.com\nBcc: o@x.org"],
)
def test_erase_refuses_what_is_not_an_address_and_changes_nothing(email):
    already_erased = make_comment(make_article(), email="", name="Anonymous")
    untouched = make_comment(make_article(), email="ola@example.com")
    before = everything_about([already_erased, untouched])

    with pytest.raises(ValidationError):
        erase_commenter(email, delete_comments=True)

    assert everything_about([already_erased, untouched]) == before
    assert not PrivacyRequest.objects.exists()


def test_erasing_a_staff_members_email_anonymises_their_replies_from_the_admin(
    django_user_model,
):
    question = make_comment(make_article(), email="ola@example.com", status=Status.APPROVED)
    user = django_user_model.objects.create_user(
        username="kari", first_name="Kari", email="kari@newsdesk.example"
    )
    reply = post_staff_reply(question, user, "Thanks for asking.")

    erase_commenter("KARI@newsdesk.example")

    reply.refresh_from_db()
    assert (reply.name, reply.email, reply.body) == ("Anonymous", "", "Thanks for asking.")
    assert reply.by_staff
