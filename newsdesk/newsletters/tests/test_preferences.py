"""A subscriber's own links: choosing newsletters, and unsubscribing at once."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from newsdesk.newsletters import emails, tokens
from newsdesk.newsletters.models import Edition, Subscriber, Subscription, Suppression

from .readers import NewsletterReader, alerts, briefing, links_in

pytestmark = pytest.mark.django_db


def confirmed(email="ida@example.org", newsletters=None):
    reader = Subscriber.objects.create(email=email, status=Subscriber.Status.CONFIRMED)
    for newsletter in newsletters or [briefing()]:
        Subscription.objects.create(subscriber=reader, newsletter=newsletter)
    return reader


def preferences_url(subscriber):
    return reverse(
        "newsletters:preferences", kwargs={"token": tokens.preferences_token(subscriber)}
    )


def unsubscribe_url(subscriber):
    return reverse(
        "newsletters:unsubscribe", kwargs={"token": tokens.preferences_token(subscriber)}
    )


def test_a_subscriber_changes_their_newsletters_without_logging_in():
    subscriber = confirmed()
    reader = NewsletterReader()
    page = reader.soup(preferences_url(subscriber))
    assert "ida@example.org" in page.text
    ticked = page.select("input[type=checkbox][checked]")
    assert [box["value"] for box in ticked] == [str(briefing().pk)]

    saved = reader.client.post(preferences_url(subscriber), {"newsletters": [alerts().pk]})

    assert saved.status_code == 200
    assert b"Saved." in saved.content
    assert list(subscriber.newsletters.all()) == [alerts()]
    assert list(alerts().receiving_subscribers()) == [subscriber]
    assert saved["Cache-Control"].startswith("max-age=0")
    assert saved["Referrer-Policy"] == "no-referrer"


def test_unsubscribing_from_all_stops_everything_and_suppresses_the_address():
    subscriber = confirmed(newsletters=[briefing(), alerts()])

    answer = NewsletterReader().client.post(preferences_url(subscriber), {"unsubscribe": "all"})

    assert b"You are unsubscribed from all" in answer.content
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert subscriber.unsubscribed_at is not None
    assert subscriber.is_suppressed
    assert not briefing().receiving_subscribers().exists()


def test_choosing_again_after_unsubscribing_is_a_new_choice_that_lifts_the_suppression():
    subscriber = confirmed()
    reader = NewsletterReader()
    reader.client.post(preferences_url(subscriber), {"unsubscribe": "all"})

    reader.client.post(preferences_url(subscriber), {"newsletters": [alerts().pk]})

    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"
    assert not subscriber.is_suppressed
    assert list(alerts().receiving_subscribers()) == [subscriber]
    assert not briefing().receiving_subscribers().exists()


def test_a_mail_provider_unsubscribes_with_one_post_and_no_cookie_or_origin():
    subscriber = confirmed()
    provider = Client(enforce_csrf_checks=True)

    answer = provider.post(
        unsubscribe_url(subscriber),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert answer.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert Suppression.objects.filter(address_hash=subscriber.address_hash).exists()
    assert not briefing().receiving_subscribers().exists()


def test_opening_the_unsubscribe_link_only_asks_and_a_press_unsubscribes():
    subscriber = confirmed()
    reader = NewsletterReader()

    page = reader.soup(unsubscribe_url(subscriber))
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed", "link scanners open every link"
    assert page.select_one("form.newsletter-form button").text == "Unsubscribe from all"

    answer = reader.client.post(unsubscribe_url(subscriber))

    assert b"You are unsubscribed" in answer.content
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"


def test_a_preferences_change_posted_from_another_site_is_refused():
    subscriber = confirmed()
    forger = Client(HTTP_SEC_FETCH_SITE="cross-site")

    answer = forger.post(preferences_url(subscriber), {"newsletters": [alerts().pk]})

    assert answer.status_code == 403
    assert list(subscriber.newsletters.all()) == [briefing()]


def test_an_altered_or_erased_subscribers_link_is_not_valid():
    subscriber = confirmed()
    url = preferences_url(subscriber)
    reader = NewsletterReader()
    assert reader.client.get(url[:-3] + "xyz/").status_code == 400

    subscriber.delete()

    assert reader.client.get(url).status_code == 400
    assert Client().post(unsubscribe_url(subscriber)).status_code == 400


def test_an_editions_own_links_unsubscribe_and_reach_the_preferences(smtp_server):
    subscriber = confirmed()
    sent = Edition.objects.create(newsletter=briefing(), subject="Monday's briefing")
    emails.edition_message(sent, subscriber).send()
    (received,) = smtp_server.messages_to("ida@example.org")
    https_link = received.message["List-Unsubscribe"].split(",")[0].strip(" <>")
    assert received.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    preferences = next(link for link in links_in(received) if "/preferences/" in link)
    assert NewsletterReader().open_link(preferences).status_code == 200

    answer = Client(enforce_csrf_checks=True).post(
        urlsplit(https_link).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert answer.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert not briefing().receiving_subscribers().exists()
