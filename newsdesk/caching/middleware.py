"""Deciding, after Django has rendered, who may share an answer, and keeping it if so.

Answers that are not kept are compressed and revalidated by Django's own
``GZipMiddleware`` (``ReaderGZipMiddleware``) and ``ConditionalGetMiddleware``,
which come before ``PageCacheMiddleware`` in ``MIDDLEWARE``. A kept page is
answered exactly as its later hits will be (``Entry.answer``), so its first
reader gets the same ETag and encoding as the next.
"""

import logging

from django.conf import settings
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import RENDERED_TAGS_ATTRIBUTE, fragments
from .compression import COMPRESSIBLE_TYPES
from .entries import HIT
from .keys import is_personal, personal_cookie_pattern
from .store import KEY_ENVIRON, page_cache

logger = logging.getLogger(__name__)

TAGS_ATTRIBUTE = "newsdesk_cache_tags"


def shared_cache_control(response):
    """Let browsers revalidate and shared caches (a CDN, Varnish) hold the answer a while."""
    patch_cache_control(
        response,
        public=True,
        s_maxage=settings.NEWSDESK_CDN_MAX_AGE,
        stale_while_revalidate=settings.NEWSDESK_CDN_STALE_WHILE_REVALIDATE,
    )
    if "max-age" not in response.get("Cache-Control", ""):
        patch_cache_control(response, max_age=0)
    patch_vary_headers(response, ("Cookie", "Accept-Encoding"))


class PageCacheMiddleware:
    """Keep answers marked with ``cache_for_everyone`` when nothing in them is personal.

    Comes before every middleware but Django's compression and conditional
    GET, so it sees the answer exactly as sent. Everything else it touches on
    the way out: personal answers are marked private and fragment markers are
    removed. Any failure of the cache is logged and the render sent as it is.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = page_cache() if settings.NEWSDESK_PAGE_CACHE else None
        self.cookie_pattern = personal_cookie_pattern()

    def __call__(self, request):
        try:
            sequence = self.cache.clock.now() if self.cache else 0
        except Exception:
            logger.exception("Page cache unavailable; nothing from this request is kept")
            sequence, request.META[KEY_ENVIRON] = 0, None
        response = self.get_response(request)
        tags = getattr(response, TAGS_ATTRIBUTE, None)
        if tags is None or response.streaming:
            return self._finish(request, response)
        tags = tags | getattr(request, RENDERED_TAGS_ATTRIBUTE, set())
        if self._is_personal(request, response):
            patch_cache_control(response, private=True, no_cache=True)
            response.headers.pop("Expires", None)
            return self._finish(request, response)
        shared_cache_control(response)
        key = request.META.get(KEY_ENVIRON)
        keepable = request.method == "GET" and response.status_code == 200
        if key is None or self.cache is None or not keepable:
            return self._finish(request, response)
        try:
            entry = self.cache.keep(
                key, response.status_code, list(response.items()), response.content, tags, sequence
            )
            status, headers, body = entry.answer(request.META)
        except Exception:
            logger.exception("Page cache unavailable; %s was not kept", key)
            return self._finish(request, response)
        kept = HttpResponse(body, status=int(status.partition(" ")[0]))
        for name, value in headers:
            if (name, value) != HIT:  # rendered just now, not a hit
                kept[name] = value
        return kept

    def _is_personal(self, request, response):
        return (
            request.method not in ("GET", "HEAD")
            or bool(response.cookies)
            or is_personal(request.META, self.cookie_pattern)
            or getattr(request, "user", None) is not None
            and request.user.is_authenticated
        )

    @staticmethod
    def _finish(request, response):
        """Send a render that is not kept: its fragments in place, without their markers."""
        if not response.streaming and b"<!--stitch:" in response.content:
            response.content = fragments.without_markers(response.content)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response


class ReaderGZipMiddleware(GZipMiddleware):
    """Django's gzip for text that readers get, never for the admin.

    Admin pages carry CSRF tokens beside reflected input, which compression
    would expose to BREACH; pictures and fonts are compressed already.
    Brotli is the page cache's alone (``Entry``): Django has none.
    """

    def process_response(self, request, response):
        if request.path.startswith(settings.NEWSDESK_UNCOMPRESSED_PREFIXES) or not response.get(
            "Content-Type", ""
        ).startswith(COMPRESSIBLE_TYPES):
            return response
        return super().process_response(request, response)
