"""The scheduler drafts the daily briefing once a day, in the front page's order."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from newsdesk.core.scheduler import periodic_jobs, run_due_jobs
from newsdesk.news.models import FrontPagePick, HomePage
from newsdesk.news.tests.builders import make_article
from newsdesk.newsletters import briefing
from newsdesk.newsletters.models import Delivery, Edition

from .admin_builders import briefing as daily_briefing
from .admin_builders import reader

pytestmark = pytest.mark.django_db


def at(hour, minute=0, days=0):
    """Today at ``hour``:``minute`` in the site's time zone, ``days`` later."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def published(title, when):
    return make_article(title, published_at=when)


def test_the_briefing_is_drafted_after_its_time_once_a_day_in_front_page_order(settings):
    settings.NEWSDESK_DAILY_BRIEFING_AT = "06:30"
    published("Old news", at(4, days=-2))
    early = published("Dawn ferry cancelled", at(5))
    late = published("Council meets tonight", at(5, 30))
    picked = published("Harbour plan approved", at(4))
    FrontPagePick.objects.create(page=HomePage.objects.get(), article=picked, sort_order=0)

    assert briefing.draft_daily_briefing(now=at(6, 29)) is None
    edition = briefing.draft_daily_briefing(now=at(6, 31))
    again = briefing.draft_daily_briefing(now=at(9))

    assert again is None
    assert Edition.objects.filter(newsletter=daily_briefing()).count() == 1
    assert [s.story for s in edition.stories.all()] == [picked, late, early]
    assert edition.subject == f"The Daily Briefing: {at(7):%A} {at(7).day} {at(7):%B}"
    assert edition.status == Edition.Status.DRAFT
    assert not edition.deliveries.exists()


def test_the_next_briefing_takes_only_what_was_published_since_the_last(settings):
    settings.NEWSDESK_DAILY_BRIEFING_AT = "06:00"
    published("Yesterday's story", at(5, days=-1))
    briefing.draft_daily_briefing(now=at(6, 5, days=-1))
    published("Tonight's story", at(22, days=-1))

    edition = briefing.draft_daily_briefing(now=at(6, 5))

    assert [s.story.title for s in edition.stories.all()] == ["Tonight's story"]


def test_no_story_no_briefing():
    published("A week ago", at(5, days=-7))

    assert briefing.draft_daily_briefing(now=at(7)) is None
    assert not Edition.objects.exists()


def test_a_briefing_set_to_send_without_review_goes_to_its_subscribers_at_once():
    newsletter = daily_briefing()
    newsletter.sends_automatically = True
    newsletter.save()
    subscriber = reader("early@example.org")
    published("Overnight storm damage", at(3))

    edition = briefing.draft_daily_briefing(now=at(7))

    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENDING
    assert [d.subscriber for d in Delivery.objects.filter(edition=edition)] == [subscriber]


def test_the_scheduler_runs_the_briefing_job(settings):
    settings.NEWSDESK_DAILY_BRIEFING_AT = "00:00"
    published("Just in", timezone.now() - timedelta(minutes=1))
    jobs = [job for job in periodic_jobs() if job[1] is briefing.daily_briefing_job]

    run_due_jobs(jobs, still_ours=lambda: True)

    assert [job[0] for job in jobs] == [briefing.CHECK_EVERY]
    assert Edition.objects.get(newsletter=daily_briefing()).stories.count() == 1


def test_a_mistyped_briefing_time_is_named_in_the_error(settings):
    settings.NEWSDESK_DAILY_BRIEFING_AT = "6am"

    with pytest.raises(ImproperlyConfigured, match="NEWSDESK_DAILY_BRIEFING_AT must be a time"):
        briefing.draft_daily_briefing()
