from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "newsdesk.search"
    label = "newsdesk_search"
    verbose_name = "Site search"

    def ready(self):
        from django.db.models.signals import post_save, pre_delete
        from taggit.models import Tag
        from wagtail.signals import page_published

        from newsdesk.news.models import ArticlePage, Author

        from . import signal_handlers

        page_published.connect(signal_handlers.reindex_published_story, sender=ArticlePage)
        for model, link in ((Author, "bylines__author"), (Tag, "tagged_items__tag")):
            post_save.connect(
                signal_handlers.reindex_stories_when_renamed(link),
                sender=model,
                weak=False,
                dispatch_uid=f"newsdesk_search_renamed_{model._meta.label}",
            )
            pre_delete.connect(
                signal_handlers.reindex_stories_when_deleted(link),
                sender=model,
                weak=False,
                dispatch_uid=f"newsdesk_search_deleted_{model._meta.label}",
            )
