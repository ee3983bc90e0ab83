"""Settings for the test suite: fast hashing, mail kept in memory."""

import os
import tempfile
from pathlib import Path

# Tests must never write a key into the developer's data folder.
os.environ.setdefault("NEWSDESK_SECRET_KEY", "test-only-secret-key-not-for-production-use")
os.environ.setdefault("NEWSDESK_DATA_DIR", tempfile.mkdtemp(prefix="newsdesk-test-data-"))

from . import TOOL_APPS
from .base import *  # noqa: F403

# The tools' own tests run here too.
INSTALLED_APPS = [*INSTALLED_APPS, *TOOL_APPS]  # noqa: F405

MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="newsdesk-test-media-"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - WhiteNoise looks there
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
NEWSDESK_COMMENTS_MIN_SECONDS = 0
# No background thread racing a test for the database; the tests of uploads turn it on.
NEWSDESK_PICTURES_ON_UPLOAD = False
# Priming renders two pages per publish for an address no test serves; its own tests turn it on.
NEWSDESK_PAGE_CACHE_PRIMING = False

# On disk rather than in memory, so threads in a test share the database the way
# server workers do: SQLite's shared-cache memory mode locks whole tables instead
# of waiting its turn.
_database = DATABASES["default"]  # noqa: F405
if _database["ENGINE"] == "django.db.backends.sqlite3":
    _database["TEST"] = {"NAME": str(Path(os.environ["NEWSDESK_DATA_DIR"]) / "test.sqlite3")}
