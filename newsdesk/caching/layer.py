"""The thin WSGI layer in front of Django that answers cache hits.

A hit never enters Django: no URL resolving, middleware or template, just a
dictionary lookup, a check of the clock and the stored bytes, which is what lets
a breaking story be served at close to the web server's own speed. A miss goes
on to Django, whose ``PageCacheMiddleware`` keeps the answer if it may be shared.
"""

import logging
from functools import lru_cache, partial
from http import HTTPStatus

from django.conf import settings

from .store import CacheUnavailable, page_cache

logger = logging.getLogger(__name__)

READING = ("GET", "HEAD")
HIT = ("X-Cache", "hit")


@lru_cache(maxsize=64)
def status_line(status):
    status = HTTPStatus(status)
    return f"{status.value} {status.phrase}"


class PageCacheLayer:
    """Wrap the Django WSGI application ``app`` with the page cache."""

    def __init__(self, app):
        self.app = app
        self.enabled = settings.NEWSDESK_PAGE_CACHE
        self.cache = page_cache() if self.enabled else None

    def __call__(self, environ, start_response):
        if self.enabled and environ["REQUEST_METHOD"] in READING:
            key = self.cache.key_for(environ)
            if key is not None:
                try:
                    entry = self.cache.fresh_entry(key)
                except CacheUnavailable:
                    logger.exception("Page cache unavailable; rendering %s", key)
                    return self.app(environ, start_response)
                if entry is None:
                    entry, answer = self.cache.lookup_or_render(
                        key, environ, partial(self.app, environ, start_response)
                    )
                    if answer is not None:
                        return answer
                return self._send(entry, environ, start_response)
        return self.app(environ, start_response)

    @staticmethod
    def _send(entry, environ, start_response):
        status, headers, body = entry.answer(environ)
        # Says where the answer came from, for operators and tests; costs one small list.
        start_response(status_line(status), [*headers, HIT])
        return [body] if body else []
