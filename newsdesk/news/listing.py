"""Paginating story listings the same way on every page."""

from django.core.paginator import Paginator

from .models.settings import NewsSettings


def paginate_stories(request, stories):
    """Return the requested page of ``stories``.

    Out-of-range or malformed ``?page=`` values land on the nearest real page
    instead of an error, so a mistyped link still shows news.
    """
    per_page = NewsSettings.for_request(request).stories_per_page
    return Paginator(stories.for_listing(), per_page).get_page(request.GET.get("page"))
