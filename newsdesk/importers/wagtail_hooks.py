"""Old WordPress addresses that are a query string on the front page: ``/?p=123``."""

from django.http import Http404
from wagtail import hooks
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

from newsdesk.core import redirects

# The query parameters WordPress addresses posts, pages and archives by.
WORDPRESS_QUERY_KEYS = {"p", "page_id", "cat", "tag", "attachment_id"}


@hooks.register("before_serve_page")
def redirect_wordpress_query_links(page, request, serve_args, serve_kwargs):
    """Answer ``/?p=ID`` and its kin from Wagtail's redirects.

    Wagtail's redirect middleware looks only at 404 responses, and ``/?p=123`` is
    the front page, which answers 200: without this, the redirects the importer
    writes for those addresses would never be reached. The address of a post not
    published yet answers 404, as its permalink does, rather than the front page.
    """
    if not WORDPRESS_QUERY_KEYS.intersection(request.GET):
        return None
    path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
    redirect = get_redirect(request, path)
    if redirect is None or redirect.link is None:
        return None
    if redirects.is_held_back(redirect):
        raise Http404("not published yet")
    return redirects.answer(redirect)
