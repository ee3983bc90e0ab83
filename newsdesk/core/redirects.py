"""Wagtail's redirects, followed only to a page readers can see.

A redirect to a page that is not live (an imported draft, a story waiting for
its scheduled time, one an editor took down) would send a reader one hop on to
a 404, and tell search engines the old address moved for good to nothing. Such a
redirect is held back instead: the old address answers 404 itself until its
page goes live, and redirects from then on, with nothing to rewrite.
"""

from urllib.parse import urlsplit

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail.contrib.redirects import middleware
from wagtail.contrib.redirects.models import Redirect


def find(request, path):
    """The redirect a reader asking for ``path`` may follow, or None.

    ``path`` is normalised as Wagtail's redirects store it, still percent-encoded.
    """
    redirect = middleware.get_redirect(request, path)
    if redirect is None or redirect.link is None or is_held_back(redirect):
        return None
    return redirect


def is_held_back(redirect):
    """Whether ``redirect`` leads to a page that is not live, and so is not followed yet."""
    return bool(redirect.redirect_page_id) and not redirect.redirect_page.live


def answer(redirect):
    """The response that sends a reader on as ``redirect`` says."""
    if redirect.is_permanent:
        return HttpResponsePermanentRedirect(redirect.link)
    return HttpResponseRedirect(redirect.link)


class RedirectMiddleware(middleware.RedirectMiddleware):
    """Wagtail's redirect middleware, never redirecting to a page that is not live."""

    def process_response(self, request, response):
        if response.status_code != 404:
            return response
        path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
        redirect = find(request, path)
        path_only = urlsplit(path).path
        if redirect is None and path_only != path:
            redirect = find(request, path_only)
        return response if redirect is None else answer(redirect)
