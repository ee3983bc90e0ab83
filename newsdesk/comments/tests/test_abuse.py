"""Hostile and unlucky submissions: bots, floods, forgeries, stale forms. Nothing human is lost."""

import json
from datetime import timedelta
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from newsdesk.comments import views
from newsdesk.comments.models import Comment, CommentSettings
from newsdesk.comments.tokens import AUTHOR_COOKIE, FORM_SALT, issue_form_token
from newsdesk.news.tests.builders import make_article

from .reader import FILLED_IN, Reader, textarea_value

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


def comment_settings(**values):
    settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def kept_text(response):
    page = BeautifulSoup(response.content, "html.parser")
    return textarea_value(page.select_one("#id_comment"))


def test_bot_filling_the_honeypot_is_marked_spam_and_told_nothing():
    article = make_article()
    bot = Reader()
    response = bot.leave_reply(article, nd_ref="http://cheap-pills.example/")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert comment.moderation_reason == "filled in the hidden field"
    assert response.status_code == 302
    assert "Your comment is awaiting moderation." in bot.client.get(article.url).content.decode()


def test_form_sent_too_fast_is_marked_spam(settings):
    settings.NEWSDESK_COMMENTS_MIN_SECONDS = 3
    article = make_article()
    Reader().leave_reply(article)
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_form_left_open_for_hours_comes_back_with_text_and_fresh_token(settings):
    article = make_article()
    reader = Reader()
    action, values = reader.form_values(article.url)
    values.update(name="Ola", email="ola@example.com", comment="Typed slowly over lunch.")
    later = timezone.now().timestamp() + settings.NEWSDESK_COMMENTS_MAX_FORM_AGE + 3600
    with mock.patch("newsdesk.comments.tokens.time.time", return_value=later):
        response = reader.client.post(action, values)
        assert response.status_code == 400
        assert kept_text(response) == "Typed slowly over lunch."
        page = BeautifulSoup(response.content, "html.parser")
        fresh = page.select_one("input[name=form_token]")["value"]
        assert fresh != values["form_token"]
        assert reader.client.post(action, {**values, "form_token": fresh}).status_code == 302
    assert Comment.objects.get().body == "Typed slowly over lunch."


def fresh_token(response):
    page = BeautifulSoup(response.content, "html.parser")
    return page.select_one("input[name=form_token]")["value"]


@pytest.mark.parametrize("token", ["stale", "forged"])
def test_form_shown_again_may_be_sent_at_once_without_being_taken_for_spam(settings, token):
    settings.NEWSDESK_COMMENTS_MIN_SECONDS = 3
    article = make_article()
    reader = Reader()
    action, values = reader.form_values(article.url)
    values.update(name="Ola", email="ola@example.com", comment="Sent again straight away.")
    if token == "forged":
        values["form_token"] = "forged:token"
    later = timezone.now().timestamp() + settings.NEWSDESK_COMMENTS_MAX_FORM_AGE + 3600
    with mock.patch("newsdesk.comments.tokens.time.time", return_value=later):
        shown_again = reader.client.post(action, values)
        assert kept_text(shown_again) == "Sent again straight away."
        resent = reader.client.post(action, {**values, "form_token": fresh_token(shown_again)})
    assert resent.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_forged_form_token_never_loses_the_text():
    article = make_article()
    response = Reader().leave_reply(article, form_token="forged:token", comment="Still mine.")
    assert response.status_code == 400
    assert kept_text(response) == "Still mine."
    assert not Comment.objects.exists()


def test_flood_from_one_network_gets_429_with_retry_after_while_others_post(settings):
    settings.NEWSDESK_COMMENTS_RATE_LIMIT = 3
    article = make_article()
    flooder = Reader(remote_addr="198.51.100.10")
    statuses = [flooder.leave_reply(article, comment=f"Message {n}").status_code for n in range(3)]
    assert statuses == [302, 302, 302]

    neighbour = Reader(remote_addr="198.51.100.99")
    response = neighbour.leave_reply(article, comment="Same street, same limit.")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert kept_text(response) == "Same street, same limit."

    elsewhere = Reader(remote_addr="192.0.2.44")
    assert elsewhere.leave_reply(article, comment="Different town.").status_code == 302
    assert Comment.objects.count() == 4


