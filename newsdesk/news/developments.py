"""The "Latest developments" box as a fragment the page cache keeps apart from each story.

Publishing any story changes the box on nearly every story's page. Kept apart,
a publish re-renders one small box per story read afterwards instead of every
story page (see docs/caching.md).
"""

from django.template.loader import render_to_string

from .models.articles import newest_other_stories

FRAGMENT = "latest_developments"
TEMPLATE = "news/includes/latest_developments.html"


def render_box(stories):
    """The box listing ``stories``."""
    return render_to_string(TEMPLATE, {"latest_developments": stories})


def render_newest_box(article_id):
    """The box of a story that pins nothing: the newest stories other than ``article_id``.

    ``article_id`` arrives as text when a kept page is put together again; an
    unsaved story's preview has none.
    """
    article_id = int(article_id) if str(article_id).isdigit() else None
    return render_box(newest_other_stories(article_id))
