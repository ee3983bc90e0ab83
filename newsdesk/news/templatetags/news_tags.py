"""Template filters for the story pages."""

from django import template
from django.utils import timezone

from .. import more_from, sharing

register = template.Library()


@register.filter
def machine_time(value):
    """``<time datetime="{{ value|machine_time }}">``: ISO 8601 in local time, to the second.

    ``|date:"c"`` keeps microseconds, and HTML's datetime attribute allows at most three
    digits of a fraction of a second, so the Nu Html Checker rejects it.
    """
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()


@register.inclusion_tag("news/includes/share_links.html", takes_context=True)
def share_links(context, page):
    """The story's share links: ordinary links, nothing loaded from a network."""
    request = context.get("request")
    # The address the page names as canonical, so a shared link is the one search engines know.
    url = request.build_absolute_uri(page.url) if request else page.full_url
    return {"share_links": sharing.share_links(url, page.title)}


@register.filter
def more_from_variant(page):
    """``{% stitched "more_from_section" page|more_from_variant %}``: which box this story shows."""
    return more_from.variant(page)
