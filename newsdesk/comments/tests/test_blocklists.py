"""Blocklists and copy-paste runs: held or spam, with the reason shown to the moderator."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Site

from newsdesk.comments.models import Comment, CommentSettings
from newsdesk.news.tests.builders import make_article

from .reader import Reader

pytestmark = pytest.mark.django_db

Status = Comment.Status
COPIED = "Earn money from home with this one simple trick that banks do not want you to know."


def blocklists(**lists):
    settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.moderation = CommentSettings.Moderation.APPROVE_ALL
    for name, value in lists.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()


def post(article, remote_addr="203.0.113.7", **fields):
    response = Reader(remote_addr=remote_addr).leave_reply(article, **fields)
    assert response.status_code == 302, response.status_code
    return Comment.objects.latest("created_at")


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"comment": "Cheap Pharmacy deals here."}, "blocked word “cheap pharmacy”"),
        ({"name": "Pharmacy King"}, "blocked word “pharmacy”"),
        ({"website": "https://pharmacy.example/"}, "blocked word “pharmacy”"),
    ],
)
def test_a_blocked_word_anywhere_in_the_form_marks_the_comment_as_spam(fields, reason):
    blocklists(blocked_words="cheap pharmacy\npharmacy")
    comment = post(make_article(), **fields)
    assert (comment.status, comment.moderation_reason) == (Status.SPAM, reason)


def test_a_blocked_address_or_whole_domain_marks_the_comment_as_spam():
    blocklists(blocked_emails="Pest@Example.com\n@spam.example")
    article = make_article()
    one = post(article, email="pest@example.com")
    domain = post(article, email="anyone@SPAM.example", comment="Another thing entirely.")
    fine = post(article, email="rosa@example.com", comment="Something else again.")
    assert (one.status, one.moderation_reason) == (Status.SPAM, "blocked email pest@example.com")
    assert (domain.status, domain.moderation_reason) == (Status.SPAM, "blocked email @spam.example")
    assert fine.status == Status.APPROVED


def test_a_blocked_ip_address_or_network_marks_the_comment_as_spam():
    blocklists(blocked_addresses="198.51.100.0/24\n2001:db8::1")
    article = make_article()
    comment = post(article, remote_addr="198.51.100.23")
    elsewhere = post(article, remote_addr="192.0.2.1", comment="From somewhere else.")
    assert comment.status == Status.SPAM
    assert comment.moderation_reason == "blocked IP address 198.51.100.23 (198.51.100.0/24)"
    assert elsewhere.status == Status.APPROVED


def test_a_blocklist_line_that_could_never_match_is_refused_when_saved():
    with pytest.raises(ValidationError) as refused:
        blocklists(blocked_addresses="198.51.100.0/24\nnot-an-address")
    assert "“not-an-address” is not an IP address or network" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        blocklists(blocked_emails="nobody")
    assert "“nobody” is not an email address or an @domain" in str(refused.value)


def test_the_same_long_words_on_another_story_are_held_then_marked_spam():
    blocklists()
    first = post(make_article(), comment=COPIED)
    second = post(make_article(), comment=COPIED.upper(), email="other@example.com")
    third = post(make_article(), comment=f"  {COPIED}  ", email="third@example.com")
    fourth = post(make_article(), comment=COPIED, email="fourth@example.com")
    assert first.status == Status.APPROVED
    assert second.status == Status.PENDING
    assert second.moderation_reason == "the same words were posted on another story this week"
    assert (third.status, third.moderation_reason) == (
        Status.SPAM,
        "the same words were posted 2 times this week",
    )
    assert fourth.status == Status.SPAM


def test_short_thanks_repeated_by_many_readers_are_not_taken_for_spam():
    blocklists()
    for n, article in enumerate([make_article(), make_article(), make_article()]):
        comment = post(article, comment="Thank you for this.", email=f"reader{n}@example.com")
        assert comment.status == Status.APPROVED


def test_the_moderator_sees_why_each_comment_was_held_or_marked_spam(admin_client):
    blocklists(blocked_words="pharmacy")
    post(make_article(), comment="Visit my pharmacy.")

    queue = admin_client.get(reverse("wagtailsnippets_comments_comment:list") + "?status=spam")

    assert "Why here" in queue.content.decode()
    assert "blocked word “pharmacy”" in queue.content.decode()
