"""What the page cache must forget when the newsroom's filing changes."""

from django.db.models.signals import post_delete, post_save
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.signals import page_published

from newsdesk.caching import SITE, invalidate

from . import checks
from .models import ArticlePage, Author, Category
from .republishing import update_went_live


def filing_changed(sender, raw=False, **kwargs):
    """A section, reporter, tag or picture changed: it may be named on any page.

    Sections are in every page's masthead; reporters, tags and pictures on many
    stories and listings. These edits are rare, so every page is made stale.
    """
    if not raw:
        invalidate(SITE)


def picture_changed(sender, created=False, raw=False, **kwargs):
    """An edited or deleted picture; a new one is on no page yet."""
    if not (created or raw):
        invalidate(SITE)


def release_held_story(sender, instance, **kwargs):
    """A held story published or scheduled again is held no longer."""
    checks.release(instance)


def connect():
    """Wire the receivers; called once from ``NewsConfig.ready``."""
    for model in (Category, Author, Tag):
        uid = f"newsdesk-news-cache-{model._meta.label}"
        post_save.connect(filing_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(filing_changed, sender=model, dispatch_uid=f"{uid}-deleted")
    page_published.connect(
        update_went_live, sender=ArticlePage, dispatch_uid="newsdesk-news-update-went-live"
    )
    page_published.connect(release_held_story, sender=ArticlePage, dispatch_uid="newsdesk-held")
    image = get_image_model()
    post_save.connect(picture_changed, sender=image, dispatch_uid="newsdesk-news-cache-picture")
    post_delete.connect(picture_changed, sender=image, dispatch_uid="newsdesk-news-cache-pic-d")
