"""The moderation queue in the Wagtail admin, built from Wagtail's snippet machinery.

Every change a moderator makes here (bulk actions, the edit form's status,
deletions) is handed to ``moderation.py``, so the admin follows the same rules
as the command line.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_list_or_404
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import DeleteView, IndexView, SnippetViewSet

from newsdesk.core.converters import DATABASE_ID
from newsdesk.news.models import ArticlePage

from . import emptying, moderation, oneclick
from .models import Comment
from .staff_replies import StaffReplyView

# Plain substring search rather than the full-text index: moderators hunt for
# fragments such as a spammer's domain or part of an email address.
SEARCH_FIELDS = ["name", "email", "body"]
# Columns a phone leaves out (moderation.css) so the text and its buttons fit.
SECONDARY = "comment-col-secondary"


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Readers write comments; the admin moderates them and never adds one."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a != "add"])


class CommentModerationForm(WagtailAdminModelForm):
    """The moderator's edit form. A new status is applied by ``moderation.move_to``.

    The form saves the text fields itself but leaves ``status`` alone, so who
    moderated and when are recorded exactly as for every other moderation.
    """

    def save(self, commit=True):
        comment = super().save(commit=False)
        wanted, comment.status = comment.status, self.initial["status"]
        if commit:
            comment.save(update_fields=[name for name in self.changed_data if name != "status"])
            if wanted != comment.status:
                moderation.move_to(comment, wanted, by=self.for_user)
        return comment


class OnFilePanel(FieldPanel):
    """A read-only field of the moderation record; it reads "—" while still empty."""

    def __init__(self, field_name, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        if value in (None, ""):
            return "—"
        return super().format_value_for_display(value)


def articles_with_comments(request):
    """Articles worth offering in the filter: those with at least one comment.

    Asked story by story through the comments' article index, rather than by
    collecting the article of every comment on file.
    """
    has_comments = Exists(Comment.objects.filter(article=OuterRef("pk")))
    return ArticlePage.objects.filter(has_comments).order_by("title")


class ArticleChoiceField(forms.ModelChoiceField):
    """An article chosen by id; an id too long for the database is an invalid choice.

    Django looks a submitted id up as given, and SQLite raises OverflowError
    past 2**63 - 1 instead of finding nothing.
    """

    def to_python(self, value):
        if value not in self.empty_values and not DATABASE_ID.fullmatch(str(value)):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ArticleFilter(django_filters.ModelChoiceFilter):
    field_class = ArticleChoiceField


class CommentFilterSet(WagtailFilterSet):
    """The queue's filters: by status and by article."""

    article = ArticleFilter(label=_("Article"), queryset=articles_with_comments)

    class Meta:
        model = Comment
        fields = ["status", "article"]


def with_default_status(query):
    """The listing's GET parameters, opening on Pending when no status was chosen.

    "All" is an explicitly empty status, so it survives as a choice.
    """
    if "status" in query:
        return query
    query = query.copy()
    query["status"] = Comment.Status.PENDING
    return query


def search(comments, words):
    """The comments whose name, email or text contain ``words``, in any case.

    A whole email address finds that commenter's comments through the index on
    the folded address; reading every comment's text for it took a second at
    200,000 comments, and an address is what a moderator pastes to find someone.
    """
    words = words.strip()
    local, at, domain = words.rpartition("@")
    if local and at and "." in domain and not any(char.isspace() for char in words):
        return comments.by_email(words)
    matches = Q()
    for field in SEARCH_FIELDS:
        matches |= Q(**{f"{field}__icontains": words})
    return comments.filter(matches)


def listed_comments(query):
    """The comments a listing with these GET parameters shows, in the same way it does.

    A filter value that does not validate selects nothing, never everything.
    """
    query = with_default_status(query)
    filters = CommentFilterSet(query, queryset=Comment.objects.all())
    if not filters.is_valid():
        return Comment.objects.none()
    comments = filters.qs
    if words := query.get("q", "").strip():
        comments = search(comments, words)
    return comments


