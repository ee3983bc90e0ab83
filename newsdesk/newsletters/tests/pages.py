"""Every newsletter page type a reader can reach, for the validators and the screenshots."""

from django.urls import reverse
from django.utils import timezone

from newsdesk.news.tests.builders import make_article, make_category, make_image
from newsdesk.newsletters import tokens
from newsdesk.newsletters.models import Edition, EditionStory, Subscriber, Subscription

from .readers import briefing


def build_newsletter_pages():
    """A sent edition, a subscriber and a story; returns ``{page name: path}``."""
    newsletter = briefing()
    newsletter.sample = "Good morning. The ferry fares fall today.\n\nThree stories to start with."
    newsletter.save()
    harbour = make_category("Harbour")
    picture = make_image(description="The early ferry leaving the pier", size=(1100, 825))
    story = make_article("Ferry fares fall", category=harbour, tags=["harbour"], hero_image=picture)
    edition = Edition.objects.create(
        newsletter=newsletter,
        subject="Fares fall, and the pier reopens",
        intro="Good morning. Two things to know before you leave.",
        status=Edition.Status.SENT,
        sent_at=timezone.now(),
    )
    EditionStory.objects.create(edition=edition, story=story, sort_order=0)
    subscriber = Subscriber.objects.create(
        email="ida@example.org", status=Subscriber.Status.CONFIRMED
    )
    Subscription.objects.create(subscriber=subscriber, newsletter=newsletter)
    token = {"token": tokens.preferences_token(subscriber)}
    confirm = {"token": tokens.confirmation_token(subscriber, [newsletter.pk])}
    return {
        "story with the sign-up box": story.url,
        "section with the sign-up box": harbour.get_absolute_url(),
        "newsletters": reverse("newsletters:index"),
        "preferences": reverse("newsletters:preferences", kwargs=token),
        "unsubscribe": reverse("newsletters:unsubscribe", kwargs=token),
        "confirm": reverse("newsletters:confirm", kwargs=confirm),
        "archive": newsletter.get_absolute_url(),
        "edition": reverse("newsletters:edition", args=[newsletter.slug, edition.pk]),
    }
