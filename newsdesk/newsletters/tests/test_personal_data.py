"""A subscriber's personal data through the privacy tools: export, erasure, IP retention."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from newsdesk.newsletters.models import Subscriber, Subscription, Suppression, address_hash
from newsdesk.privacy.retention import clear_old_ip_addresses
from newsdesk.privacy.tests.builders import make_staff

from .readers import alerts, briefing

pytestmark = pytest.mark.django_db


def subscriber(email="ida@example.org", signed_up_days_ago=0):
    when = timezone.now() - timedelta(days=signed_up_days_ago)
    reader = Subscriber.objects.create(
        email=email,
        status=Subscriber.Status.CONFIRMED,
        signed_up_at=when,
        signed_up_from="/news/ferry-fares-fall/",
        ip_address="198.51.100.7",
        client_network="198.51.100.0/24",
        confirmed_at=when,
        confirmed_from="198.51.100.8",
    )
    for newsletter in (briefing(), alerts()):
        Subscription.objects.create(subscriber=reader, newsletter=newsletter)
    return reader


def privacy(*args):
    out = StringIO()
    call_command("privacy", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_an_export_holds_the_subscription_and_its_consent():
    subscriber()

    export = json.loads(privacy("export", "Ida@Example.org"))

    record = export["newsletter_subscriber"]
    assert record["email"] == "ida@example.org"
    assert record["status"] == "confirmed"
    assert record["consent"]["signed_up_from"] == "/news/ferry-fares-fall/"
    assert record["consent"]["ip_address"] == "198.51.100.7"
    assert record["consent"]["confirmed_from"] == "198.51.100.8"
    assert [s["newsletter"] for s in record["subscriptions"]] == [briefing().name, alerts().name]


def test_an_erased_subscriber_is_gone_and_never_mailed_again():
    subscriber()

    said = privacy("erase", "IDA@example.org")

    assert "Deleted the newsletter subscriber" in said
    assert not Subscriber.objects.exists()
    assert not Subscription.objects.exists()
    assert Suppression.objects.filter(address_hash=address_hash("ida@example.org")).exists()
    assert json.loads(privacy("export", "ida@example.org"))["newsletter_subscriber"] is None


def test_sign_up_addresses_are_cleared_after_the_comments_retention(settings):
    settings.NEWSDESK_COMMENTS_IP_RETENTION_DAYS = 30
    old = subscriber("old@example.org", signed_up_days_ago=31)
    recent = subscriber("new@example.org", signed_up_days_ago=29)

    clear_old_ip_addresses()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.client_network, old.confirmed_from) == (None, "", "")
    assert old.signed_up_from == "/news/ferry-fares-fall/", "the consent's page stays"
    assert recent.ip_address == "198.51.100.7"


def test_the_privacy_requests_page_exports_and_erases_a_subscriber(django_user_model):
    subscriber()
    _moderator, client = make_staff(django_user_model, "change_comment")

    exported = client.post(reverse("privacy:export"), {"email": "ida@example.org"})
    asked = client.post(reverse("privacy:erase"), {"email": "ida@example.org"})
    erased = client.post(reverse("privacy:erase"), {"email": "ida@example.org", "confirm": "True"})

    assert json.loads(exported.content)["newsletter_subscriber"]["status"] == "confirmed"
    assert b"also a newsletter subscriber" in asked.content
    assert erased.status_code == 302
    message = " ".join(str(m) for m in get_messages(erased.wsgi_request))
    assert "newsletter subscription is deleted" in message
    assert not Subscriber.objects.exists()
