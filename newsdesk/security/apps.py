from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "newsdesk.security"
    verbose_name = "Security"
