"""The public archive of sent editions, their web copies and their feeds."""

from datetime import timedelta

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsdesk.news.tests.builders import make_article, make_category
from newsdesk.newsletters.models import Edition, EditionStory

from .readers import alerts, briefing

pytestmark = pytest.mark.django_db


def edition(newsletter, subject, status=Edition.Status.SENT, days_ago=0, stories=()):
    sent = Edition.objects.create(
        newsletter=newsletter,
        subject=subject,
        intro=f"The editor's note for {subject.lower()}.",
        status=status,
        sent_at=timezone.now() - timedelta(days=days_ago) if status == "sent" else None,
    )
    for order, story in enumerate(stories):
        EditionStory.objects.create(edition=sent, story=story, sort_order=order)
    return sent


def archive_url(newsletter):
    return reverse("newsletters:archive", kwargs={"slug": newsletter.slug})


def test_the_archive_lists_sent_editions_newest_first_and_never_drafts():
    edition(briefing(), "Monday's briefing", days_ago=2)
    edition(briefing(), "Tuesday's briefing", days_ago=1)
    edition(briefing(), "Wednesday's draft", status=Edition.Status.DRAFT)
    edition(alerts(), "An alert")

    page = Client().get(archive_url(briefing()))

    assert page.status_code == 200
    subjects = BeautifulSoup(page.content, "html.parser").select(".edition-subject")
    assert [subject.text for subject in subjects] == ["Tuesday's briefing", "Monday's briefing"]


def test_a_newsletter_whose_archive_is_not_public_has_none():
    briefing_ = briefing()
    sent = edition(briefing_, "Monday's briefing")
    briefing_.archive_public = False
    briefing_.save()
    visitor = Client()

    assert visitor.get(archive_url(briefing_)).status_code == 404
    assert visitor.get(reverse("newsletters:feed", args=[briefing_.slug])).status_code == 404
    assert (
        visitor.get(reverse("newsletters:edition", args=[briefing_.slug, sent.pk])).status_code
        == 404
    )


def test_an_editions_web_copy_shows_its_live_stories_and_not_a_draft():
    harbour = make_category("Harbour")
    kept = make_article("Ferry fares fall", category=harbour)
    withdrawn = make_article("Pier closes", category=harbour)
    sent = edition(briefing(), "Monday's briefing", stories=[kept, withdrawn])
    withdrawn.unpublish()
    draft = edition(briefing(), "Unsent", status=Edition.Status.DRAFT)
    visitor = Client()

    page = visitor.get(reverse("newsletters:edition", args=[briefing().slug, sent.pk]))
    as_emailed = visitor.get(reverse("newsletters:edition_email", args=[briefing().slug, sent.pk]))

    assert page.status_code == 200
    assert b"Ferry fares fall" in page.content
    assert f'href="{kept.url}"'.encode() in page.content, "links on the site stay on its address"
    assert b"Pier closes" not in page.content
    assert b"Ferry fares fall" in as_emailed.content
    assert b"/preferences/" not in as_emailed.content
    assert (
        visitor.get(reverse("newsletters:edition", args=[briefing().slug, draft.pk])).status_code
        == 404
    )


def test_the_feeds_list_the_sent_editions_with_links_to_their_web_copies():
    monday = edition(briefing(), "Monday's briefing", days_ago=1)
    edition(briefing(), "Tuesday's briefing")
    edition(briefing(), "Wednesday's draft", status=Edition.Status.DRAFT)
    visitor = Client()

    for name in ("newsletters:feed", "newsletters:feed_atom"):
        feed = feedparser.parse(visitor.get(reverse(name, args=[briefing().slug])).content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.feed.title == briefing().name
        assert [entry.title for entry in feed.entries] == [
            "Tuesday's briefing",
            "Monday's briefing",
        ]
        assert feed.entries[1].link.endswith(
            reverse("newsletters:edition", args=[briefing().slug, monday.pk])
        )
