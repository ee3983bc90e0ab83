"""The dashboard's desk: "New story", then the newsroom's day at a glance.

One component so that its boxes sit side by side in a grid. Each box is one or
two small queries (see ``stories.py``), whatever the size of the paper.
"""

from django.forms import Media
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import policy_registry

from newsdesk.comments.models import Comment
from newsdesk.comments.viewsets import pending_count

from . import stories

# The admin's address of the comment moderation queue, which opens on Pending.
MODERATION_QUEUE = "wagtailsnippets_comments_comment:list"
STORY_LIST = "stories:index"


def held_by_checks():
    """Scheduled stories that the pre-publish checks held back: (story, due, reason) triples.

    Each function registered with the ``newsdesk_held_stories`` hook returns such triples.
    """
    return [held for find in hooks.get_hooks("newsdesk_held_stories") for held in find()]


def can_moderate(user):
    """Whether ``user`` may open the comment moderation queue."""
    return policy_registry.get_by_type(Comment).user_has_any_permission(
        user, {"change", "delete", "view"}
    )


class DeskPanel(Component):
    name = "newsroom_desk"
    template_name = "desk/panels/desk.html"
    # Before Wagtail's own panels: this is what an editor opens the admin for.
    order = 50

    @property
    def media(self):
        return Media(css={"all": ["desk/desk.css"]})

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        today, published_count = stories.published_today()
        held = held_by_checks()
        held_ids = {story.pk for story, _due, _reason in held}
        context = {
            "new_story_url": stories.new_story_url(user),
            "story_list_url": reverse(STORY_LIST),
            "scheduled_url": reverse(STORY_LIST) + "?status=scheduled",
            "drafts": stories.drafts_of(user),
            "reviews": stories.reviews(),
            # A held story is listed once, with its reason, not also as still to go live.
            "schedule": [r for r in stories.schedule() if int(r.object_id) not in held_ids],
            "held": held,
            "published_today": today,
            "published_today_count": published_count,
            "published_today_url": (
                f"{reverse(STORY_LIST)}?status=live&published_from={timezone.localdate():%Y-%m-%d}"
            ),
        }
        if can_moderate(user):
            context["pending_comments"] = pending_count(request)
            context["moderation_url"] = reverse(MODERATION_QUEUE)
        return context
