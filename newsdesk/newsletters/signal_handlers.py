"""A new top-level section gets its weekly newsletter, off until an editor turns it on."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from newsdesk.news.models import Category

from . import defaults
from .models import Newsletter


@receiver(post_save, sender=Category, dispatch_uid="newsletters_section_weekly")
def give_new_section_a_weekly(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        defaults.ensure_weekly(Newsletter, instance)
