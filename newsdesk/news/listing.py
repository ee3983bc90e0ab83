"""Paginating story listings the same way on every page."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404

from .models.settings import NewsSettings


def listing_page(paginator, number):
    """Page ``number`` of ``paginator``; no number (or an empty one) is the first page.

    A number past the last page, below one or not a whole number answers 404:
    showing another page there would repeat its stories under endless addresses.
    """
    try:
        return paginator.page(number or 1)
    except InvalidPage as error:
        raise Http404(f"No page {number!r} in this listing.") from error


def paginate_stories(request, stories):
    """Return the page of ``stories`` that ``?page=`` asks for (see ``listing_page``)."""
    per_page = NewsSettings.for_request(request).stories_per_page
    return listing_page(Paginator(stories.for_listing(), per_page), request.GET.get("page"))
