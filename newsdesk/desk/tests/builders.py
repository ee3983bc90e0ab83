"""Newsroom people and story states for the desk's tests."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from newsdesk.desk.stories import newsroom_review
from newsdesk.news.tests.builders import make_article


def make_member(username, group):
    """A user in one of the newsroom's groups (Reporters, Editors, Moderators)."""
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def draft_by(user, title=None, **fields):
    """A story ``user`` started and has not published."""
    return make_article(title, publish=False, owner=user, **fields)


def submit_for_review(story, user):
    """``user`` sends the story's latest draft to the Newsroom review."""
    return newsroom_review().start(story, user)


def schedule(story, hours_ahead):
    """Approve the story's latest draft to go live ``hours_ahead`` hours from now."""
    story.go_live_at = timezone.now() + timedelta(hours=hours_ahead)
    story.save_revision().publish()
    story.refresh_from_db()
    return story
