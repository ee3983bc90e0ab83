"""Adding and withdrawing corrections and clarifications: the one path for both.

The admin, the demo and any script call these. Each makes the story's page,
the listings and ``/corrections/`` fresh at once, and moves the story's update
time: a correction changes what the story tells readers and what its structured
data says, which is what Google counts as a significant change (the visible
"Updated" time, ``dateModified`` and the sitemap's ``lastmod`` agree on it).
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .models import ArticlePage, Correction


def add(article, *, kind, text, by=None):
    """Add a correction or clarification to ``article``, as of now; returns it."""
    with transaction.atomic():
        now = timezone.now()
        note = Correction.objects.create(
            article=article, kind=kind, text=text, created_at=now, created_by=by
        )
        _story_changed(note, now)
        log(instance=note, action="wagtail.create", user=by)
    return note


def withdraw(correction, *, by=None):
    """Withdraw ``correction``: it stays where it stood, saying when it was withdrawn.

    Withdrawing one already withdrawn changes nothing.
    """
    with transaction.atomic():
        note = Correction.objects.select_for_update().get(pk=correction.pk)
        if note.withdrawn_at is None:
            now = timezone.now()
            note.withdrawn_at, note.withdrawn_by = now, by
            note.save(update_fields=["withdrawn_at", "withdrawn_by"])
            _story_changed(note, now)
            log(instance=note, action="newsdesk.withdraw_correction", user=by)
    return note


def _story_changed(note, when):
    # The queryset's update makes the story, the listings and /corrections/ stale on commit.
    ArticlePage.objects.filter(pk=note.article_id).update(last_updated_at=when)
