"""Keeping kept pages true to the comments readers can see."""

from django.db.models.signals import post_delete, post_save

from newsdesk.news.cache_tags import discussions_changed

from .models import Comment


def comment_saved(sender, instance, created=False, raw=False, **kwargs):
    """An approved comment arrived, or a comment was edited: its story's pages are stale.

    A new comment held for moderation changes nothing anyone else sees, so a
    flood of them leaves the story's kept page alone.
    """
    if raw or (created and instance.status != Comment.Status.APPROVED):
        return
    discussions_changed({instance.article_id})


def comment_deleted(sender, instance, **kwargs):
    discussions_changed({instance.article_id})


def connect():
    """Wire the receivers; called once from ``CommentsConfig.ready``."""
    post_save.connect(comment_saved, sender=Comment, dispatch_uid="newsdesk-comment-saved")
    post_delete.connect(comment_deleted, sender=Comment, dispatch_uid="newsdesk-comment-deleted")
