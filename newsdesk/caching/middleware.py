"""Deciding, after Django has rendered, who may share an answer, and keeping it if so."""

import logging

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import fragments
from .compression import compress, is_compressible, preferred_encoding
from .keys import is_personal, personal_cookie_pattern
from .store import KEY_ENVIRON, CacheUnavailable, page_cache

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

    Must come first in ``MIDDLEWARE``, so it sees the answer exactly as sent.
    Everything else it touches on the way out: personal answers are marked
    private, fragment markers are removed, and text is compressed.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = page_cache() if settings.NEWSDESK_PAGE_CACHE else None
        self.cookie_pattern = personal_cookie_pattern()

    def __call__(self, request):
        try:
            sequence = self.cache.clock.now() if self.cache else 0
        except CacheUnavailable:
            logger.exception("Page cache unavailable; nothing from this request is kept")
            sequence, request.META[KEY_ENVIRON] = 0, None
        response = self.get_response(request)
        tags = getattr(response, TAGS_ATTRIBUTE, None)
        if tags is None or response.streaming:
            return self._finish(request, response)
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
        except CacheUnavailable:
            logger.exception("Page cache unavailable; %s was not kept", key)
            return self._finish(request, response)
        status, headers, body = entry.answer(request.META)
        kept = HttpResponse(body, status=status)
        for name, value in headers:
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
        """Send a render that is not kept: fragments in place, text compressed."""
        if response.streaming or response.has_header("Content-Encoding"):
            return response
        body = response.content
        if b"<!--stitch:" in body:
            body = fragments.without_markers(body)
        content_type = response.get("Content-Type", "")
        encoding = ""
        if not request.path.startswith(settings.NEWSDESK_UNCOMPRESSED_PREFIXES) and (
            is_compressible(content_type, body)
        ):
            encoding = preferred_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""))
            patch_vary_headers(response, ("Accept-Encoding",))
        if encoding:
            body = compress(body, encoding)
            response["Content-Encoding"] = encoding
            if response.has_header("ETag"):
                response["ETag"] = response["ETag"].rstrip('"') + f'-{encoding}"'
        response.content = body
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(body))
        return response
