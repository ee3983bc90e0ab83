"""Settings shared by every environment. Defaults are the safe production ones."""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import email_url_settings, env, env_bool, env_int, env_list, persistent_secret_key

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env("NEWSDESK_DATA_DIR", "data")).resolve()

DEBUG = env_bool("NEWSDESK_DEBUG", False)
SECRET_KEY = env("NEWSDESK_SECRET_KEY") or persistent_secret_key(DATA_DIR)
SECRET_KEY_FALLBACKS = env_list("NEWSDESK_SECRET_KEY_FALLBACKS", [])
ALLOWED_HOSTS = env_list("NEWSDESK_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("NEWSDESK_CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "newsdesk.core.views.csrf_failure"

# The demo and the benchmarks are not here: see tools.py.
INSTALLED_APPS = [
    "newsdesk.core",
    "newsdesk.caching",
    "newsdesk.news",
    "newsdesk.comments",
    "newsdesk.syndication",
    "newsdesk.search",
    "newsdesk.security",
    "newsdesk.privacy",
    "newsdesk.backups",
    "newsdesk.importers",
    "newsdesk.desk",
    "newsdesk.newsletters",
    "newsdesk.live",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
]

MIDDLEWARE = [
    # Compression and 304s for answers the page cache does not keep; the cache
    # answers the pages it keeps itself (see newsdesk/caching/middleware.py).
    "newsdesk.caching.middleware.ReaderGZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Then the page cache, so it sees each answer as it is sent.
    "newsdesk.caching.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsdesk.security.policy.ContentSecurityPolicyMiddleware",
    "newsdesk.security.middleware.RequestSizeLimitMiddleware",
    "newsdesk.security.middleware.NulAddressMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsdesk.core.redirects.RedirectMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"
WSGI_APPLICATION = "newsdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "newsdesk.core.context_processors.site_identity",
                "newsdesk.news.context_processors.sections",
            ],
        },
    },
]


