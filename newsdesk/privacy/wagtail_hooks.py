"""Where privacy joins Wagtail: the "Privacy requests" page, and IP retention on a schedule."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permissions import policy_registry

from newsdesk.comments.models import Comment

from .retention import CLEARING_INTERVAL, clear_on_schedule
from .views import EraseView, ExportView, PrivacyRequestIndexView


class PrivacyMenuItem(MenuItem):
    """Shown to the users the page lets in: those who may moderate comments."""

    def is_shown(self, request):
        return policy_registry.get_by_type(Comment).user_has_permission(request.user, "change")


class PrivacyViewSet(ViewSet):
    """The page's three addresses under /admin/privacy/, and its place in the sidebar."""

    name = "privacy"
    icon = "lock"
    menu_label = _("Privacy requests")
    # Just after Comments (230), whose readers these requests come from.
    menu_order = 231
    add_to_admin_menu = True
    menu_item_class = PrivacyMenuItem

    def get_urlpatterns(self):
        return [
            path("", PrivacyRequestIndexView.as_view(), name="index"),
            path("export/", ExportView.as_view(), name="export"),
            path("erase/", EraseView.as_view(), name="erase"),
        ]


@hooks.register("register_admin_viewset")
def register_privacy_viewset():
    return PrivacyViewSet()


@hooks.register("newsdesk_periodic_jobs")
def ip_address_retention():
    """For the server's scheduler: clear IP addresses past retention, once a day."""
    return CLEARING_INTERVAL, clear_on_schedule
