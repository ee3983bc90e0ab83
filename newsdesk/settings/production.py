"""Settings for ``newsdesk serve`` and any real deployment."""

from .base import *  # noqa: F403
from .env import env_bool

# Hashed file names let browsers and CDNs keep static files forever (WhiteNoise sends
# them as immutable), each beside its gzip and Brotli copies made once at collectstatic.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# On unless told otherwise: a real deployment sits behind TLS (a proxy that sets
# X-Forwarded-Proto), and a cookie or page sent in clear is the unsafe mistake.
# The local demo and the tests serve plain HTTP with NEWSDESK_HTTPS=0.
HTTPS = env_bool("NEWSDESK_HTTPS", True)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("NEWSDESK_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("NEWSDESK_HSTS_PRELOAD", True)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405
