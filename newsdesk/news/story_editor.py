"""The story editor in newsroom words: Publish first, and messages that speak of stories.

Plain functions; ``wagtail_hooks`` registers them with Wagtail.
"""

import re

from django.utils.safestring import SafeData, mark_safe
from wagtail.admin.action_menu import PublishMenuItem

from .models import ArticlePage

# Wagtail's messages name the page before its quoted title ("Page 'Ferries' has
# been published."), or say "The page could not be saved due to validation
# errors."; in a rendered message the quote is already escaped.
PAGE_BEFORE_TITLE = re.compile(r"\b([Pp])age(?= (?:'|&#x27;|&#39;|could not))")
STORY = {"P": "Story", "p": "story"}


def in_newsroom_words(message):
    """``message`` with its first "Page '<title>'" said as "Story '<title>'"."""
    reworded = PAGE_BEFORE_TITLE.sub(lambda match: STORY[match.group(1)], str(message), count=1)
    return mark_safe(reworded) if isinstance(message, SafeData) else reworded  # noqa: S308


def speak_of_stories(request):
    """Say "Story" in the messages this request leaves about the story it works on.

    Wagtail writes those messages in its own views; the hooks that run before
    them hand over the request, so the request's message store rewords them as
    they are added.
    """
    store = getattr(request, "_messages", None)
    if store is None or getattr(store, "speaks_of_stories", False):
        return
    add = store.add

    def add_in_newsroom_words(level, message, extra_tags=""):
        return add(level, in_newsroom_words(message), extra_tags)

    store.add = add_in_newsroom_words
    store.speaks_of_stories = True


def story_created(request, parent_page, page_class):
    """``before_create_page``: a new story's messages say "Story"."""
    if issubclass(page_class, ArticlePage):
        speak_of_stories(request)


def story_touched(request, page):
    """``before_edit_page``, ``before_delete_page``, ``before_unpublish_page``: the same."""
    if isinstance(page.specific_deferred, ArticlePage):
        speak_of_stories(request)


def is_story_editor(request, context):
    """Is this action menu the editor of a story, new or saved?"""
    page = context.get("page")
    if page is not None:
        return isinstance(page.specific_deferred, ArticlePage)
    match = request.resolver_match
    model_name = match.kwargs.get("content_type_model_name") if match else None
    return (
        match is not None
        and match.kwargs.get("content_type_app_name") == ArticlePage._meta.app_label
        and model_name == ArticlePage._meta.model_name
    )


def publish_first(menu_items, request, context):
    """``construct_page_action_menu``: Publish is the story editor's main button.

    Wagtail puts "Save draft" first and Publish under the arrow beside it. Publish
    is in the menu only for a user who may publish this story, so for anyone
    else the menu stays as Wagtail made it.
    """
    if not is_story_editor(request, context):
        return
    publish = next((item for item in menu_items if isinstance(item, PublishMenuItem)), None)
    if publish is not None:
        menu_items.remove(publish)
        menu_items.insert(0, publish)
