from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "newsdesk.caching"
    verbose_name = "Page cache"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
