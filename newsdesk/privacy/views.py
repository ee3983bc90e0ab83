"""The "Privacy requests" page: export or erase a commenter, and the log of past requests.

Open to whoever may moderate comments (change them); deleting a commenter's
comments also needs the permission to delete comments. Every export and
erasure goes through the same functions as ``newsdesk privacy``.
"""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permissions import policy_registry

from newsdesk.comments.models import Comment

from .addresses import email_reference
from .erasure import erase_commenter, preview_erasure
from .export import as_json, export_commenter
from .forms import CommenterForm, EraseForm
from .models import PrivacyRequest

INDEX_URL_NAME = "privacy:index"


class CommentModeratorsOnly(PermissionCheckedMixin):
    """Only users who may change comments, under the comments' own permission policy."""

    permission_required = "change"

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Comment)

    def refuse_invalid(self, form):
        """Back to the page, saying why the address was refused."""
        messages.error(self.request, " ".join(form.errors["email"]))
        return redirect(INDEX_URL_NAME)


class PrivacyRequestIndexView(CommentModeratorsOnly, BaseListingView):
    """The request form above the log of every request, newest first."""

    page_title = _("Privacy requests")
    header_icon = "lock"
    template_name = "privacy/admin/index.html"
    index_url_name = INDEX_URL_NAME
    paginate_by = 50
    verbose_name_plural = _("privacy requests")
    columns = [
        DateColumn("requested_at", label=_("When")),
        Column("description", label=_("Request")),
        Column("masked_email", label=_("Commenter")),
        Column("short_reference", label=_("Reference")),
        Column("comment_count", label=_("Comments")),
        Column("requested_by_name", label=_("By")),
    ]

    def get_base_queryset(self):
        return PrivacyRequest.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = CommenterForm()
        return context


class ExportView(CommentModeratorsOnly, View):
    """Download everything held about one commenter, as ``newsdesk privacy export`` writes it."""

    http_method_names = ["post"]

    def post(self, request):
        form = CommenterForm(request.POST)
        if not form.is_valid():
            return self.refuse_invalid(form)
        export = export_commenter(form.cleaned_data["email"], actor=request.user)
        response = HttpResponse(as_json(export), content_type="application/json; charset=utf-8")
        filename = f"commenter-{email_reference(export['email'])[:10]}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        add_never_cache_headers(response)
        return response


class EraseView(CommentModeratorsOnly, WagtailAdminTemplateMixin, View):
    """Erase one commenter: first a page saying how many comments it touches, then the deed."""

    http_method_names = ["post"]
    page_title = _("Erase a commenter")
    header_icon = "lock"
    template_name = "privacy/admin/confirm_erase.html"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL_NAME), "label": PrivacyRequestIndexView.page_title},
            {"url": "", "label": self.page_title},
        ]

    def post(self, request):
        may_delete = self.user_has_permission("delete")
        form = EraseForm(request.POST, may_delete=may_delete)
        if not form.is_valid():
            return self.refuse_invalid(form)
        email = form.cleaned_data["email"]
        if not form.cleaned_data["confirm"]:
            return self.confirmation(email, may_delete)
        delete_comments = form.cleaned_data.get("delete_comments", False)
        erasure = erase_commenter(email, delete_comments=delete_comments, actor=request.user)
        messages.success(request, erased_message(erasure, delete_comments))
        return redirect(INDEX_URL_NAME)

    def confirmation(self, email, may_delete):
        """The page that asks first, saying how many comments the erasure touches."""
        form = EraseForm(initial={"email": email, "confirm": True}, may_delete=may_delete)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                email=email,
                affected=preview_erasure(email, delete_comments=True),
                earlier_requests=PrivacyRequest.objects.for_email(email).count(),
            )
        )


def erased_message(erasure, delete_comments):
    """What the moderator is told once an erasure is done."""
    message = _comments_erased_message(erasure, delete_comments)
    if erasure.subscriber:
        message += " " + _(
            "Their newsletter subscription is deleted; the address stays on the do-not-mail "
            "list as a hash only."
        )
    return message


def _comments_erased_message(erasure, delete_comments):
    if not erasure.total:
        return _("No comments were posted with that address; the request is logged.")
    if not delete_comments:
        return ngettext(
            "%(count)d comment erased: now “Anonymous”, text kept.",
            "%(count)d comments erased: now “Anonymous”, text kept.",
            erasure.kept,
        ) % {"count": erasure.kept}
    message = ngettext(
        "%(count)d comment deleted.", "%(count)d comments deleted.", erasure.deleted
    ) % {"count": erasure.deleted}
    if erasure.kept:
        message += " " + ngettext(
            "%(count)d that other readers replied to is kept in the trash, text removed.",
            "%(count)d that other readers replied to are kept in the trash, text removed.",
            erasure.kept,
        ) % {"count": erasure.kept}
    return message