def _database_settings():
    url = env("DATABASE_URL")
    if url:
        # Kept connections are checked before each request reuses them, so one that
        # the server closed (a restart, a failover) is replaced, not a reader's 500.
        return dj_database_url.parse(
            url, conn_max_age=env_int("NEWSDESK_DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "newsdesk.sqlite3",
        "OPTIONS": {
            # WAL lets readers carry on while a writer commits; IMMEDIATE takes the
            # write lock up front so concurrent writers queue on the busy timeout
            # instead of failing with "database is locked" mid-transaction.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database_settings()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


NEWSDESK_REDIS_URL = env("REDIS_URL")


def _cache_settings():
    if NEWSDESK_REDIS_URL:
        redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache"}
        return {
            "default": {**redis, "LOCATION": NEWSDESK_REDIS_URL},
            "pages": {**redis, "LOCATION": NEWSDESK_REDIS_URL, "KEY_PREFIX": "newsdesk-pages"},
        }
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # On disk, so every worker on the machine shares one copy of each rendered page.
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": DATA_DIR / "cache" / "pages",
            "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 4},
        },
    }


CACHES = _cache_settings()

# The page cache (newsdesk/caching, docs/caching.md). Pages are kept at most an hour,
# well inside the comment form's NEWSDESK_COMMENTS_MAX_FORM_AGE, so a form from a
# kept page is always fresh enough to send.
NEWSDESK_PAGE_CACHE = env_bool("NEWSDESK_PAGE_CACHE", True)
NEWSDESK_PAGE_CACHE_SECONDS = env_int("NEWSDESK_PAGE_CACHE_SECONDS", 60 * 60)
NEWSDESK_PAGE_CACHE_MEMORY_MB = env_int("NEWSDESK_PAGE_CACHE_MEMORY_MB", 64)
NEWSDESK_PAGE_CACHE_CLOCK = DATA_DIR / "cache" / "clock"
NEWSDESK_PAGE_CACHE_POLL_SECONDS = 0.2
NEWSDESK_PAGE_CACHE_PERSONAL_COOKIES = ["newsdesk_comments"]
# Publishing keeps the story and the front page at once, as NEWSDESK_BASE_URL's readers
# get them (newsdesk/caching/priming.py), so a push alert's crowd is answered from the cache.
NEWSDESK_PAGE_CACHE_PRIMING = env_bool("NEWSDESK_PAGE_CACHE_PRIMING", True)
NEWSDESK_CDN_MAX_AGE = env_int("NEWSDESK_CDN_MAX_AGE", 60)
NEWSDESK_CDN_STALE_WHILE_REVALIDATE = env_int("NEWSDESK_CDN_STALE_WHILE_REVALIDATE", 60)
# Admin pages carry CSRF tokens: compressing them beside reflected input invites BREACH.
NEWSDESK_UNCOMPRESSED_PREFIXES = ("/admin/",)


def _frontend_caches():
    caches = {}
    if purge_url := env("NEWSDESK_PURGE_URL"):
        caches["varnish"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": purge_url,
        }
    if zone := env("NEWSDESK_CLOUDFLARE_ZONE"):
        caches["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": zone,
            "BEARER_TOKEN": env("NEWSDESK_CLOUDFLARE_TOKEN"),
        }
    return caches


# Purged through newsdesk/caching after each commit, once the page cache has moved on;
# Wagtail's own frontend_cache app is not installed because it purges inside the
# publishing transaction, when a CDN's refetch would still get the old page.
WAGTAILFRONTENDCACHE = _frontend_caches()

# newsdesk serve publishes scheduled stories and runs apps' periodic jobs this often;
# of several servers sharing the database, only the one holding the scheduler's lease
# does, and another takes over within the lease and a third of it once it stops.
NEWSDESK_SCHEDULER_INTERVAL = env_int("NEWSDESK_SCHEDULER_INTERVAL", 30)
NEWSDESK_SCHEDULER_LEASE_SECONDS = env_int("NEWSDESK_SCHEDULER_LEASE_SECONDS", 30)
# The daily briefing is drafted from the morning's stories after this time (HH:MM, in
# TIME_ZONE), once a day; it waits for an editor unless the newsletter sends without review.
NEWSDESK_DAILY_BRIEFING_AT = env("NEWSDESK_DAILY_BRIEFING_AT", "06:00")
# A new picture's renditions are made in the background as soon as it is uploaded
# (newsdesk/core/pictures.py); publishing makes whatever is still missing, so that
# no reader ever waits for one. Off only in tests that have no reader to spare.
NEWSDESK_PICTURES_ON_UPLOAD = True
NEWSDESK_PICTURES_ON_PUBLISH = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env("NEWSDESK_LANGUAGE", "en-gb")
TIME_ZONE = env("NEWSDESK_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "media"


def _media_settings():
    """MEDIA_URL and the storage of pictures and documents: the data folder, or a bucket.

    Several machines serving one site need one place for what editors upload:
    ``NEWSDESK_MEDIA_URL=s3://BUCKET/PREFIX`` puts media in any S3-compatible
    store (credentials from boto3's usual sources: AWS_ACCESS_KEY_ID and
    AWS_SECRET_ACCESS_KEY, or the machine's role). Readers get them from this
    site at /media/, streamed from the bucket, unless NEWSDESK_MEDIA_DOMAIN names
    a host (a CDN, a public bucket) that serves the bucket itself.
    """
    address = urlsplit(env("NEWSDESK_MEDIA_URL"))
    if not address.geturl():
        return "/media/", {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if address.scheme != "s3" or not address.netloc or address.query or address.fragment:
        raise ImproperlyConfigured(
            "NEWSDESK_MEDIA_URL must look like s3://BUCKET/PREFIX (or be unset, to keep "
            f"media in the data folder), not {address.geturl()!r}."
        )
    prefix = address.path.strip("/")
    domain = env("NEWSDESK_MEDIA_DOMAIN")
    options = {
        "bucket_name": address.netloc,
        "location": prefix,
        "endpoint_url": env("NEWSDESK_S3_ENDPOINT_URL") or None,
        "region_name": env("NEWSDESK_S3_REGION") or None,
        "custom_domain": domain or None,
        # Two pictures uploaded under one name must not overwrite each other,
        # and links in kept pages must not expire.
        "file_overwrite": False,
        "querystring_auth": False,
    }
    storage = {"BACKEND": "newsdesk.core.storage.ObjectStorage", "OPTIONS": options}
    if not domain:
        return "/media/", storage
    return "/".join(part for part in (f"https://{domain}", prefix) if part) + "/", storage


MEDIA_URL, _media_storage = _media_settings()
STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Hostile-input limits (see shared/design/comments-threats.md H04): refuse huge
# bodies (413, by their Content-Length, before reading them) and field floods
# before any form code runs. Only editors in the admin upload pictures.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("NEWSDESK_MAX_POST_BYTES", 256 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
NEWSDESK_MAX_UPLOAD_BYTES = env_int("NEWSDESK_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
NEWSDESK_UPLOAD_URL_PREFIXES = ["/admin/"]

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# Reader pages run no script of ours inline and load nothing from elsewhere, so
# the policy can say exactly that; an injected <script> or onerror= is refused
# by the browser even if it ever slipped past escaping. The Wagtail admin is
# left out: its own pages rely on inline scripts.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([MEDIA_URL] if urlsplit(MEDIA_URL).netloc else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

WAGTAIL_SITE_NAME = env("NEWSDESK_SITE_NAME", "The Newsdesk Chronicle")
WAGTAILADMIN_BASE_URL = env("NEWSDESK_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.NewsImage"
# "simple" on PostgreSQL: words match as typed, as on SQLite, so both databases find
# the same stories and the highlighted snippets mark every match. The readers'
# search reads the same index with headline-first ranking (newsdesk/search); so
# does the admin's ("default"): Wagtail's stock SQLite ranking took minutes there.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "newsdesk.search.backends", "SEARCH_CONFIG": "simple"},
    "stories": {
        "BACKEND": "newsdesk.search.backends",
        "SEARCH_CONFIG": "simple",
        "AUTO_UPDATE": False,
    },
}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The admin would load each user's avatar from gravatar.com, telling it who is logged in.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Editors leave comments on a story's fields for its reporter, as on a proof.
WAGTAILADMIN_COMMENTS_ENABLED = True
# Mail (the review's notifications, newsletters, sign-up confirmations) goes through
# Django's email framework: SMTP at NEWSDESK_EMAIL_URL, or any other backend named in
# NEWSDESK_EMAIL_BACKEND (django-anymail's for Amazon SES, Postmark, Mailgun...).
# `make demo` prints it in the log instead.
EMAIL_BACKEND = env("NEWSDESK_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
_smtp = email_url_settings(env("NEWSDESK_EMAIL_URL", "smtp://127.0.0.1:25"))
EMAIL_HOST = _smtp["EMAIL_HOST"]
EMAIL_PORT = _smtp["EMAIL_PORT"]
EMAIL_HOST_USER = _smtp["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _smtp["EMAIL_HOST_PASSWORD"]
EMAIL_USE_SSL = _smtp["EMAIL_USE_SSL"]
EMAIL_USE_TLS = _smtp["EMAIL_USE_TLS"]
EMAIL_TIMEOUT = _smtp["EMAIL_TIMEOUT"]
DEFAULT_FROM_EMAIL = env("NEWSDESK_EMAIL_FROM", f"{WAGTAIL_SITE_NAME} <newsroom@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Newsletters: how fast and over how many connections editions go out, how long a
# sender's claim on a batch lasts (rows of a sender that died wait this long to be
# taken again), and the first wait before a temporary failure is tried again.
NEWSDESK_NEWSLETTER_RATE = env_int("NEWSDESK_NEWSLETTER_RATE", 50)
NEWSDESK_NEWSLETTER_CONNECTIONS = env_int("NEWSDESK_NEWSLETTER_CONNECTIONS", 3)
NEWSDESK_NEWSLETTER_CLAIM_SECONDS = env_int("NEWSDESK_NEWSLETTER_CLAIM_SECONDS", 60)
NEWSDESK_NEWSLETTER_RETRY_SECONDS = env_int("NEWSDESK_NEWSLETTER_RETRY_SECONDS", 300)
# Where one-click unsubscribe mail goes; empty: unsubscribe@ the NEWSDESK_EMAIL_FROM domain.
NEWSDESK_NEWSLETTER_UNSUBSCRIBE_EMAIL = env("NEWSDESK_NEWSLETTER_UNSUBSCRIBE_EMAIL", "")
# The sign-up form's limit: this many sign-ups from one network in this many seconds.
NEWSDESK_NEWSLETTERS_SIGN_UP_LIMIT = env_int("NEWSDESK_NEWSLETTERS_SIGN_UP_LIMIT", 10)
NEWSDESK_NEWSLETTERS_SIGN_UP_WINDOW = env_int("NEWSDESK_NEWSLETTERS_SIGN_UP_WINDOW", 3600)
WAGTAIL_I18N_ENABLED = False
WAGTAILEMBEDS_FINDERS = []

# Comment abuse controls that operators tune; editorial choices (moderation
# mode, link limit, depth, closing) are site settings in the admin.
NEWSDESK_COMMENTS_RATE_LIMIT = env_int("NEWSDESK_COMMENTS_RATE_LIMIT", 5)
NEWSDESK_COMMENTS_RATE_WINDOW = env_int("NEWSDESK_COMMENTS_RATE_WINDOW", 60)
NEWSDESK_COMMENTS_MIN_SECONDS = env_int("NEWSDESK_COMMENTS_MIN_SECONDS", 3)
NEWSDESK_COMMENTS_MAX_FORM_AGE = env_int("NEWSDESK_COMMENTS_MAX_FORM_AGE", 6 * 60 * 60)
NEWSDESK_TRUSTED_PROXY_COUNT = env_int("NEWSDESK_TRUSTED_PROXY_COUNT", 0)
NEWSDESK_COMMENTS_IP_RETENTION_DAYS = env_int("NEWSDESK_COMMENTS_IP_RETENTION_DAYS", 30)

# How often an open live story's page checks for new updates, in seconds (before
# its jitter and back-off); each check is answered by the page cache.
NEWSDESK_LIVE_CHECK_SECONDS = env_int("NEWSDESK_LIVE_CHECK_SECONDS", 15)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("NEWSDESK_LOG_LEVEL", "WARNING")},
}
