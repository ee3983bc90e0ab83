"""An edition's way from draft to sent, apart from the sending itself (``sending.py``).

An edition can be changed while it is a draft or scheduled; once it is being
sent or has been sent, what subscribers received stays as it was.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import Edition

EDITABLE = (Edition.Status.DRAFT, Edition.Status.SCHEDULED)
ALREADY_SENT = _("This edition has gone out, so it can no longer be changed.")


class NotEditable(Exception):
    """The edition is being sent or was sent."""


def is_editable(edition):
    return edition.status in EDITABLE


def lock_editable(edition):
    """Lock ``edition``'s row for a change (in a transaction); ``NotEditable`` once sent."""
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if not is_editable(locked):
        raise NotEditable(ALREADY_SENT)
    return locked


def schedule(edition, when):
    """Have ``edition`` sent at ``when`` (the scheduler queues it then); returns it."""
    with transaction.atomic():
        locked = lock_editable(edition)
        locked.status, locked.scheduled_for = Edition.Status.SCHEDULED, when
        locked.save(update_fields=["status", "scheduled_for"])
    return locked


def unschedule(edition):
    """Take ``edition`` off the schedule: a draft again, sent only when someone says so."""
    with transaction.atomic():
        locked = lock_editable(edition)
        locked.status, locked.scheduled_for = Edition.Status.DRAFT, None
        locked.save(update_fields=["status", "scheduled_for"])
    return locked


def waiting_drafts():
    """Drafted editions no one has scheduled or sent yet, oldest first."""
    return (
        Edition.objects.filter(status=Edition.Status.DRAFT)
        .select_related("newsletter")
        .order_by("created_at", "pk")
    )
