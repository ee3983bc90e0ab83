from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    verbose_name = "Site"

    def ready(self):
        from django.urls import register_converter

        from .converters import DatabaseIdConverter

        register_converter(DatabaseIdConverter, "id")
