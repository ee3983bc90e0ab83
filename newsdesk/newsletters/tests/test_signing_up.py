"""Signing up: double opt-in through a real mail server, and answers that reveal nothing."""

import re

import pytest

from newsdesk.newsletters.models import Subscriber, Suppression, address_hash

from .readers import NewsletterReader, alerts, briefing, hours_from_now, links_in

pytestmark = pytest.mark.django_db

ADDRESS = "Ida.Reader@Example.org"


def confirm_link(smtp_server, address=ADDRESS):
    (received,) = smtp_server.messages_to(address.lower())
    return next(link for link in links_in(received) if "/confirm/" in link)


def test_signing_up_sends_a_confirmation_whose_link_confirms(smtp_server):
    reader = NewsletterReader()
    answer = reader.sign_up(email=ADDRESS, newsletters=[briefing().pk, alerts().pk])

    assert answer.status_code == 200
    assert b"Check your inbox" in answer.content
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status) == ("ida.reader@example.org", "pending")
    assert subscriber.signed_up_from == "/newsletters/"
    assert subscriber.ip_address == "198.51.100.7"
    (received,) = smtp_server.received
    assert received.recipients == ["ida.reader@example.org"]
    assert "Please confirm" in received.message["Subject"]
    assert "Confirm my sign-up" in received.part("text/html")

    link = confirm_link(smtp_server)
    asked = reader.open_link(link)
    assert asked.status_code == 200
    assert Subscriber.objects.get().status == "pending", "opening the link alone confirms nothing"
    confirmed = reader.press(link)

    assert b"You are subscribed" in confirmed.content
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"
    assert subscriber.confirmed_at is not None
    assert subscriber.confirmed_from == "198.51.100.7"
    assert set(subscriber.newsletters.all()) == {briefing(), alerts()}
    assert list(briefing().receiving_subscribers()) == [subscriber]


def test_a_link_older_than_48_hours_says_so_and_sends_a_new_one(smtp_server):
    reader = NewsletterReader()
    with hours_from_now(-49):
        reader.sign_up(email=ADDRESS)
    link = confirm_link(smtp_server)
    smtp_server.clear()

    expired = reader.open_link(link)
    assert expired.status_code == 410
    assert b"This link has expired" in expired.content
    assert reader.press(link).status_code == 410
    assert Subscriber.objects.get().status == "pending"
    new_link_form = re.search(rb'action="([^"]+/new-link/)"', expired.content).group(1)
    resent = reader.press(new_link_form.decode())
    assert b"Check your inbox" in resent.content
    reader.press(confirm_link(smtp_server))

    assert Subscriber.objects.get().status == "confirmed"


def test_an_altered_link_is_not_valid(smtp_server):
    reader = NewsletterReader()
    reader.sign_up(email=ADDRESS)
    link = confirm_link(smtp_server)
    altered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]

    answer = reader.open_link(altered)

    assert answer.status_code == 400
    assert b"This link is not valid" in answer.content
    assert b"new link" not in answer.content


def test_the_answer_is_the_same_whether_the_address_is_new_pending_or_subscribed(
    smtp_server,
):
    reader = NewsletterReader()
    with hours_from_now(-4):
        new = reader.sign_up(email=ADDRESS).content
    with hours_from_now(-2):
        pending = reader.sign_up(email=ADDRESS).content
    reader.press(links_in(smtp_server.received[-1])[0])
    assert Subscriber.objects.get().status == "confirmed"
    smtp_server.clear()
    subscribed = reader.sign_up(email=ADDRESS).content

    assert new == pending == subscribed
    (note,) = smtp_server.received
    assert "already subscribed" in note.message["Subject"]
    assert any("/newsletters/preferences/" in link for link in links_in(note))


def test_an_address_is_mailed_at_most_once_an_hour_however_often_it_is_typed(
    smtp_server,
):
    reader = NewsletterReader()
    answers = {reader.sign_up(email=ADDRESS).content for _ in range(3)}

    assert len(answers) == 1
    assert len(smtp_server.received) == 1


def test_the_email_carries_nothing_the_visitor_typed_but_the_address(smtp_server):
    NewsletterReader().sign_up(email=ADDRESS, page="/<b>Win a prize</b> at https://bad.example/")

    (received,) = smtp_server.received
    text = received.part("text/plain") + received.part("text/html")
    assert "prize" not in text
    assert "bad.example" not in text


def test_a_suppressed_address_comes_off_the_list_only_when_its_owner_confirms(
    smtp_server,
):
    Suppression.add(ADDRESS, Suppression.Reason.UNSUBSCRIBED)
    reader = NewsletterReader()
    reader.sign_up(email=ADDRESS)
    assert Suppression.objects.filter(address_hash=address_hash(ADDRESS)).exists()

    reader.press(confirm_link(smtp_server))

    assert not Suppression.objects.filter(address_hash=address_hash(ADDRESS)).exists()
    assert list(briefing().receiving_subscribers().values_list("email", flat=True)) == [
        ADDRESS.lower()
    ]
