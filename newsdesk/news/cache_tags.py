"""The page cache's tags for news, and what each change makes stale (docs/caching.md).

``STORIES`` is carried by every page that lists stories (front page, sections,
tags, authors, archives, feeds, sitemaps); ``HEADLINES`` by the "Latest
developments" fragment; ``story:<id>`` by a story's own page and by pages whose
box pins it.

Each kind of change invalidates through one function here. Publishing and
withdrawing go through Wagtail's actions (``SharedPageMixin.invalidation_tags``);
everything written to stories and comments directly reaches these functions
from the models and querysets themselves, so no writer can forget them.
"""

from newsdesk.caching import SITE, has_frontend_cache, invalidate, purge_urls

STORIES = "stories"
HEADLINES = "headlines"


def story_tag(article_id):
    """The tag of the pages that show story ``article_id`` itself."""
    return f"story:{article_id}"


def stories_changed(article_ids):
    """Stories were written to directly, not published through Wagtail: their pages,
    the listings and every "Latest developments" box are stale."""
    if article_ids:
        invalidate(STORIES, HEADLINES, *(story_tag(pk) for pk in article_ids))
        _purge_stories(article_ids)


def discussions_changed(article_ids):
    """Comments readers can see changed on these stories: their pages and the listings'
    comment counts are stale, the "Latest developments" boxes are not."""
    if article_ids:
        invalidate(STORIES, *(story_tag(pk) for pk in article_ids))
        _purge_stories(article_ids)


def batch_imported():
    """An import committed a batch of stories, comments, sections, reporters or pages:
    any page may show them."""
    invalidate(SITE)


def _purge_stories(article_ids):
    if has_frontend_cache():
        from .models import ArticlePage

        purge_urls(story.full_url for story in ArticlePage.objects.filter(pk__in=article_ids))
