from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    verbose_name = "Site"

    def ready(self):
        from django.db.models.signals import post_migrate, post_save
        from django.urls import register_converter
        from wagtail.models import Site

        from . import signal_handlers
        from .converters import DatabaseIdConverter

        register_converter(DatabaseIdConverter, "id")
        post_migrate.connect(signal_handlers.settings_for_every_site, sender=self)
        post_save.connect(
            signal_handlers.settings_for_new_site,
            sender=Site,
            dispatch_uid="newsdesk-core-site-settings",
        )
