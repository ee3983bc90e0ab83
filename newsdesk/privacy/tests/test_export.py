"""A commenter asks what the site holds about them and gets all of it, as JSON."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime
from wagtail.models import Site

from newsdesk.comments.models import Comment, CommentSettings
from newsdesk.news.tests.builders import make_article
from newsdesk.privacy.addresses import email_reference
from newsdesk.privacy.export import as_json, export_commenter
from newsdesk.privacy.models import PrivacyRequest

from .builders import make_comment

pytestmark = pytest.mark.django_db


def exported(email, **kwargs):
    """The export as the commenter receives it: parsed back from the JSON text."""
    return json.loads(as_json(export_commenter(email, **kwargs)))


def test_export_holds_every_comment_by_the_address_on_any_story_with_everything_stored():
    harbour, council = make_article("Harbour reopens"), make_article("Council votes")
    first = make_comment(harbour, body="The pier looks sturdy.")
    other = make_comment(harbour, email="ola@example.com", name="Ola", body="Not mine.")
    reply = make_comment(
        council,
        parent=make_comment(council, email="kari@example.com", name="Kari"),
        body="Answering Kari.",
        status=Comment.Status.PENDING,
        moderation_reason="every new comment is held for moderation",
    )

    export = exported("rosa@example.com")
    posted_at = parse_datetime(export["comments"][1].pop("posted_at"))

    assert [c["id"] for c in export["comments"]] == [first.pk, reply.pk]
    assert abs(posted_at - reply.created_at) < timedelta(milliseconds=1)
    assert other.pk not in {c["id"] for c in export["comments"]}
    assert export["comments"][1] == {
        "id": reply.pk,
        "story": {"id": council.pk, "title": "Council votes", "url": council.get_full_url()},
        "status": "pending",
        "name": "Rosa Quill",
        "email": "rosa@example.com",
        "website": "https://rosa.example.org/",
        "ip_address": "203.0.113.7",
        "network": "203.0.113.0/24",
        "user_agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
        "text": "Answering Kari.",
        "reply_to": reply.parent_id,
        "moderation_reason": "every new comment is held for moderation",
        "moderated_at": None,
        "by_staff": False,
    }
    assert export["comments"][1]["story"]["url"].startswith("http")
    assert export["comment_count"] == 2


def test_export_matches_the_whole_address_whatever_its_case():
    article = make_article()
    shouting = make_comment(article, email="ROSA@Example.COM")
    make_comment(article, email="rosa@example.co")
    make_comment(article, email="erosa@example.com")
    make_comment(article, email="r_sa@example.com")

    ids = [comment["id"] for comment in exported(" Rosa@EXAMPLE.com ")["comments"]]
    wildcard = exported("r_sa@example.com")["comments"]

    assert ids == [shouting.pk]
    assert [comment["email"] for comment in wildcard] == ["r_sa@example.com"]


def test_export_is_valid_json_that_keeps_every_script_legible():
    make_comment(make_article("Ferry news"), name="Zoë 李", body='Quotes " and \\ and\nlines ✓')

    text = as_json(export_commenter("rosa@example.com"))

    assert "Zoë 李" in text
    assert "\\u" not in text
    comment = json.loads(text)["comments"][0]
    assert (comment["name"], comment["text"]) == ("Zoë 李", 'Quotes " and \\ and\nlines ✓')


def test_export_includes_the_commenters_privacy_log_this_export_included():
    make_comment(make_article())
    PrivacyRequest.objects.record(PrivacyRequest.Action.ERASE, email="ROSA@example.com")
    PrivacyRequest.objects.record(PrivacyRequest.Action.EXPORT, email="ola@example.com")

    log = exported("rosa@example.com")["privacy_requests"]

    assert [(entry["request"], entry["comment_count"]) for entry in log] == [
        ("erase", 0),
        ("export", 1),
    ]


def test_export_of_an_address_with_no_comments_is_an_empty_list_and_still_logged():
    make_comment(make_article(), email="ola@example.com")

    export = exported("nobody@example.com")

    assert (export["comments"], export["comment_count"]) == ([], 0)
    assert PrivacyRequest.objects.for_email("nobody@example.com").count() == 1


def test_export_names_the_blocklist_entries_that_match_the_address():
    make_comment(make_article())
    comment_settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    comment_settings.blocked_emails = "ROSA@example.com\n@example.com\nola@example.com"
    comment_settings.save()

    assert exported("rosa@example.com")["email_blocklist_entries"] == [
        "ROSA@example.com",
        "@example.com",
    ]


def test_export_is_logged_with_a_masked_address_and_a_keyed_reference_never_the_address(
    settings, admin_user
):
    make_comment(make_article())
    make_comment(make_article())

    export_commenter("Rosa@Example.com", actor=admin_user)

    entry = PrivacyRequest.objects.get()
    assert (entry.action, entry.comment_count) == ("export", 2)
    assert entry.masked_email == "r•••@example.com"
    assert (entry.requested_by, entry.requested_by_name) == (admin_user, "admin")
    assert entry.email_reference == email_reference("rosa@example.com")
    assert entry.email_reference != email_reference("ola@example.com")
    stored = " ".join(str(value) for value in PrivacyRequest.objects.values().get().values())
    assert "rosa@" not in stored.lower()
    settings.SECRET_KEY = "another-site-entirely"
    assert email_reference("rosa@example.com") != entry.email_reference


@pytest.mark.parametrize("email", ["", "   ", "rosa", "rosa@", "@example.com", "a@b@c.com"])
def test_export_refuses_what_is_not_an_address_and_logs_nothing(email):
    make_comment(make_article(), email="")
    with pytest.raises(ValidationError):
        export_commenter(email)
    assert not PrivacyRequest.objects.exists()
