"""The page cache's tag for a story's live coverage, and what an update makes stale.

``live:<id>`` is carried by the story's page, its update check and the listings
that show its card with the time of its latest update (docs/caching.md): a posted,
edited, pinned or withdrawn update makes only those fresh, and no other page.
"""

from django.urls import reverse

from newsdesk.caching import has_frontend_cache, invalidate, purge_urls


def live_tag(story_id):
    """The tag of the pages that show story ``story_id``'s live updates."""
    return f"live:{story_id}"


def coverage_changed(story):
    """The story's live coverage or updates changed: its page and update check are stale."""
    invalidate(live_tag(story.pk))
    if has_frontend_cache():
        root = story.get_site().root_url
        purge_urls([story.full_url, root + reverse("live:updates", args=[story.pk])])
