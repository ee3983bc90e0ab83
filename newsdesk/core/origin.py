"""Refusing forms that a browser sent from another site's page, without a cookie.

Django's CSRF check pairs a cookie with a token in the page. A page kept in a
shared cache cannot carry anyone's token, so forms on such pages are checked
the way browsers now allow: their ``Sec-Fetch-Site`` header, or else the
``Origin`` they send with every POST. A request with neither comes from a
program, not a browser a forgery could steer. Go's CrossOriginProtection and
Rails' origin check work the same way.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.views.decorators.csrf import csrf_exempt

from .views import form_not_sent

SAME_ORIGIN = ("same-origin", "none")


def is_cross_site(request):
    """Did a browser send this request from a page of another site?"""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in SAME_ORIGIN
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    if origin in settings.CSRF_TRUSTED_ORIGINS:
        return False
    sent_from = urlsplit(origin)
    return (sent_from.scheme, sent_from.netloc) != (request.scheme, request.get_host())


def same_site_forms_only(view):
    """View decorator: answer a cross-site POST with the plain 403, and nothing else.

    For forms on pages that every reader shares (see the module's docstring).
    """

    @csrf_exempt
    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.method == "POST" and is_cross_site(request):
            return form_not_sent(request)
        return view(request, *args, **kwargs)

    return checked
