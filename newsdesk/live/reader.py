"""What a reader sees of live coverage: the story's stream, its key events, and its cards."""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse

from newsdesk.news.listing import listing_page

from .models import UPDATES_PER_PAGE, LiveCoverage, LiveUpdate


@dataclass
class KeyEvent:
    """A key event in the list atop the story, and where its link goes."""

    update: LiveUpdate
    href: str


@dataclass
class LiveStream:
    """A live story's coverage as its page shows it: one page of updates and the key events."""

    coverage: LiveCoverage
    updates: object
    key_events: list
    check_url: str
    check_seconds: int

    @property
    def is_running(self):
        return self.coverage.is_running

    @property
    def checks_for_updates(self):
        """Only the first page of a running story takes new updates as they come."""
        return self.is_running and self.updates.number == 1


def stream_of(story, page_number):
    """The live stream of ``story`` at ``page_number`` (a query parameter), or None if never live.

    A page number past the last, below one or not a number is a 404, as on listings.
    """
    # The story's own relation, which its structured data reads too: one query for both.
    if story.pk is None:
        return None
    try:
        coverage = story.live_coverage
    except LiveCoverage.DoesNotExist:
        return None
    updates = LiveUpdate.objects.filter(story_id=story.pk)
    page = listing_page(Paginator(updates.for_readers(), UPDATES_PER_PAGE), page_number)
    page.object_list = list(page.object_list)
    shown = {update.pk for update in page.object_list}
    return LiveStream(
        coverage=coverage,
        updates=page,
        # An event on another page of updates is reached through its shareable address.
        key_events=[
            KeyEvent(event, f"#update-{event.pk}" if event.pk in shown else event.share_url())
            for event in updates.key_events()
        ],
        check_url=reverse("live:updates", args=[story.pk]),
        check_seconds=getattr(settings, "NEWSDESK_LIVE_CHECK_SECONDS", 15),
    )


def with_live_state(stories):
    """Give story cards ``live_running`` and ``live_latest`` (the latest update's time), in
    the listing's own query."""
    running = LiveCoverage.objects.filter(story=OuterRef("pk"), ended_at__isnull=True)
    latest = (
        LiveUpdate.objects.filter(story=OuterRef("pk"), withdrawn_at__isnull=True)
        .order_by("-posted_at")
        .values("posted_at")[:1]
    )
    return stories.annotate(live_running=Exists(running), live_latest=Subquery(latest))
