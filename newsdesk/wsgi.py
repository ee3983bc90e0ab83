"""WSGI entry point used by granian: Django behind the page cache's thin layer."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.production")

django_application = get_wsgi_application()

from newsdesk.caching.layer import PageCacheLayer  # noqa: E402 - needs Django set up first

application = PageCacheLayer(django_application)
