"""Which requests the page cache may answer, and under what key."""

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode

from django.conf import settings

# Parameters that change what a cached page shows, and so are part of its key.
KEYED_PARAMETERS = frozenset({"page", "p", "replytocom"})
# Added by newsletters and social networks to shared links; no page reads them, so
# they are dropped before Django sees the request and the reader shares the cached copy.
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref_src", "_ga"}
)


def personal_cookie_pattern():
    """A pattern finding, in a ``Cookie`` header, the cookies that make a request personal.

    An editor's session, a reader's comments awaiting moderation, a CSRF cookie:
    such a reader must see their own state, so their requests skip the cache.
    """
    names = [settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME]
    names += settings.NEWSDESK_PAGE_CACHE_PERSONAL_COOKIES
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?:^|;)\s*(?:{alternatives})=")


# Longer query strings are never a kept page's; they are not remembered either.
MAX_QUERY_LENGTH = 512


def split_query(query_string):
    """``(keyed, passed_on)`` query strings, or ``None``: see ``_split_query``."""
    if len(query_string) > MAX_QUERY_LENGTH:
        return None
    return _split_query(query_string)


@lru_cache(maxsize=4096)
def _split_query(query_string):
    """``(keyed, passed_on)`` query strings, or ``None`` if the cache must not answer.

    ``keyed`` holds only the parameters that change the page, sorted; ``passed_on``
    is what Django gets, tracking parameters removed. Any other parameter means
    the page may depend on it, so such a request is neither answered nor kept.
    """
    kept = []
    for name, value in parse_qsl(query_string, keep_blank_values=True):
        if name in KEYED_PARAMETERS:
            if any(name == seen for seen, _value in kept):
                return None  # Django reads the last of repeated values; the key would not
            kept.append((name, value))
        elif not (name in TRACKING_PARAMETERS or name.startswith("utm_")):
            return None
    return urlencode(sorted(kept)), urlencode(kept)


def is_personal(meta, cookie_pattern):
    """Does this request carry a reader's or editor's own state?"""
    cookies = meta.get("HTTP_COOKIE")
    return bool(meta.get("HTTP_AUTHORIZATION") or (cookies and cookie_pattern.search(cookies)))


def scheme_reader():
    """A function giving a request's scheme as Django will see it.

    The proxy's header counts only when ``SECURE_PROXY_SSL_HEADER`` trusts it;
    the setting is read once, here, not on every request.
    """
    trusted = settings.SECURE_PROXY_SSL_HEADER
    if not trusted:
        return lambda environ: environ.get("wsgi.url_scheme", "http")
    header, secure = trusted

    def scheme(environ):
        if header in environ:
            return "https" if environ[header].partition(",")[0].strip() == secure else "http"
        return environ.get("wsgi.url_scheme", "http")

    return scheme


def page_key(environ, scheme, keyed=""):
    """The cache key of a request: scheme, host, path and the keyed query parameters.

    Scheme and host are part of it: the same path may answer differently
    behind the TLS proxy and for another allowed host.
    """
    return f"{scheme}://{environ.get('HTTP_HOST', '')}{environ.get('PATH_INFO', '/')}?{keyed}"


def request_key(environ, cookie_pattern, skipped_prefixes, scheme):
    """The cache key for a GET or HEAD, ``None`` if the cache must stay out of it.

    Tracking parameters are taken out of ``environ``'s query string on the way.
    """
    if environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
        return None
    path = environ.get("PATH_INFO", "/")
    if path.startswith(skipped_prefixes) or is_personal(environ, cookie_pattern):
        return None
    keyed = ""
    query = environ.get("QUERY_STRING", "")
    if query:
        split = split_query(query)
        if split is None:
            return None
        keyed, environ["QUERY_STRING"] = split
    return page_key(environ, scheme(environ), keyed)
