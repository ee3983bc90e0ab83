"""The page cache's tags for news, and what each change makes stale (docs/caching.md).

``STORIES`` is carried by every page that lists stories (front page, sections,
tags, authors, archives, feeds, sitemaps); ``HEADLINES`` by the "Latest
developments" fragment; ``story:<id>`` by a story's own page and by pages whose
box pins it.
"""

from newsdesk.caching import has_frontend_cache, invalidate, purge_urls

STORIES = "stories"
HEADLINES = "headlines"


def story_tag(article_id):
    """The tag of the pages that show story ``article_id`` itself."""
    return f"story:{article_id}"


def discussions_changed(article_ids):
    """Comments readers can see changed on these stories: their pages and the listings'
    comment counts are stale, the "Latest developments" boxes are not."""
    invalidate(STORIES, *(story_tag(pk) for pk in article_ids))
    if has_frontend_cache():
        from .models import ArticlePage

        purge_urls(story.full_url for story in ArticlePage.objects.filter(pk__in=article_ids))
