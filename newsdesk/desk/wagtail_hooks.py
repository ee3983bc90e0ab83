"""Where the desk joins Wagtail: the dashboard, and "Stories" in the admin menu."""

from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.views.home import LockedPagesPanel
from wagtail.permissions import page_permission_policy

from .listing import StoryIndexView, StoryListingViewSet
from .panels import DeskPanel

story_listing = StoryListingViewSet("stories")


@hooks.register("register_admin_viewset")
def register_story_list():
    return story_listing


class StoryListMenuItem(MenuItem):
    """A link into the story list, shown to whoever may see the list."""

    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, StoryIndexView.any_permission_required
        )


@hooks.register("register_admin_menu_item")
def stories_menu():
    index = reverse_lazy("stories:index")
    return SubmenuMenuItem(
        _("Stories"),
        Menu(
            items=[
                StoryListMenuItem(_("All stories"), index, icon_name="list-ul", order=10),
                StoryListMenuItem(
                    _("Scheduled"),
                    format_lazy("{}?status=scheduled", index),
                    name="scheduled-stories",
                    icon_name="calendar",
                    order=20,
                ),
            ]
        ),
        name="stories",
        icon_name="doc-full-inverse",
        order=150,
    )


@hooks.register("construct_homepage_panels")
def newsroom_dashboard(request, panels):
    """The desk in place of Wagtail's generic panels; the user's locked pages stay.

    Wagtail's review and recent-edits panels repeat what the desk shows, at a
    query or more per page listed.
    """
    panels[:] = [DeskPanel(), *(panel for panel in panels if isinstance(panel, LockedPagesPanel))]
