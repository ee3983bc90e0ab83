from django.apps import AppConfig
from django.db import transaction


class NewsConfig(AppConfig):
    name = "newsdesk.news"
    verbose_name = "News"

    def ready(self):
        from wagtail.actions.publish_revision import PublishRevisionAction
        from wagtail.actions.unpublish import UnpublishAction
        from wagtail.actions.unpublish_page import UnpublishPageAction

        # Wagtail saves the page (committing it), then runs the page_published
        # receivers (our search re-index) and writes the audit log, each on its
        # own. A failure between them would leave a story half published: live,
        # but unsearchable and unrecorded. One transaction makes it all or nothing.
        for action in (PublishRevisionAction, UnpublishAction, UnpublishPageAction):
            action.execute = transaction.atomic(action.execute)

        from newsdesk.caching import fragments

        from . import developments, signal_handlers
        from .cache_tags import HEADLINES

        fragments.register(developments.FRAGMENT, developments.render_newest_box, (HEADLINES,))
        signal_handlers.connect()