class CommentIndexView(IndexView):
    """The queue, opening on Pending, headed by how many comments wait in each status."""

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["data"] = with_default_status(kwargs["data"])
        return kwargs

    def search_queryset(self, queryset):
        return search(queryset, self.search_query) if self.is_searching else queryset

    @cached_property
    def others(self):
        """The listing's query without its page, its status emptied (all of them): what
        the status counts cover."""
        others = self.request.GET.copy()
        others.pop("p", None)
        others["status"] = ""
        return others

    @cached_property
    def status_counts(self):
        """Comments per status under the moderator's other filters; "" for all of them."""
        counts = dict(listed_comments(self.others).status_counts())
        counts[""] = sum(counts.values())
        return counts

    @cached_property
    def status(self):
        """The status the listing shows: Pending unless one was chosen, "" for all."""
        return with_default_status(self.request.GET)["status"]

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        # The status counts already cover the listing, so the page count is read from them
        # rather than by counting every matching comment a second time.
        if (not self.filters or self.filters.is_valid()) and self.status in self.status_counts:
            paginator.count = self.status_counts[self.status]
        return paginator

    def status_links(self):
        """One link per status, with its count, to the queue filtered to that status.

        The counts and links keep the moderator's other filters and search, so
        "Pending 7" beside an article filter means seven on that article.
        """
        links = []
        for value, label in [*Comment.Status.choices, ("", _("All"))]:
            query = self.others.copy()
            query["status"] = value
            links.append(
                {
                    "value": value,
                    "label": label,
                    "count": self.status_counts[value],
                    "url": f"{self.index_url}?{query.urlencode()}",
                    "current": value == self.status,
                    "empty_url": emptying.empty_url(value) if value in moderation.EMPTIABLE else "",
                }
            )
        return links

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["status_links"] = self.status_links()
        return context


class CommentDeleteView(DeleteView):
    """Deleting one comment from its own page, through ``moderation.delete``."""

    def delete_action(self):
        with transaction.atomic():
            # Logged while the comment still exists, as Wagtail's own delete does.
            log(instance=self.object, action="wagtail.delete", user=self.request.user, deleted=True)
            moderation.delete(self.object, by=self.request.user)


def pending_count(request):
    """How many comments wait in the queue: counted once per request, however many
    places show it (the menu, the dashboard)."""
    if not hasattr(request, "_newsdesk_pending_comments"):
        request._newsdesk_pending_comments = Comment.objects.pending().count()
    return request._newsdesk_pending_comments


class CommentsMenuItem(MenuItem):
    """The sidebar entry; it reads "Comments (3)" while three wait in the queue.

    The sidebar cuts longer labels ("Comments (7 pend…"), and it draws labels as
    plain text, so the count rides in brackets rather than in a badge.
    """

    def is_shown(self, request):
        return policy_registry.get_by_type(Comment).user_has_any_permission(
            request.user, CommentIndexView.any_permission_required
        )

    def render_component(self, request):
        # Wagtail builds menu items once per process, so the count is read per request.
        pending = pending_count(request)
        label = self.label
        if pending:
            label = _("%(label)s (%(count)d)") % {"label": label, "count": pending}
        return LinkMenuItem(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


class CommentViewSet(SnippetViewSet):
    """The moderation queue: list, filter, search, edit and bulk-moderate comments."""

    model = Comment
    # A comment points at its article, but it is not what an editor means by the
    # article's "usage", and a reader's post should not write reference-index rows.
    # (Nor search-index rows: Comment is not indexed, the queue searches with SQL.)
    add_to_reference_index = False
    icon = "comment"
    menu_label = _("Comments")
    menu_order = 230
    add_to_admin_menu = True
    menu_item_class = CommentsMenuItem
    index_view_class = CommentIndexView
    edit_view_class = oneclick.CommentEditView
    delete_view_class = CommentDeleteView
    index_results_template_name = "comments/admin/index_results.html"
    copy_view_enabled = False
    list_display = [
        "name",
        Column("excerpt", label=_("Comment")),
        Column("article", label=_("Article"), sort_key="article__title", classname=SECONDARY),
        StatusTagColumn(
            "get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=lambda comment: comment.status == Comment.Status.PENDING,
        ),
        Column("moderation_note", label=_("Why here"), classname=SECONDARY),
        DateColumn("created_at", label=_("Posted"), sort_key="created_at", classname=SECONDARY),
        oneclick.OneClickColumn(),
    ]
    filterset_class = CommentFilterSet
    search_fields = SEARCH_FIELDS
    search_backend_name = None
    ordering = "-created_at"
    list_per_page = 50
    edit_handler = ObjectList(
        [
            # First, so the one-click buttons and the latest moderation greet the moderator.
            oneclick.ModerationRecordPanel(heading=_("Moderation")),
            FieldPanel("status"),
            FieldPanel("name"),
            FieldPanel("website"),
            FieldPanel("body"),
            MultiFieldPanel(
                [
                    OnFilePanel("article"),
                    # Stored for moderation; shown to moderators, never to readers.
                    OnFilePanel("email"),
                    OnFilePanel("created_at"),
                    OnFilePanel("moderation_reason"),
                    OnFilePanel("moderated_at"),
                    OnFilePanel("moderated_by"),
                ],
                heading=_("On file"),
            ),
        ],
        base_form_class=CommentModerationForm,
    )

    def get_queryset(self, request):
        return Comment.objects.select_related("article", "moderated_by")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("moderate/<str:action>/<int:pk>/", oneclick.moderate, name="moderate"),
            path("empty/<str:status>/", emptying.EmptyView.as_view(), name="empty"),
            path(f"reply/<{self.pk_path_converter}:pk>/", StaffReplyView.as_view(), name="reply"),
        ]


