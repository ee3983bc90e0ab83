from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "newsdesk.comments"
    verbose_name = "Comments"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
