"""The thin WSGI layer in front of Django that answers cache hits.

A hit never enters Django: no URL resolving, middleware or template, just a
dictionary lookup, a check of the clock and the stored bytes, which is what lets
a breaking story be served at close to the web server's own speed. A miss goes
on to Django, whose ``PageCacheMiddleware`` keeps the answer if it may be shared.

The layer must never fail a reader. What it does outside Django (reading the
shared store, rendering a fragment that went stale) runs inside Django's
connection handling (``request_started``/``request_finished``), and any error
in it is logged and the request handed to Django, which renders the page or
its own logged 500 page.
"""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.core import signals

from .store import KEY_ENVIRON, page_cache

logger = logging.getLogger(__name__)


@contextmanager
def django_connections(environ):
    """Database and cache connections handled as for a request to Django.

    Before: connections that broke or outlived ``CONN_MAX_AGE`` are closed (and
    health-checked, with ``CONN_HEALTH_CHECKS``). After: those that should not
    be kept are closed, so a worker thread never holds a connection that
    Django's request cycle does not look after.
    """
    signals.request_started.send(sender=PageCacheLayer, environ=environ)
    try:
        yield
    finally:
        signals.request_finished.send(sender=PageCacheLayer)


class PageCacheLayer:
    """Wrap the Django WSGI application ``app`` with the page cache."""

    def __init__(self, app):
        self.app = app
        self.cache = page_cache() if settings.NEWSDESK_PAGE_CACHE else None

    def __call__(self, environ, start_response):
        if self.cache is None:
            return self.app(environ, start_response)
        try:
            variant = self.cache.quick_hit(environ)
        except Exception:
            logger.exception("Page cache failed; Django answers %s", environ.get("PATH_INFO"))
            return self.app(environ, start_response)
        if variant is None:
            return self._answer(environ, start_response)
        start_response(variant.status, variant.headers.copy())
        return [variant.body]

    def _answer(self, environ, start_response):
        """Every request but a plain hit: looked up in memory and the shared store, or rendered."""
        try:
            key = self.cache.key_for(environ)
        except Exception:
            logger.exception("Page cache failed; Django answers %s", environ.get("PATH_INFO"))
            key = None
        if key is None:
            return self.app(environ, start_response)
        with self.cache.render_lock(key):
            entry = self._find(key, environ)
            if entry is None:
                return self.app(environ, start_response)
        try:
            status, headers, body = entry.answer(environ)
        except Exception:
            logger.exception("Page cache failed to answer %s; Django renders it", key)
            return self.app(environ, start_response)
        start_response(status, headers)
        return [body] if body else []

    def _find(self, key, environ):
        """The fresh entry for ``key``, or ``None`` for Django to render.

        Only a render that follows a lookup that worked is kept (``KEY_ENVIRON``):
        after a failure the cache stays out of the way for this request.
        """
        try:
            with django_connections(environ):
                entry = self.cache.find(key)
        except Exception:
            logger.exception("Page cache failed; Django renders %s without it", key)
            return None
        if entry is None:
            environ[KEY_ENVIRON] = key
        return entry
