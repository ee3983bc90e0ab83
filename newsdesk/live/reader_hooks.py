"""Where live coverage joins the reader's pages: the story page's stream and the story cards.

Kept apart from ``wagtail_hooks`` (the desk's side), and imported by ``LiveConfig.ready``.
"""

from wagtail import hooks

from .reader import stream_of, with_live_state


@hooks.register("newsdesk_article_listing")
def live_state_on_cards(stories):
    """Story cards know whether their story is live and when it last had an update."""
    return with_live_state(stories)


@hooks.register("newsdesk_article_context")
def live_stream_on_the_story(article, request, context, **kwargs):
    """A live story's page shows its status, key events and updates (``?page=`` for older)."""
    stream = stream_of(article, request.GET.get("page"))
    if stream is not None:
        context["live"] = stream
