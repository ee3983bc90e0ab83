from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The editors' desk: the dashboard, the story list and the newsroom's review workflow."""

    name = "newsdesk.desk"
    verbose_name = _("Editors' desk")
