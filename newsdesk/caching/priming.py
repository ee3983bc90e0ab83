"""Publishing primes the page cache: the crowd a push alert sends finds the story kept.

When a page is published by any path through Wagtail's publish (the editor's
Publish, an approved workflow, the scheduler in ``newsdesk serve``, the
``publish_scheduled`` command, code), once the transaction has committed and the
cache's clock has moved on, the pages a crowd opens first
(``SharedPageMixin.pages_to_prime``: the page itself and the front page) are
requested once, as an anonymous reader of the paper's address
(``NEWSDESK_BASE_URL``) requests them, through the very WSGI arrangement readers
go through (``PageCacheLayer`` in front of Django). So the cache's own code
renders, keeps and stores them, under the key, with the tags, headers and
compression a reader's miss would give them, and every worker on every machine
answers the crowd from the shared store; a later invalidation clears them as it
clears any kept page.

It runs before the publish returns, in the publishing thread: an editor who
sends the push alert once the story says "published", and the scheduler's next
story, come after the pages are kept. It costs the publish one render of each
page (the ``newsdesk bench`` line 10 gives the publish's time). A priming error
is logged and never fails the publish, which is committed already.
"""

import logging
from functools import lru_cache
from urllib.parse import unquote_to_bytes, urlsplit
from wsgiref.util import setup_testing_defaults

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import transaction
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri

from .layer import PageCacheLayer
from .pages import SharedPageMixin

logger = logging.getLogger(__name__)

USER_AGENT = "Newsdesk page cache priming"


def prime_published(sender, instance, **kwargs):
    """``page_published`` receiver: prime the cache with the page once the publish commits.

    Connected after the cache's own invalidation, so it runs after it on commit:
    what it renders carries a later clock reading than the publish.
    """
    if settings.NEWSDESK_PAGE_CACHE and settings.NEWSDESK_PAGE_CACHE_PRIMING:
        paths = paths_to_prime(instance)
        if paths:
            transaction.on_commit(lambda: prime(paths), robust=True)


def paths_to_prime(page):
    """The paths, on the paper's address, that publishing ``page`` primes.

    None for a page the cache does not share, one that is not live, or one
    behind a password, a login or a group (its readers are not anonymous).
    """
    if not isinstance(page, SharedPageMixin) or not is_public(page):
        return []
    paths = []
    for shown in page.pages_to_prime():
        parts = shown.get_url_parts() if is_public(shown) else None
        if parts is not None and parts[2] not in paths:
            paths.append(parts[2])
    return paths


def is_public(page):
    """Is ``page`` live and open to anonymous readers (no password, login or group)?"""
    return page.live and not page.get_view_restrictions().exists()


def prime(paths):
    """Request each of ``paths`` as an anonymous reader would, so the cache keeps it.

    In the reader's defaults, not the publishing editor's: the site's language
    and time zone, whatever the admin activated for this thread.
    """
    application = reader_application()
    for path in paths:
        try:
            with translation.override(settings.LANGUAGE_CODE), timezone.override(None):
                status = request(application, reader_environ(path))
        except Exception:
            logger.exception("Could not prime the page cache with %s", path)
            continue
        if not status.startswith("200"):
            logger.warning("Priming the page cache with %s answered %s: not kept", path, status)


@lru_cache(maxsize=1)
def reader_application():
    """``newsdesk.wsgi``'s arrangement, made once in this process: the layer in front of Django."""
    return PageCacheLayer(WSGIHandler())


def reader_environ(path):
    """The WSGI environ of an anonymous reader's GET of ``path`` on ``NEWSDESK_BASE_URL``.

    No cookie, no query string, no condition: the request a push alert's crowd
    sends. Behind the TLS proxy, the proxy's header says HTTPS, as for readers.
    """
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    environ = {
        "REQUEST_METHOD": "GET",
        # WSGI gives the path as bytes read as Latin-1, as a server does.
        "PATH_INFO": unquote_to_bytes(iri_to_uri(path)).decode("latin-1"),
        "QUERY_STRING": "",
        "HTTP_HOST": address.netloc,
        "SERVER_NAME": address.hostname or "localhost",
        "SERVER_PORT": str(address.port or (443 if address.scheme == "https" else 80)),
        "wsgi.url_scheme": address.scheme or "http",
        "HTTP_ACCEPT": "text/html",
        "HTTP_USER_AGENT": USER_AGENT,
    }
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if proxy_header and address.scheme == "https":
        environ[proxy_header[0]] = proxy_header[1]
    setup_testing_defaults(environ)  # the remaining WSGI keys (input, errors, version…)
    return environ


def request(application, environ):
    """Run one request through ``application``; its status line."""
    started = []
    body = application(environ, lambda status, headers, exc_info=None: started.append(status))
    try:
        for _chunk in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()  # Django's request_finished: connections looked after as for readers
    return started[0]
