"""Where comments join Wagtail: the moderation queue, story cards and article pages."""

from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .forms import HONEYPOT_FIELD, CommentForm, form_address
from .models import Comment, CommentSettings, with_comment_counts
from .posting import comments_are_open
from .staff_replies import reply_listing_buttons, reply_menu_item
from .threads import build_thread, visible_comments
from .tokens import issue_form_token, remembered_comment_ids
from .viewsets import (
    MODERATION_BULK_ACTIONS,
    CommentDeleteBulkAction,
    CommentPermissionPolicy,
    CommentViewSet,
)

register_permission_policy(Comment, CommentPermissionPolicy(Comment))
register_snippet(CommentViewSet)
for bulk_action in MODERATION_BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)
# Registered after Wagtail's own snippet delete (order 0), so it replaces it for comments.
hooks.register("register_bulk_action", CommentDeleteBulkAction, order=1)
hooks.register("register_snippet_listing_buttons", reply_listing_buttons)
hooks.register("register_snippet_action_menu_item", reply_menu_item)


@hooks.register("insert_global_admin_js")
def moderation_shortcuts():
    """The queue's keyboard shortcuts, from a file so the admin's CSP needs no inline script."""
    return format_html('<script src="{}" defer></script>', static("comments/moderation.js"))


@hooks.register("insert_global_admin_css")
def moderation_styles():
    """The one-click buttons' layout, and the columns a phone leaves out."""
    return format_html('<link rel="stylesheet" href="{}">', static("comments/moderation.css"))


@hooks.register("newsdesk_article_listing")
def count_approved_comments(articles):
    """Give story cards their ``comment_count``."""
    return with_comment_counts(articles)


def _reply_target(request, thread):
    wanted = request.GET.get("replytocom", "")
    for entry in thread:
        if str(entry.comment.pk) == wanted and entry.can_reply:
            return entry.comment
    return None


@hooks.register("newsdesk_article_context")
def add_comments(article, request, context, comment_form=None, comment_form_token=None, **kwargs):
    """Put the comment thread and the "Leave a Reply" form on an article page."""
    comment_settings = CommentSettings.for_request(request)
    own_ids = remembered_comment_ids(request)
    # An unsaved story (an editor's first preview) has no comments to show yet.
    comments = visible_comments(article, own_ids) if article.pk else []
    thread = build_thread(comments, comment_settings.max_depth)
    reply_to = _reply_target(request, thread)
    if comment_form is None:
        comment_form = CommentForm(
            initial={"reply_to": reply_to.pk if reply_to else ""},
            article=article,
            max_depth=comment_settings.max_depth,
        )
    else:
        reply_to = getattr(comment_form, "cleaned_data", {}).get("reply_to")
    comment_count = sum(1 for entry in thread if entry.approved)
    comments_open = comments_are_open(article, comment_settings, now=timezone.now())
    context.update(
        comment_thread=thread,
        comment_form_action=form_address(article) if article.pk else "",
        comment_count=comment_count,
        comment_form=comment_form,
        comment_form_token=comment_form_token or issue_form_token(),
        comment_honeypot=HONEYPOT_FIELD,
        comment_reply_to=reply_to,
        comments_open=comments_open,
        page_reports_error=bool(comment_form.errors),
        robots_noindex=any(entry.awaiting_moderation for entry in thread),
    )
    context.setdefault("article_extra_sections", []).append("comments/section.html")
    # A closed story with nothing said has no discussion worth a shortcut.
    if comment_count or comments_open:
        context.setdefault("article_meta_extras", []).append("comments/count_link.html")
        context.setdefault("skip_links", []).append(("#comments", _("Skip to comments")))
