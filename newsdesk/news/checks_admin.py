"""The publishing checks in the admin: warnings on publishing, held stories on the desk."""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks

from .checks import held_stories, warnings_for
from .models import ArticlePage


@hooks.register("before_publish_page")
def warn_before_publishing(request, page):
    """Publishing or scheduling goes on; the editor is told what the warnings found."""
    if not isinstance(page, ArticlePage):
        return
    reasons = warnings_for(page)
    if reasons:
        messages.warning(request, _("Worth a second look: %s") % " ".join(reasons))


@hooks.register("newsdesk_held_stories")
def stories_held_by_checks():
    """The held stories for the desk's Scheduled box: story, time it was due, why it waits."""
    return [
        (hold.story, hold.revision.approved_go_live_at, " ".join(hold.reasons))
        for hold in held_stories()
    ]