class CommentBulkActionMixin:
    """What every bulk action on comments shares: the model, and what "select all" means."""

    models = [Comment]

    @classmethod
    def get_queryset(cls, model, object_ids):
        # The confirmation page names each comment with its article.
        return get_list_or_404(Comment.objects.select_related("article"), pk__in=object_ids)

    def get_all_objects_in_listing_query(self, parent_id):
        # Wagtail's default is every row of the model; a moderator who filtered the
        # queue to "pending" and selected all must not approve the spam as well.
        return listed_comments(self.request.GET).values_list("pk", flat=True)

    @staticmethod
    def selected(objects):
        """The chosen comments as a queryset, for ``moderation.moderate_many``."""
        return Comment.objects.filter(pk__in=[comment.pk for comment in objects])


class ModerationBulkAction(CommentBulkActionMixin, SnippetBulkAction):
    """A bulk action whose ``action_type`` names the function in ``moderation.ACTIONS``."""

    template_name = "comments/admin/confirm_bulk_moderation.html"
    question = None
    confirm_label = None
    done_message = None

    def check_perm(self, comment):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", comment
        )

    @classmethod
    def execute_action(cls, objects, **kwargs):
        moderator = kwargs["self"].request.user
        return moderation.moderate_many(cls.selected(objects), cls.action_type, by=moderator), 0

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["question"] = self.question % {"count": len(context["items"])}
        context["action_button_text"] = self.confirm_label
        return context

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.done_message % {"count": num_parent_objects}


class ApproveBulkAction(ModerationBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve selected comments")
    action_priority = 10
    question = ngettext_lazy("Approve this comment?", "Approve these %(count)d comments?", "count")
    confirm_label = _("Yes, approve")
    done_message = ngettext_lazy(
        "%(count)d comment approved.", "%(count)d comments approved.", "count"
    )


class SpamBulkAction(ModerationBulkAction):
    display_name = _("Spam")
    action_type = "spam"
    aria_label = _("Mark selected comments as spam")
    action_priority = 20
    question = ngettext_lazy(
        "Mark this comment as spam?", "Mark these %(count)d comments as spam?", "count"
    )
    confirm_label = _("Yes, mark as spam")
    done_message = ngettext_lazy(
        "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", "count"
    )


class TrashBulkAction(ModerationBulkAction):
    display_name = _("Trash")
    action_type = "trash"
    aria_label = _("Move selected comments to the trash")
    action_priority = 25
    question = ngettext_lazy(
        "Move this comment to the trash?", "Move these %(count)d comments to the trash?", "count"
    )
    confirm_label = _("Yes, move to the trash")
    done_message = ngettext_lazy(
        "%(count)d comment moved to the trash.", "%(count)d comments moved to the trash.", "count"
    )


class HoldBulkAction(ModerationBulkAction):
    display_name = _("Back to pending")
    action_type = "hold"
    aria_label = _("Send selected comments back to the pending queue")
    action_priority = 40
    question = ngettext_lazy(
        "Send this comment back to the pending queue?",
        "Send these %(count)d comments back to the pending queue?",
        "count",
    )
    confirm_label = _("Yes, send back to pending")
    done_message = ngettext_lazy(
        "%(count)d comment sent back to pending.",
        "%(count)d comments sent back to pending.",
        "count",
    )


class CommentDeleteBulkAction(CommentBulkActionMixin, DeleteBulkAction):
    """Wagtail's bulk delete, confirmation and hooks included, deleting through moderation.py."""

    @classmethod
    def execute_action(cls, objects, **kwargs):
        moderator = kwargs["self"].request.user
        return moderation.moderate_many(cls.selected(objects), "delete", by=moderator), 0


MODERATION_BULK_ACTIONS = [ApproveBulkAction, SpamBulkAction, TrashBulkAction, HoldBulkAction]
