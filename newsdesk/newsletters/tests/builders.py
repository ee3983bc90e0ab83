"""Small builders for the newsletters' tests."""

from newsdesk.news.tests.builders import make_article, make_image
from newsdesk.newsletters.models import Edition, EditionStory, Newsletter, Subscriber, Subscription


def briefing():
    return Newsletter.objects.get(kind=Newsletter.Kind.DAILY_BRIEFING)


def subscriber(email="reader@example.org", status=Subscriber.Status.CONFIRMED, newsletter=None):
    reader = Subscriber.objects.create(email=email, status=status)
    Subscription.objects.create(subscriber=reader, newsletter=newsletter or briefing())
    return reader


def subscribers(count, newsletter=None, domain="example.org"):
    """``count`` confirmed subscribers of ``newsletter``, made in two bulk inserts."""
    newsletter = newsletter or briefing()
    made = Subscriber.objects.bulk_create(
        Subscriber(
            email=f"reader{n}@{domain}",
            address_hash=f"{n:064x}",
            status=Subscriber.Status.CONFIRMED,
        )
        for n in range(count)
    )
    Subscription.objects.bulk_create(
        Subscription(subscriber=reader, newsletter=newsletter) for reader in made
    )
    return made


def edition(newsletter=None, stories=1, subject="Tuesday's briefing", picture=True, **fields):
    """An edition with ``stories`` published stories, the first with a described picture."""
    made = Edition.objects.create(
        newsletter=newsletter or briefing(),
        subject=subject,
        intro=fields.pop("intro", "Good morning. Three things to know before the ferry leaves."),
        **fields,
    )
    for n in range(stories):
        image = None
        if picture and n == 0:
            image = make_image(description="Fishing boats moored at the harbour wall")
        story = make_article(f"Harbour story {made.pk}-{n}", hero_image=image)
        EditionStory.objects.create(edition=made, story=story, sort_order=n)
    return made
