from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "newsdesk.demo"
    label = "newsdesk_demo"
    verbose_name = "Demo content"
