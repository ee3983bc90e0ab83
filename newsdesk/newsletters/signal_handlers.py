"""A new top-level section gets its weekly newsletter, off until an editor turns it on;
a newsletter changed changes the sign-up box on every kept story and section page."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsdesk.caching.signal_handlers import everything_changed
from newsdesk.news.models import Category

from . import defaults
from .models import Newsletter


@receiver(post_save, sender=Category, dispatch_uid="newsletters_section_weekly")
def give_new_section_a_weekly(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        defaults.ensure_weekly(Newsletter, instance)


# The box lists every newsletter offered: a rare change that shows on every page.
post_save.connect(everything_changed, sender=Newsletter, dispatch_uid="newsletters_box_saved")
post_delete.connect(everything_changed, sender=Newsletter, dispatch_uid="newsletters_box_deleted")
