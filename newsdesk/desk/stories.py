"""What the desk asks about stories: whose drafts, what is in review, scheduled, out today.

Each answer is one or two small queries however many stories the paper holds:
filters on indexed columns and a LIMIT, never a count of every story.
"""

from datetime import datetime, time

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision, Workflow, WorkflowState

from newsdesk.news.models import ArticleAuthor, ArticleIndexPage, ArticlePage
from newsdesk.news.models.bylines import REPORTING

PANEL_ROWS = 8
# Made by migration 0002, which spells them out again as it must stay as it ran.
REPORTERS, EDITORS, MODERATORS = "Reporters", "Editors", "Moderators"
REVIEW_WORKFLOW = "Newsroom review"
# What ``byline_names`` reads, fetched for a whole page of the story list at once.
BYLINES = Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author"))
# What ``story_status`` reads. Wagtail's ``prefetch_workflow_states()`` follows the
# relation by the base Page type, which finds nothing from a queryset of stories.
WORKFLOW_STATES = Prefetch(
    "_specific_workflow_states",
    queryset=WorkflowState.objects.active().select_related("current_task_state__task"),
    to_attr="_current_workflow_states",
)


def byline_names(story):
    """The story's bylines as the list shows them: reporters' names and credit lines, with
    any role other than Reporting after the name ("Staff (Photographs)").

    Reads ``story.bylines`` as prefetched by the story list, so it costs no query.
    """
    return ", ".join(
        byline.name if byline.role == REPORTING else f"{byline.name} ({byline.role})"
        for byline in story.bylines.all()
    )


def newsroom_review():
    """The workflow a reporter's story goes through before an editor publishes it."""
    return Workflow.objects.get(name=REVIEW_WORKFLOW)


def story_status(story):
    """Where the story stands in the newsroom's day, in the desk's words.

    Reads what the story list prefetched (workflow states, the scheduled time),
    so it costs no query there.
    """
    state = story.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return _("Sent back")
    if state is not None:
        return _("In review")
    if story.approved_schedule:
        return _("Held") if story.is_held else _("Scheduled")
    if story.live:
        return _("Live + draft") if story.has_unpublished_changes else _("Live")
    return _("Draft")


def main_story_index():
    """The paper's story index where new stories go: the first in the page tree."""
    return ArticleIndexPage.objects.order_by("path").first()


def new_story_url(user):
    """The editor's "New story" address, or None where ``user`` may not add stories."""
    index = main_story_index()
    if index is None or not index.permissions_for_user(user).can_add_subpage():
        return None
    return reverse("wagtailadmin_pages:add", args=("news", "articlepage", index.pk))


def story_type():
    """Filters for a revision's or workflow's object being a story."""
    return {
        "base_content_type": ContentType.objects.get_for_model(Page),
        "content_type": ContentType.objects.get_for_model(ArticlePage),
    }


def drafts_of(user, limit=PANEL_ROWS):
    """``user``'s stories not yet out, the last worked on first."""
    stories = ArticlePage.objects.filter(owner=user, live=False)
    return list(stories.order_by("-latest_revision_created_at", "-pk")[:limit])


def reviews(limit=PANEL_ROWS):
    """Stories in the newsroom's review, or sent back from it, the newest submission first.

    Each workflow state comes with ``story``, the story it is about, in one more query.
    """
    states = list(
        WorkflowState.objects.active()
        .filter(**story_type())
        .select_related("requested_by", "current_task_state__task")
        .order_by("-created_at", "-pk")[:limit]
    )
    stories = ArticlePage.objects.in_bulk([int(state.object_id) for state in states])
    for state in states:
        state.story = stories.get(int(state.object_id))
    return [state for state in states if state.story is not None]


def schedule(limit=PANEL_ROWS):
    """Revisions approved to go live later, the next due first.

    A revision names its story (``object_id``) and headline (``object_str``), so
    this is one query; ``approved_go_live_at`` has an index of its own (migration 0001).
    """
    revisions = Revision.objects.filter(approved_go_live_at__isnull=False, **story_type())
    return list(revisions.order_by("approved_go_live_at", "pk")[:limit])


def scheduled_story_ids():
    """The ids of every story with a revision approved to go live later."""
    revisions = Revision.objects.filter(approved_go_live_at__isnull=False, **story_type())
    return [int(pk) for pk in revisions.values_list("object_id", flat=True)]


def in_review_story_ids():
    """The ids of every story waiting for an editor's review."""
    states = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS, **story_type())
    return [int(pk) for pk in states.values_list("object_id", flat=True)]


def start_of_today(now=None):
    """Midnight at the start of today, in the site's time zone."""
    today = timezone.localdate(now)
    return timezone.make_aware(datetime.combine(today, time.min))


def published_today(limit=PANEL_ROWS, now=None):
    """Stories that first went out today (site time), newest first, and how many there are."""
    today = ArticlePage.objects.live().filter(first_published_at__gte=start_of_today(now))
    return list(today.order_by("-first_published_at", "-pk")[:limit]), today.count()