def test_forwarded_for_header_is_ignored_unless_a_proxy_is_trusted(settings):
    settings.NEWSDESK_COMMENTS_RATE_LIMIT = 1
    article = make_article()
    reader = Reader()
    reader.leave_reply(article, comment="One.")
    action, values = reader.form_values(article.url)
    values.update(name="Ola", email="ola@example.com", comment="Two.")
    response = reader.client.post(action, values, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert response.status_code == 429


def test_same_comment_twice_is_refused_with_the_text_kept():
    article = make_article()
    reader = Reader()
    reader.leave_reply(article, comment="I said this once.")
    response = reader.leave_reply(article, comment="I  said this once. ")
    assert response.status_code == 409
    assert "already posted this comment" in response.content.decode()
    assert kept_text(response) == "I  said this once. "
    assert Comment.objects.count() == 1


def test_resent_form_creates_one_comment_and_returns_to_it():
    article = make_article()
    reader = Reader()
    action, values = reader.form_values(article.url)
    values.update(name="Ola", email="ola@example.com", comment="Double click.")
    first = reader.client.post(action, values)
    second = reader.client.post(action, values)
    assert Comment.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_double_submit_before_the_cookie_arrives_makes_one_comment():
    article = make_article()
    reader = Reader()
    action, values = reader.form_values(article.url)
    values.update(name="Ola", email="ola@example.com", comment="Clicked twice.")
    first = reader.client.post(action, values)
    reader.client.cookies.pop(AUTHOR_COOKIE)
    second = reader.client.post(action, {**values, "email": "OLA@example.com "})
    assert Comment.objects.count() == 1
    assert second.status_code == 302
    assert first["Location"] == second["Location"]


def test_two_readers_of_one_shared_form_each_post_and_see_nothing_of_the_other():
    """A page from the shared cache gives every reader of that copy the same form token."""
    article = make_article()
    first_reader = Reader()
    action, shared = first_reader.form_values(article.url)
    first_reader.client.post(
        action, {**shared, "name": "Ola", "email": "ola@example.com", "comment": "Mine, pending."}
    )
    mine = Comment.objects.get()

    other = Reader(remote_addr="192.0.2.50")
    theirs = {**shared, "name": "Kari", "email": "kari@example.com", "comment": "Theirs."}
    response = other.client.post(action, theirs)

    assert response.status_code == 302
    theirs_stored = Comment.objects.get(body="Theirs.")
    assert response["Location"].endswith(f"#comment-{theirs_stored.pk}")
    assert b"Mine, pending." not in other.client.get(article.url).content
    assert Comment.objects.get(pk=mine.pk).body == "Mine, pending."


@pytest.mark.parametrize(("comment", "stored"), [("Raced.", 1), ("Someone else's.", 2)])
def test_two_sends_racing_with_one_form_make_one_comment_per_wording(monkeypatch, comment, stored):
    article = make_article()
    reader = Reader()
    action, values = reader.form_values(article.url)
    values.update(name="Ola", email="ola@example.com", comment="Raced.")
    first = reader.client.post(action, values)
    # The second send ran its checks before the first was stored, so it reaches the insert.
    monkeypatch.setattr(views, "comment_sent_with", lambda token, email, body: None)
    monkeypatch.setattr(views, "is_duplicate", lambda article, email, body: False)
    other = Reader(remote_addr="192.0.2.50")
    response = other.client.post(action, {**values, "comment": comment})
    assert response.status_code == 302
    assert Comment.objects.count() == stored
    landed_on_first = response["Location"] == first["Location"]
    assert landed_on_first == (stored == 1)


def test_rate_limit_of_zero_means_no_limit(settings):
    settings.NEWSDESK_COMMENTS_RATE_LIMIT = 0
    article = make_article()
    reader = Reader()
    statuses = [reader.leave_reply(article, comment=f"Note {n}").status_code for n in range(3)]
    assert statuses == [302, 302, 302]
    assert Comment.objects.count() == 3


def test_comment_with_many_links_is_held_with_a_reason():
    comment_settings(moderation=CommentSettings.Moderation.APPROVE_ALL)
    article = make_article()
    links = " ".join(f"https://shop{n}.example/deal" for n in range(3))
    Reader().leave_reply(article, comment=f"Great deals {links}")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.moderation_reason == "3 links (the limit is 2)"


def test_web_address_in_the_name_is_held():
    comment_settings(moderation=CommentSettings.Moderation.APPROVE_ALL)
    article = make_article()
    Reader().leave_reply(article, name="Best Loans www.loans.example")
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_closed_article_refuses_comments_and_keeps_the_text():
    article = make_article()
    reader = Reader()
    action, values = reader.form_values(article.url)
    article.comments_open = False
    article.save_revision().publish()
    values.update(name="Ola", email="ola@example.com", comment="Too late?")
    response = reader.client.post(action, values)
    assert response.status_code == 403
    assert "Comments are closed on this story." in response.content.decode()
    assert "send again" not in response.content.decode()
    assert kept_text(response) == "Too late?"
    assert not Comment.objects.exists()


def test_comments_close_automatically_after_the_set_number_of_days():
    comment_settings(close_after_days=14)
    old = make_article(published_at=timezone.now() - timedelta(days=15))
    page = BeautifulSoup(Client().get(old.url).content, "html.parser")
    assert page.select_one("#commentform") is None
    assert "Comments are closed on this story." in page.text
    fresh = make_article(published_at=timezone.now() - timedelta(days=13))
    assert Reader().leave_reply(fresh).status_code == 302


def test_comment_on_a_scheduled_story_is_not_found():
    article = make_article(publish=False)
    article.go_live_at = timezone.now() + timedelta(hours=2)
    article.save_revision().publish()
    values = {**FILLED_IN, "form_token": issue_form_token(backdate=60)}
    assert Client().post(f"/comments/post/{article.pk}/", values).status_code == 404
    assert not Comment.objects.exists()


def test_a_form_token_with_its_serving_time_changed_is_refused_with_the_text_kept():
    article = make_article()
    reader = Reader()
    action, values = reader.form_values(article.url)
    signed, _colon, signature = values["form_token"].rpartition(":")
    _payload, _colon, timestamp = signed.rpartition(":")
    issued = signing.loads(values["form_token"], salt=FORM_SALT)
    tampered_payload = signing.b64_encode(
        json.dumps({**issued, "t": issued["t"] - 3600}, separators=(",", ":")).encode()
    ).decode()
    values.update(
        form_token=f"{tampered_payload}:{timestamp}:{signature}",
        name="Ola",
        email="ola@example.com",
        comment="Typed, not rushed.",
    )
    response = reader.client.post(action, values)
    assert response.status_code == 400
    assert kept_text(response) == "Typed, not rushed."
    assert not Comment.objects.exists()


def test_comment_on_an_unpublished_story_is_not_found():
    article = make_article()
    reader = Reader()
    action, values = reader.form_values(article.url)
    article.unpublish()
    values.update(name="Ola", email="ola@example.com", comment="Hello?")
    assert reader.client.post(action, values).status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "target", ["other-article", "pending", "missing", "abc", "-3", str(2**63), "²", "١٢"]
)
def test_reply_to_a_comment_you_cannot_see_is_refused(target):
    article, other = make_article(), make_article()
    elsewhere = Comment.objects.create(
        article=other, name="A", email="a@example.com", body="x", status=Comment.Status.APPROVED
    )
    pending = Comment.objects.create(article=article, name="B", email="b@example.com", body="y")
    reply_to = {"other-article": elsewhere.pk, "pending": pending.pk, "missing": 999_999}.get(
        target, target
    )
    response = Reader().leave_reply(article, reply_to=str(reply_to), comment="A reply.")
    assert response.status_code == 400
    assert "can't reply to that comment" in BeautifulSoup(response.content, "html.parser").text
    assert kept_text(response) == "A reply."
    assert Comment.objects.count() == 2


