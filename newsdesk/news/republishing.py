"""Publishing a story again: a minor fix readers are not told of, or an update they are.

The editor says which in the story's form; the choice travels in the revision,
so a republish the scheduler makes later is read the same way. The time of the
last update is the moment the update went live, whoever published it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Republishing(models.TextChoices):
    MINOR_FIX = "minor_fix", _("Minor fix: readers see no “Updated” time")
    UPDATE = "update", _("Update: readers see “Updated” with the time, and the update note")


def update_went_live(sender, instance, revision, **kwargs):
    """Receiver of ``page_published``: date a story's update at the moment it went live.

    A first publication is no update; a minor fix (or no choice) leaves the time
    where it was. Written to the row with the queryset's ``update``, which makes
    the story's pages stale on commit like any direct write to stories.
    """
    first, now = instance.first_published_at, instance.last_published_at
    if instance.republished_as != Republishing.UPDATE or not first or not now or now <= first:
        return
    instance.last_updated_at = now
    type(instance).objects.filter(pk=instance.pk).update(last_updated_at=now)
