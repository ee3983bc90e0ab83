"""The demo's newsletter readers and editions: who signed up, one briefing sent, one drafted.

The sent briefing goes through the real send queue: ``newsdesk serve`` sends it
when it starts, and ``make demo`` prints each email in its log (the console
mail backend), so a new user sees newsletters go out with no mail server.
"""

from datetime import timedelta

from django.utils import timezone

from newsdesk.news.models import ArticlePage
from newsdesk.newsletters import briefing, sending
from newsdesk.newsletters.models import (
    Delivery,
    Edition,
    EditionStory,
    Newsletter,
    Subscriber,
    Subscription,
    Suppression,
)

CONFIRMED = Subscriber.Status.CONFIRMED
# (address, status, also takes breaking news alerts): invented readers at reserved domains.
DEMO_READERS = (
    ("ines.okafor@example.org", CONFIRMED, True),
    ("marek.lund@example.org", CONFIRMED, False),
    ("priya.hale@example.net", CONFIRMED, True),
    ("owen.tasker@example.com", CONFIRMED, False),
    ("liesel.brandt@example.net", Subscriber.Status.PENDING, False),
    ("colm.reyes@example.com", Subscriber.Status.UNSUBSCRIBED, False),
    ("dana.whitlow@example.org", Subscriber.Status.BOUNCING, False),
)
SUPPRESSED = {
    Subscriber.Status.UNSUBSCRIBED: Suppression.Reason.UNSUBSCRIBED,
    Subscriber.Status.BOUNCING: Suppression.Reason.BOUNCED,
}
STORIES_EACH = 4
SENT_INTRO = "Good morning. A busy day on the quay, and a decision at the town hall."
DRAFT_INTRO = "Good morning. Here is what happened while you slept."


def add_reader(email, status, alerts, now):
    """One demo reader, with the consent a real sign-up records."""
    signed_up = now - timedelta(days=20)
    reader = Subscriber.objects.create(
        email=email,
        status=status,
        signed_up_at=signed_up,
        signed_up_from="/newsletters/",
        confirmed_at=None if status == Subscriber.Status.PENDING else signed_up,
        confirmed_from="" if status == Subscriber.Status.PENDING else "confirmation link",
        unsubscribed_at=now - timedelta(days=3) if status in SUPPRESSED else None,
        bounced_at=now - timedelta(days=3) if status == Subscriber.Status.BOUNCING else None,
        bounce_reason="550 5.1.1 No such mailbox" if status == Subscriber.Status.BOUNCING else "",
    )
    kinds = [Newsletter.Kind.DAILY_BRIEFING, *([Newsletter.Kind.BREAKING_NEWS] if alerts else [])]
    for newsletter in Newsletter.objects.filter(kind__in=kinds):
        Subscription.objects.create(subscriber=reader, newsletter=newsletter, created_at=signed_up)
    if status in SUPPRESSED:
        Suppression.add(email, SUPPRESSED[status])


def briefing_edition(newsletter, stories, day, intro, now):
    edition = Edition.objects.create(
        newsletter=newsletter,
        subject=briefing.subject_for(newsletter, day),
        intro=intro,
        created_at=now,
    )
    EditionStory.objects.bulk_create(
        EditionStory(edition=edition, story=story, sort_order=order)
        for order, story in enumerate(stories)
    )
    return edition


def ensure_newsletters(now=None):
    """Add the demo's readers and briefings, once: a paper that has them is left alone."""
    now = now or timezone.now()
    if Subscriber.objects.filter(email=DEMO_READERS[0][0]).exists():
        return
    for email, status, alerts in DEMO_READERS:
        add_reader(email, status, alerts, now)
    newsletter = Newsletter.objects.get(kind=Newsletter.Kind.DAILY_BRIEFING)
    stories = list(ArticlePage.objects.published()[: STORIES_EACH * 2])
    if not stories:
        return
    today = timezone.localdate(now)
    yesterday = now - timedelta(days=1)
    sent = briefing_edition(
        newsletter,
        stories[STORIES_EACH:] or stories,
        today - timedelta(days=1),
        SENT_INTRO,
        yesterday,
    )
    # Yesterday's went out yesterday: the demo's first `newsdesk serve` must not mail it.
    sending.queue(sent)
    sent.deliveries.update(status=Delivery.Status.SENT, sent_at=yesterday, attempts=1)
    Edition.objects.filter(pk=sent.pk).update(
        status=Edition.Status.SENT, send_started_at=yesterday, sent_at=yesterday
    )
    briefing_edition(newsletter, stories[:STORIES_EACH], today, DRAFT_INTRO, now)
