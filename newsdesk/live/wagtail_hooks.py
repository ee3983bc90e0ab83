"""Live coverage in the admin: the live desk, the story's menu, and its history's words."""

from urllib.parse import urlencode

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from newsdesk.news.models import ArticlePage

from . import desk_urls, permissions
from .cache_tags import live_tag
from .desk import desk_url
from .models import LiveCoverage


@hooks.register("newsdesk_article_cache_tags")
def live_updates_on_the_story(story):
    """A story's page shows its live updates: it goes stale when they change."""
    return [live_tag(story.pk)]


class _UpdateFormatter(LogFormatter):
    """Names the update: "Live update posted: “Ferry services resume”"."""

    def format_message(self, log_entry):
        title = log_entry.data.get("title")
        return f"{self.message}: “{title}”" if title else str(self.message)


@hooks.register("register_log_actions")
def register_live_actions(actions):
    actions.register_action("live.start", _("Start live coverage"), _("Live coverage started"))
    actions.register_action("live.end", _("End live coverage"), _("Live coverage ended"))
    for action, label, message in [
        ("live.post", _("Post live update"), _("Live update posted")),
        ("live.edit", _("Edit live update"), _("Live update edited")),
        ("live.withdraw", _("Withdraw live update"), _("Live update withdrawn")),
        ("live.pin", _("Pin live update"), _("Live update pinned")),
        ("live.unpin", _("Unpin live update"), _("Live update unpinned")),
    ]:
        formatter = type("Formatter", (_UpdateFormatter,), {"label": label, "message": message})
        actions.register_action(action)(formatter)


@hooks.register("register_admin_urls")
def live_desk_urls():
    return [path("live/", include((desk_urls, "live_desk"), namespace="live_desk"))]


class LiveStoriesMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.works_the_desk(request.user)


@hooks.register("register_admin_menu_item")
def live_stories_menu():
    """ "Live stories" in the admin menu: the way in to each live story's desk."""
    return LiveStoriesMenuItem(
        _("Live stories"), reverse("live_desk:index"), icon_name="radio-full", order=140
    )


def _live_buttons(story, user, next_url):
    if story.specific_class is not ArticlePage:
        return
    running = _is_running(story)
    back = f"?{urlencode({'next': next_url})}" if next_url else ""
    if running and permissions.can_post(user, story):
        yield Button(_("Live desk"), desk_url(story), icon_name="radio-full", priority=5)
    if permissions.can_start_or_end(user, story):
        if running:
            url = reverse("live_desk:end", args=[story.pk]) + back
            yield Button(_("End live coverage"), url, icon_name="circle-xmark", priority=92)
        else:
            url = reverse("live_desk:start", args=[story.pk]) + back
            yield Button(_("Make this story live"), url, icon_name="radio-full", priority=91)


def _is_running(story):
    # A story from a listing that selected its coverage (the desk's story list) costs no query.
    if isinstance(story, ArticlePage):
        coverage = getattr(story, "live_coverage", None)
        return coverage is not None and coverage.is_running
    return LiveCoverage.objects.filter(story_id=story.pk, ended_at__isnull=True).exists()


@hooks.register("register_page_header_buttons")
def live_header_buttons(page, user, view_name, next_url=None):
    """The story's menu: "Live desk" while it is live, for the desk; "Make this story
    live" or "End live coverage" for whoever may publish it."""
    yield from _live_buttons(page, user, next_url)


@hooks.register("register_page_listing_more_buttons")
def live_listing_buttons(page, user, next_url=None):
    """The same in each story's "More" menu of a listing that read the stories' coverage
    with them (the desk's story list). Wagtail's explorer and search results do not, and
    would pay a query for every row."""
    if isinstance(page, ArticlePage) and ArticlePage.live_coverage.is_cached(page):
        yield from _live_buttons(page, user, next_url)
