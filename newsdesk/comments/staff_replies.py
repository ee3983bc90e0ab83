"""A moderator answers a comment from the admin, as the newsroom.

Kept apart from the queue's own views (``viewsets.py``): the reply is a new
comment, not a moderation, and is stored by ``posting.post_staff_reply``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.permissions import policy_registry
from wagtail.snippets.action_menu import ActionMenuItem

from .forms import StaffReplyForm
from .models import Comment
from .posting import post_staff_reply

REPLY_URL_NAME = "wagtailsnippets_comments_comment:reply"


def may_reply(user):
    """Whoever may moderate comments may answer them."""
    return policy_registry.get_by_type(Comment).user_has_permission(user, "change")


class StaffReplyView(WagtailAdminTemplateMixin, FormView):
    """The reply form for one comment; a sent reply is published at once."""

    form_class = StaffReplyForm
    template_name = "comments/admin/reply.html"
    header_icon = "comment"
    page_title = gettext_lazy("Reply")

    def dispatch(self, request, pk):
        if not may_reply(request.user):
            raise PermissionDenied
        self.comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.comment)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailsnippets_comments_comment:list"), "label": _("Comments")},
            {"url": edit_url(self.comment), "label": str(self.comment)},
            {"url": "", "label": _("Reply")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            comment=self.comment,
            comment_is_live=self.comment.status == Comment.Status.APPROVED,
            action_url=reply_url(self.comment),
        )
        return context

    def form_valid(self, form):
        with transaction.atomic():
            reply = post_staff_reply(self.comment, self.request.user, form.cleaned_data["comment"])
            # In the comment's history, as the queue's own edits are.
            log(instance=reply, action="wagtail.create", user=self.request.user)
        messages.success(
            self.request,
            _("Your reply is published on “%(story)s”.") % {"story": reply.article.title},
        )
        return redirect(edit_url(reply))


def reply_url(comment):
    return reverse(REPLY_URL_NAME, args=[comment.pk])


def edit_url(comment):
    return reverse("wagtailsnippets_comments_comment:edit", args=[comment.pk])


class ReplyMenuItem(ActionMenuItem):
    """ "Reply" in the comment page's action menu: a link to the reply form."""

    name = "action-staff-reply"
    label = gettext_lazy("Reply as staff")
    icon_name = "comment"
    order = 90

    def is_shown(self, context):
        return context["view"] == "edit" and may_reply(context["request"].user)

    def get_url(self, parent_context):
        return reply_url(parent_context["instance"])


def reply_menu_item(model):
    """For ``register_snippet_action_menu_item``: only comments get a "Reply"."""
    return ReplyMenuItem() if model is Comment else None


def reply_listing_buttons(instance, user, next_url=None):
    """For ``register_snippet_listing_buttons``: "Reply" on each comment of the queue."""
    if not isinstance(instance, Comment) or not may_reply(user):
        return []
    label = _("Reply as staff")
    return [
        Button(
            label,
            url=reply_url(instance),
            icon_name="comment",
            priority=15,
            attrs={"aria-label": _("Reply as staff to %(comment)s") % {"comment": instance}},
        )
    ]
