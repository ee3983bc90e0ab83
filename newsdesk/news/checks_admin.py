"""The publishing checks in the admin: warnings on publishing, held stories on the dashboard."""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

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


class HeldStoriesPanel(Component):
    """Scheduled stories the scheduler held back, each with "held:" and its reasons."""

    name = "held_stories"
    template_name = "news/admin/held_stories_panel.html"
    # Above Wagtail's own panels: a story that missed its time is the desk's first worry.
    order = 50

    def get_context_data(self, parent_context):
        return {"held": held_stories()}


@hooks.register("construct_homepage_panels")
def add_held_stories_panel(request, panels):
    panels.append(HeldStoriesPanel())
