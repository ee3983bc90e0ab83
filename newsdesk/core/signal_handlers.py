"""Rows every site needs, made when the database is migrated or a site is added.

Wagtail makes a site's settings row the first time a page reads it, which would
make a reader's request write (and, through the page cache's receivers, empty
every cached page). Here they exist before any reader comes.
"""

from django.apps import apps as installed_apps
from wagtail.contrib.settings.models import BaseSiteSetting


def site_setting_models():
    """Every installed model of settings kept per site."""
    return [model for model in installed_apps.get_models() if issubclass(model, BaseSiteSetting)]


def settings_for_every_site(sender, apps=installed_apps, using="default", **kwargs):
    """After ``migrate``: each site gets its row of every site setting, defaults in it.

    Uses the migrated state's models (``apps``), so a migration back to before a
    setting's table existed skips that setting.
    """
    try:
        site_ids = list(
            apps.get_model("wagtailcore", "Site").objects.using(using).values_list("pk")
        )
    except LookupError:
        return
    for model in site_setting_models():
        try:
            setting = apps.get_model(model._meta.label)
        except LookupError:
            continue
        for (site_id,) in site_ids:
            setting.objects.using(using).get_or_create(site_id=site_id)


def settings_for_new_site(sender, instance, created, raw=False, **kwargs):
    """A site added later gets its settings rows at once, with their defaults."""
    if created and not raw:
        for model in site_setting_models():
            model.objects.get_or_create(site=instance)
