"""Changes that alter pages, wired once: publishing, settings and the site itself.

What a page's publish invalidates is the page's own business
(``SharedPageMixin.invalidation_tags``); anything this app cannot tell apart
(a deleted or moved page, a setting, the site's address) invalidates every page.
Every page deletion, however many pages and by whatever path, ends in
treebeard's queryset ``delete``, which says so once (``nodes_deleted``).
"""

from django.db.models.signals import post_delete, post_save
from treebeard.mp_tree import nodes_deleted
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import SITE, invalidate, purge_urls
from .pages import SharedPageMixin
from .priming import prime_published


def page_changed(sender, instance, **kwargs):
    """A page was published or withdrawn: whatever shows it is stale."""
    if isinstance(instance, SharedPageMixin):
        invalidate(*instance.invalidation_tags())
        purge_urls([instance.full_url, *instance.purge_urls()])
    else:
        invalidate(SITE)
        purge_urls([instance.full_url])


def everything_changed(sender, raw=False, **kwargs):
    """A setting, the site, a page's place or its privacy changed: any page may show it."""
    if not raw:
        invalidate(SITE)


def _is_setting(model):
    return issubclass(model, BaseSiteSetting | BaseGenericSetting)


def connect():
    """Wire the receivers; called once from ``CachingConfig.ready``."""
    from django.apps import apps

    page_published.connect(page_changed, dispatch_uid="newsdesk-cache-published")
    # After the invalidation, so that on commit the pages are primed once it has run.
    page_published.connect(prime_published, dispatch_uid="newsdesk-cache-prime")
    page_unpublished.connect(page_changed, dispatch_uid="newsdesk-cache-unpublished")
    post_page_move.connect(everything_changed, dispatch_uid="newsdesk-cache-moved")
    nodes_deleted.connect(everything_changed, dispatch_uid="newsdesk-cache-pages-deleted")
    models = [Site, PageViewRestriction, *filter(_is_setting, apps.get_models())]
    for model in models:
        uid = f"newsdesk-cache-{model._meta.label}"
        post_save.connect(everything_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(everything_changed, sender=model, dispatch_uid=f"{uid}-deleted")
