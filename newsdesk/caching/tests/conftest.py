import pytest
from django.apps import apps
from django.core.cache import caches
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Site

from newsdesk.caching.store import page_cache

from .site import CachedSite


@pytest.fixture
def cached_site():
    """The site behind its page cache over HTTP, with nothing kept from earlier tests.

    In a ``django_db`` test the server shares the test's transaction (see
    ``CachedSite``); with ``transaction=True`` it has its own connections.
    """
    # A setting's row is created when first read, which (rightly) makes every page
    # kept before it stale; tests start after that has happened.
    site = Site.objects.get(is_default_site=True)
    for model in apps.get_models():
        if issubclass(model, BaseSiteSetting):
            model.for_site(site)
    page_cache().forget_all()
    caches["pages"].clear()
    server = CachedSite()
    yield server
    server.stop()
    page_cache().forget_all()
