import pytest

from newsdesk.news.models import Category
from newsdesk.newsletters import defaults, tokens
from newsdesk.newsletters.models import (
    Newsletter,
    Subscriber,
    Subscription,
    Suppression,
)

pytestmark = pytest.mark.django_db


def subscriber(email="reader@example.org", status=Subscriber.Status.CONFIRMED, newsletter=None):
    reader = Subscriber.objects.create(email=email, status=status)
    newsletter = newsletter or Newsletter.objects.get(kind=Newsletter.Kind.DAILY_BRIEFING)
    Subscription.objects.create(subscriber=reader, newsletter=newsletter)
    return reader


def test_the_paper_starts_with_a_daily_briefing_and_breaking_alerts_offered():
    offered = [newsletter.kind for newsletter in Newsletter.objects.offered()]
    assert offered[:2] == [Newsletter.Kind.DAILY_BRIEFING, Newsletter.Kind.BREAKING_NEWS]


def test_a_new_section_gets_a_weekly_that_is_off_until_an_editor_turns_it_on():
    sport = Category.objects.create(name="Sport", slug="sport")
    Category.objects.create(name="Football", slug="football", parent=sport)

    weekly = Newsletter.objects.get(section=sport)
    assert (weekly.name, weekly.kind, weekly.is_active) == ("Sport Weekly", "section_weekly", False)
    assert not Newsletter.objects.filter(section__slug="football").exists()
    assert not Newsletter.objects.filter(section__slug=Category.UNCATEGORIZED_SLUG).exists()


def test_making_the_defaults_again_changes_no_newsletter_an_editor_edited():
    briefing = Newsletter.objects.get(kind=Newsletter.Kind.DAILY_BRIEFING)
    briefing.name = "Morning Edition"
    briefing.save()

    defaults.ensure_defaults(Newsletter, Category)

    assert Newsletter.objects.get(kind=Newsletter.Kind.DAILY_BRIEFING).name == "Morning Edition"


def test_an_address_typed_with_capitals_is_the_same_subscriber():
    subscriber(" Reader@Example.ORG ")

    assert Subscriber.objects.with_address("reader@example.org").count() == 1


def test_a_suppressed_address_receives_nothing_even_if_confirmed_again():
    briefing = Newsletter.objects.get(kind=Newsletter.Kind.DAILY_BRIEFING)
    subscriber("kept@example.org")
    subscriber("gone@example.org")
    Suppression.add("GONE@example.org", Suppression.Reason.UNSUBSCRIBED)

    receiving = [reader.email for reader in briefing.receiving_subscribers()]
    assert receiving == ["kept@example.org"]


def test_a_confirmation_link_names_the_chosen_newsletters_and_expires():
    reader = subscriber(status=Subscriber.Status.PENDING)
    token = tokens.confirmation_token(reader, [3, 1])

    assert tokens.read_confirmation(token) == (reader, [1, 3])
    with pytest.raises(tokens.BadLink) as expired:
        tokens.read_confirmation(token, max_age=-1)
    assert expired.value.expired


def test_a_preferences_link_stops_working_once_the_address_changes():
    reader = subscriber()
    token = tokens.preferences_token(reader)
    assert tokens.read_preferences(token) == reader

    reader.email = "new@example.org"
    reader.save()
    with pytest.raises(tokens.BadLink):
        tokens.read_preferences(token)
    with pytest.raises(tokens.BadLink):
        tokens.read_preferences(token[:-2] + "xx")
