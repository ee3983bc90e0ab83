from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "newsdesk.news"
    verbose_name = "News"

    def ready(self):
        from newsdesk.caching import fragments
        from newsdesk.core import upstream

        from . import developments, more_from, signal_handlers
        from .cache_tags import HEADLINES

        fragments.register(developments.FRAGMENT, developments.render_newest_box, (HEADLINES,))
        fragments.register(more_from.FRAGMENT, more_from.render_box, (HEADLINES,))
        signal_handlers.connect()
        # A story is live, searchable and recorded at once, or not at all.
        upstream.make_publishing_atomic()
