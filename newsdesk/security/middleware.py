"""Refusing what no reader could mean before Django spends anything on it."""

from django.conf import settings
from django.shortcuts import render


def body_limit(path):
    """The most bytes a request to ``path`` may carry: editors upload pictures, readers type."""
    if any(path.startswith(prefix) for prefix in settings.NEWSDESK_UPLOAD_URL_PREFIXES):
        return settings.NEWSDESK_MAX_UPLOAD_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def declared_length(request):
    """The body length the client announced, or ``None`` if it announced none (or nonsense)."""
    value = request.META.get("CONTENT_LENGTH") or ""
    return int(value) if value.isascii() and value.isdigit() else None


class RequestSizeLimitMiddleware:
    """Answer 413 to a request whose announced body is over the limit, without reading it.

    Django would read up to its limit and then answer 400; a 413 tells the
    client what was wrong, and checking the header first means a 10 MB post
    costs one comparison rather than a buffer. A body sent without a length
    is never read past what was announced, so it cannot get round this.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = declared_length(request)
        if length is not None and length > body_limit(request.path_info):
            response = render(request, "security/413.html", status=413)
            # The unread body is still on its way; the client must not reuse the connection.
            response["Connection"] = "close"
            return response
        return self.get_response(request)


def carries_nul(request):
    """Does the address hold a NUL character, in its path or its query string?"""
    return "\x00" in request.path_info or "%00" in request.META.get("QUERY_STRING", "")


class NulAddressMiddleware:
    """Answer 400 to an address with a NUL character in it, before any view sees it.

    No page, slug or search on the site contains one, and PostgreSQL refuses any
    text that does: left to the views, every lookup would be a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if carries_nul(request):
            return render(request, "security/400_address.html", status=400)
        return self.get_response(request)
