from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    verbose_name = "Site"

    def ready(self):
        from django.db.models.signals import post_migrate, post_save
        from django.urls import register_converter
        from wagtail.models import Site
        from wagtail.signals import page_published

        from . import pictures, signal_handlers
        from .converters import DatabaseIdConverter
        from .models import NewsImage

        register_converter(DatabaseIdConverter, "id")
        post_migrate.connect(signal_handlers.settings_for_every_site, sender=self)
        post_save.connect(
            signal_handlers.settings_for_new_site,
            sender=Site,
            dispatch_uid="newsdesk-core-site-settings",
        )
        page_published.connect(
            pictures.prepare_published_page, dispatch_uid="newsdesk-core-pictures-published"
        )
        post_save.connect(
            pictures.develop_new_upload, sender=NewsImage, dispatch_uid="newsdesk-core-upload"
        )
