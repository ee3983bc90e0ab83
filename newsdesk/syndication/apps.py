from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "newsdesk.syndication"
    # Explicit, so it can never collide with django.contrib.syndication's label.
    label = "newsdesk_syndication"
    verbose_name = "Feeds, sitemaps and structured data"