def test_reply_beyond_the_depth_limit_joins_the_deepest_allowed_level():
    comment_settings(max_depth=3)
    article = make_article()
    parent = None
    for depth in range(3):
        parent = Comment.objects.create(
            article=article,
            parent=parent,
            depth=depth,
            name=f"Level {depth}",
            email="l@example.com",
            body=f"Level {depth}",
            status=Comment.Status.APPROVED,
        )
    Reader().leave_reply(article, reply_to=str(parent.pk), comment="Deeper still.")
    reply = Comment.objects.get(body="Deeper still.")
    assert reply.depth == 2
    assert reply.parent_id == parent.parent_id


def test_extra_fields_cannot_approve_or_redirect_a_comment():
    article, other = make_article(), make_article()
    Reader().leave_reply(
        article,
        status="approved",
        depth="0",
        article=str(other.pk),
        ip_address="1.2.3.4",
        moderation_reason="",
        submission_key="x",
    )
    comment = Comment.objects.get()
    assert (comment.status, comment.article_id) == (Comment.Status.PENDING, article.pk)
    assert comment.ip_address == "203.0.113.7"


def test_comment_form_needs_no_cookie_so_a_browser_blocking_cookies_still_posts():
    """The form works on a page from the shared cache, which can carry no CSRF cookie."""
    article = make_article()
    reader = Reader(Client(enforce_csrf_checks=True))
    action, values = reader.form_values(article.url)
    assert "csrfmiddlewaretoken" not in values
    assert "csrftoken" not in reader.client.cookies
    values.update(FILLED_IN, comment="Sent from a browser that keeps no cookies.")
    response = reader.client.post(action, values, HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 302
    assert Comment.objects.get().body == "Sent from a browser that keeps no cookies."


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_ORIGIN": "null"},
    ],
)
def test_post_a_browser_sent_from_another_site_is_refused(headers):
    article = make_article()
    strict = Client(enforce_csrf_checks=True)
    _action, values = Reader(strict).form_values(article.url)
    values.update(FILLED_IN)
    response = strict.post(f"/comments/post/{article.pk}/", values, **headers)
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_post_from_the_sites_own_origin_is_accepted():
    article = make_article()
    reader = Reader(Client(enforce_csrf_checks=True))
    action, values = reader.form_values(article.url)
    values.update(FILLED_IN)
    assert reader.client.post(action, values, HTTP_ORIGIN="http://testserver").status_code == 302


def test_forged_post_from_another_site_gets_a_plain_refusal_that_fills_in_nothing():
    article = make_article()
    forged = {**FILLED_IN, "comment": "Words chosen by another website."}
    response = Client(enforce_csrf_checks=True).post(
        f"/comments/post/{article.pk}/", forged, HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert response.status_code == 403
    assert "Your form was not sent" in response.content.decode()
    assert "Words chosen by another website." not in response.content.decode()
    assert Comment.objects.count() == 0


def test_comment_page_refuses_get():
    assert Client().get(f"/comments/post/{make_article().pk}/").status_code == 405
