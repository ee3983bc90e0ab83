"""Emptying the spam or the trash from the admin: a count, a confirmation, then deletion."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from . import moderation
from .models import Comment

QUEUE = "wagtailsnippets_comments_comment:list"
TITLES = {
    Comment.Status.SPAM: _("Empty spam"),
    Comment.Status.TRASH: _("Empty trash"),
}


def empty_url(status):
    """Where the "Empty spam" or "Empty trash" confirmation lives."""
    return reverse("wagtailsnippets_comments_comment:empty", args=[status])


class EmptyView(WagtailAdminTemplateMixin, TemplateView):
    """GET asks "Delete these N comments for good?"; POST deletes them."""

    template_name = "comments/admin/confirm_empty.html"
    header_icon = "bin"

    def dispatch(self, request, status):
        if status not in moderation.EMPTIABLE:
            raise Http404
        policy = policy_registry.get_by_type(Comment)
        if not policy.user_has_permission(request.user, "delete"):
            raise PermissionDenied
        self.status = status
        return super().dispatch(request, status)

    @property
    def page_title(self):
        return TITLES[self.status]

    def back_url(self):
        """The tab being emptied."""
        return f"{reverse(QUEUE)}?status={self.status}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            count=Comment.objects.filter(status=self.status).count(),
            status_label=Comment.Status(self.status).label.lower(),
            back_url=self.back_url(),
        )
        return context

    def post(self, request, status):
        deleted = moderation.empty(status, by=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d comment deleted for good.",
                "%(count)d comments deleted for good.",
                deleted,
            )
            % {"count": deleted},
        )
        return redirect(self.back_url())
