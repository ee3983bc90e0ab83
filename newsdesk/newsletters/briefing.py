"""The daily briefing, drafted by the scheduler each morning from the stories since the last one.

After ``NEWSDESK_DAILY_BRIEFING_AT`` (site time) the scheduler drafts one edition
a day: the stories published since the previous briefing (at most a day's
worth), in the front page's order. It waits in the admin for an editor, or goes
out at once if the newsletter sends without review. No story, no edition.
"""

import datetime
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from newsdesk.news.models import ArticlePage, HomePage

from . import sending
from .models import Edition, EditionStory, Newsletter

# A briefing is read in a few minutes: the first stories in the front page's order.
MOST_STORIES = 12
LONGEST_GAP = timedelta(hours=24)
# How often the scheduler asks whether the briefing is due; asking is one query.
CHECK_EVERY = timedelta(minutes=5)


def drafting_time():
    """``NEWSDESK_DAILY_BRIEFING_AT`` as a time of day."""
    value = settings.NEWSDESK_DAILY_BRIEFING_AT
    try:
        return datetime.datetime.strptime(value, "%H:%M").time()
    except ValueError as error:
        raise ImproperlyConfigured(
            f"NEWSDESK_DAILY_BRIEFING_AT must be a time such as 06:00, not {value!r}."
        ) from error


def in_front_page_order(stories):
    """``stories`` as the front page shows them: the editor's picks first, then newest first."""
    front = HomePage.objects.first()
    picked = [pick.article_id for pick in front.picks.all()] if front else []
    rank = {story_id: place for place, story_id in enumerate(picked)}
    newest_first = sorted(stories, key=lambda s: (s.first_published_at, s.pk), reverse=True)
    return sorted(newest_first, key=lambda s: rank.get(s.pk, len(rank)))


def subject_for(newsletter, day):
    return f"{newsletter.name}: {date_format(day, 'l j F')}"


def draft_daily_briefing(now=None):
    """Draft today's briefing if it is due and not drafted yet; returns it, or ``None``.

    Today's briefing exists once any edition of the briefing was made today,
    by the scheduler or an editor: never two in a day.
    """
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.time() < drafting_time():
        return None
    newsletter = Newsletter.objects.filter(
        kind=Newsletter.Kind.DAILY_BRIEFING, is_active=True
    ).first()
    if newsletter is None:
        return None
    start_of_day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    with transaction.atomic():
        Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        editions = newsletter.editions.order_by("-created_at")
        if editions.filter(created_at__gte=start_of_day).exists():
            return None
        last = editions.values_list("created_at", flat=True).first()
        since = max(last or now - LONGEST_GAP, now - LONGEST_GAP)
        stories = ArticlePage.objects.published().filter(
            first_published_at__gt=since, first_published_at__lte=now
        )
        chosen = in_front_page_order(stories)[:MOST_STORIES]
        if not chosen:
            return None
        edition = Edition.objects.create(
            newsletter=newsletter, subject=subject_for(newsletter, local.date()), created_at=now
        )
        EditionStory.objects.bulk_create(
            EditionStory(edition=edition, story=story, sort_order=order)
            for order, story in enumerate(chosen)
        )
    if newsletter.sends_automatically:
        sending.queue(edition)
    return edition


def daily_briefing_job():
    """The scheduler's periodic job: draft (and perhaps send) the briefing when due."""
    draft_daily_briefing()
