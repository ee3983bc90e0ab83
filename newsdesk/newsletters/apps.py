from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    """The paper's newsletters: who signed up, what was sent, and the queue that sends it."""

    name = "newsdesk.newsletters"
    verbose_name = _("Newsletters")

    def ready(self):
        from . import signal_handlers  # noqa: F401
