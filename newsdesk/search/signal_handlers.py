"""Keeping the search index in step with the stories readers see."""

from wagtail.search import index


def reindex_published_story(sender, instance, **kwargs):
    """Index a story again once it is published with its tags and bylines.

    Wagtail indexes a page while saving it, a moment before the page's tags and
    bylines (its modelcluster children) are written: without this, a publish that
    changes them would leave the index a version behind.
    """
    index.insert_or_update_object(instance)
