from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "newsdesk.backups"
    verbose_name = "Backups"
