"""Keeping the search index in step with the stories readers see."""

from django.db import transaction
from wagtail.search import index

from newsdesk.news.models import ArticlePage


def reindex_published_story(sender, instance, **kwargs):
    """Index a story again once it is published with its tags and bylines.

    Wagtail indexes a page while saving it, a moment before the page's tags and
    bylines (its modelcluster children) are written: without this, a publish that
    changes them would leave the index a version behind.
    """
    index.insert_or_update_object(instance)


def _reindex(story_ids):
    for story in ArticlePage.objects.filter(pk__in=story_ids).specific().iterator():
        index.insert_or_update_object(story)


def _story_ids(instance, link):
    return list(ArticlePage.objects.filter(**{link: instance}).values_list("pk", flat=True))


def reindex_stories_when_renamed(link):
    """A ``post_save`` receiver re-indexing the stories joined to the saved object by ``link``.

    Each story's index entry holds its bylines' and tags' names, so renaming a
    reporter or a tag must rewrite the entries of their stories.
    """

    def receiver(sender, instance, created=False, raw=False, **kwargs):
        if not created and not raw:
            _reindex(_story_ids(instance, link))

    return receiver


def reindex_stories_when_deleted(link):
    """A ``pre_delete`` receiver re-indexing the affected stories once the deletion commits."""

    def receiver(sender, instance, **kwargs):
        story_ids = _story_ids(instance, link)
        if story_ids:
            transaction.on_commit(lambda: _reindex(story_ids))

    return receiver
