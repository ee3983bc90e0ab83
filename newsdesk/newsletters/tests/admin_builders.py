"""Readers, editions and the composer's form for the newsletters admin's tests."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from newsdesk.newsletters.models import Edition, EditionStory, Newsletter, Subscriber, Subscription


def briefing():
    return Newsletter.objects.get(kind=Newsletter.Kind.DAILY_BRIEFING)


def reader(email, status=Subscriber.Status.CONFIRMED, newsletter=None):
    """A subscriber of ``newsletter`` (the daily briefing unless given)."""
    subscriber = Subscriber.objects.create(email=email, status=status)
    Subscription.objects.create(subscriber=subscriber, newsletter=newsletter or briefing())
    return subscriber


def edition_of(newsletter, subject="Tuesday's briefing", stories=(), **fields):
    edition = Edition.objects.create(newsletter=newsletter, subject=subject, **fields)
    for order, story in enumerate(stories):
        EditionStory.objects.create(edition=edition, story=story, sort_order=order)
    return edition


def composer_form(newsletter, subject, stories, intro=""):
    """What the composer posts: the edition's fields and its stories in order."""
    return nested_form_data(
        {
            "newsletter": newsletter.pk,
            "subject": subject,
            "intro": intro,
            "stories": inline_formset([{"story": story.pk} for story in stories]),
        }
    )
