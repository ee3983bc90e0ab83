"""One-click moderation in the admin: a button per action on every row and on the comment's page.

Each button is a small POST form (CSRF token, no confirmation page) handled by
``moderate``, which changes the comment through ``moderation.py`` and sends the
moderator back to the queue exactly as they left it: filters, tab, page and the
row's place.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.panels import Panel
from wagtail.admin.ui.tables import Column
from wagtail.permissions import policy_registry
from wagtail.snippets.side_panels import SnippetStatusSidePanel
from wagtail.snippets.views.snippets import EditView

from . import moderation
from .models import Comment

Status = Comment.Status
QUEUE = "wagtailsnippets_comments_comment:list"


@dataclass(frozen=True)
class OneClick:
    """One button: the ``moderation.ACTIONS`` verb it runs, its label and keyboard shortcut."""

    action: str
    label: str
    key: str


APPROVE = OneClick("approve", _("Approve"), "a")
SPAM = OneClick("spam", _("Spam"), "s")
TRASH = OneClick("trash", _("Trash"), "t")
UNAPPROVE = OneClick("hold", _("Unapprove"), "u")
# Neither a spam nor a trashed comment remembers where it came from, so it
# goes back to the queue for a moderator's fresh look rather than straight to readers.
NOT_SPAM = OneClick("hold", _("Not spam"), "n")
RESTORE = OneClick("hold", _("Restore"), "r")
DONE = {
    "approve": _("Comment approved."),
    "spam": _("Comment marked as spam."),
    "trash": _("Comment moved to the trash."),
    "hold": _("Comment sent back to pending."),
}

BUTTONS = {
    Status.PENDING: [APPROVE, SPAM, TRASH],
    Status.APPROVED: [UNAPPROVE, SPAM, TRASH],
    Status.SPAM: [NOT_SPAM, TRASH],
    Status.TRASH: [RESTORE, SPAM],
}


def buttons_for(comment):
    """The one-click buttons a comment in its status offers."""
    return BUTTONS[comment.status]


def row_anchor(comment):
    """The id of the comment's place in the queue, for the redirect's ``#``."""
    return f"moderate-{comment.pk}"


def queue_url(request):
    """The queue as the moderator sees it now, whichever URL drew its rows.

    Filtering redraws the rows from the ``results/`` URL; going back there would
    show a bare table, so the queue's own address is kept with the same query.
    """
    query = request.GET.urlencode()
    return reverse(QUEUE) + (f"?{query}" if query else "")


def safe_next(request):
    """The ``next`` URL sent with the form if it is on this site, else the plain queue."""
    wanted = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse(QUEUE)


@require_POST
def moderate(request, action, pk):
    """Apply ``action`` to one comment and return to where the moderator was."""
    if action not in DONE:
        raise Http404
    comment = get_object_or_404(Comment, pk=pk)
    policy = policy_registry.get_by_type(Comment)
    if not policy.user_has_permission_for_instance(request.user, "change", comment):
        raise Http404
    moderation.ACTIONS[action](comment, by=request.user)
    messages.success(request, DONE[action])
    target = safe_next(request).split("#")[0]
    return redirect(f"{target}#{row_anchor(comment)}")


class OneClickColumn(Column):
    """The row's one-click buttons."""

    cell_template_name = "comments/admin/one_click_cell.html"

    def __init__(self, name="one_click", **kwargs):
        kwargs.setdefault("label", _("Moderate"))
        super().__init__(name, **kwargs)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["buttons"] = buttons_for(instance)
        context["anchor"] = row_anchor(instance)
        request = parent_context["request"]
        context["next_url"] = queue_url(request)
        # Table cells are drawn without the request context that {% csrf_token %} reads.
        context["csrf_token"] = get_token(request)
        return context


def client_details(comment):
    """IP address, network and browser as moderators see them, while they are kept.

    Once the retention period has cleared them, each reads "removed after N days".
    """
    days = getattr(settings, "NEWSDESK_COMMENTS_IP_RETENTION_DAYS", None)
    expired = days and comment.created_at < timezone.now() - timedelta(days=days)
    gone = _("removed after %(days)d days") % {"days": days} if expired else "—"
    return [
        (_("IP address"), comment.ip_address or gone),
        (_("Network"), comment.client_network or gone),
        (_("Browser"), comment.user_agent or gone),
    ]


class ModerationRecordPanel(Panel):
    """The comment's own page: one-click buttons, latest moderation, client, story link."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "comments/admin/moderation_record_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            comment = self.instance
            context.update(
                comment=comment,
                buttons=buttons_for(comment) if comment.pk else [],
                next_url=self.request.get_full_path(),
                client=client_details(comment),
            )
            return context


class CommentStatusSidePanel(SnippetStatusSidePanel):
    """Wagtail's status panel, naming the comment's status instead of "Live"."""

    def get_status_templates(self, context):
        # Wagtail's first template calls any model without drafts "Live"; a
        # pending comment is not live, so the comment's own status is shown.
        return ["comments/admin/status_side_panel.html", *super().get_status_templates(context)[1:]]


class CommentEditView(EditView):
    """The comment's page, its status panel saying Pending, Approved, Spam or Trash."""

    def get_side_panels(self):
        panels = super().get_side_panels()
        for panel in panels:
            if type(panel) is SnippetStatusSidePanel:
                # The panel exactly as Wagtail built it (usage, history, last
                # change), only drawn by the subclass; rebuilding it would copy
                # Wagtail's list of arguments.
                panel.__class__ = CommentStatusSidePanel
        return panels
