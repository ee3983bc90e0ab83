"""``{% live_card_status story %}``: a story card's LIVE badge and latest update time."""

from django import template

from newsdesk.caching import tag_answer

from ..cache_tags import live_tag

register = template.Library()


@register.inclusion_tag("live/card_status.html", takes_context=True)
def live_card_status(context, story):
    """The badge of a card whose story is live; the page showing the card goes stale with it.

    Every card's page carries its story's ``live:<id>``, live or not, so a story
    going live, a posted update and the end of coverage refresh exactly the
    listings that show it.
    """
    request = context.get("request")
    if request is not None and story.pk:
        tag_answer(request, live_tag(story.pk))
    return {
        "running": getattr(story, "live_running", False),
        "latest": getattr(story, "live_latest", None),
    }
