"""The "More from <section>" box at the end of a story, kept apart from the story's page.

Like "Latest developments" (see ``developments``), it changes whenever a story is
published in the section, so the page cache keeps it as a fragment under the
same ``HEADLINES`` tag rather than emptying every story page on each publish.
"""

from django.template.loader import render_to_string

from .models.articles import newest_in_section

FRAGMENT = "more_from_section"
TEMPLATE = "news/includes/more_from_section.html"


def variant(article):
    """The fragment's variant for ``article``: its id and its section's, as ``"id-section"``."""
    return f"{article.pk or ''}-{article.category_id}"


def render_box(variant):
    """The box for a variant made by ``variant``; empty when the section has no other story.

    The variant arrives as text when a kept page is put together again; an unsaved
    story's preview has no id of its own.
    """
    article_id, _dash, category_id = str(variant).partition("-")
    if not category_id.isdigit():
        return ""
    article_id = int(article_id) if article_id.isdigit() else None
    stories = newest_in_section(int(category_id), article_id)
    if not stories:
        return ""
    return render_to_string(TEMPLATE, {"section": stories[0].category, "stories": stories})
