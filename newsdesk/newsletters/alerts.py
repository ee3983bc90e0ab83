"""Breaking news alerts: one published story, one short email, one confirmation away."""

from django.db import transaction

from .models import Edition, EditionStory, Newsletter


def draft_alert(story, user=None):
    """The draft Breaking News Alerts edition carrying ``story``, made if there is none yet.

    Asking twice gives the same draft, so a double click or a reload never
    makes a second alert.
    """
    newsletter = Newsletter.objects.get(kind=Newsletter.Kind.BREAKING_NEWS)
    with transaction.atomic():
        Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        drafted = Edition.objects.filter(
            newsletter=newsletter, status=Edition.Status.DRAFT, stories__story=story
        ).first()
        if drafted is not None:
            return drafted
        edition = Edition.objects.create(
            newsletter=newsletter, subject=story.title, created_by=user
        )
        EditionStory.objects.create(edition=edition, story=story, sort_order=0)
    return edition
