"""Addresses, names and ids that feeds and sitemaps print: links for the host the reader asked.

Wagtail's ``Site.root_url`` is not used: the Site record can name another host
than the one serving the request (the demo's says localhost:80 while the paper
is served on 127.0.0.1:8000), and a feed reader must be able to follow every link.
"""

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def page_path(page, request=None):
    """The path of a Wagtail page on its site, without scheme or host."""
    _site_id, _root_url, path = page.get_url_parts(request)
    return path


def absolute_page_url(page, request):
    """The full address of a Wagtail page on the host ``request`` came to."""
    return request.build_absolute_uri(page_path(page, request))


def tag_uri(kind, pk, when):
    """A ``tag:`` URI (RFC 4151) that names one object for good.

    It is made of the paper's configured host (``NEWSDESK_BASE_URL``: never the
    host of the request, or a story fetched via www. and the bare domain would
    be two stories), the UTC day the object first went out and its database id,
    so a new headline or slug never makes a reader see a story twice.
    """
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    if ":" in host:
        host = "localhost"  # RFC 4151 names a domain; an IPv6 address is not one
    return f"tag:{host},{when.astimezone(UTC):%Y-%m-%d}:{kind}/{pk}"


def site_name(request):
    """The paper's name as its Wagtail Site gives it, or the configured default."""
    site = Site.find_for_request(request)
    return (site and site.site_name) or settings.WAGTAIL_SITE_NAME
