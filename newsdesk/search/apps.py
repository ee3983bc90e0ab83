from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "newsdesk.search"
    label = "newsdesk_search"
    verbose_name = "Site search"

    def ready(self):
        from wagtail.signals import page_published

        from newsdesk.news.models import ArticlePage

        from .signal_handlers import reindex_published_story

        page_published.connect(reindex_published_story, sender=ArticlePage)
