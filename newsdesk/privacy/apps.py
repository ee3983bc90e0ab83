from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "newsdesk.privacy"
    verbose_name = "Privacy"
