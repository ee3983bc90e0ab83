import contextlib

import pytest
from django.apps import apps
from django.core.cache import caches
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Site

from newsdesk.caching.store import page_cache

from .site import CachedSite


@contextlib.contextmanager
def serving():
    """The site behind its page cache over HTTP, with nothing kept from earlier tests."""
    # A setting's row is created when first read, which (rightly) makes every page
    # kept before it stale; tests start after that has happened.
    site = Site.objects.get(is_default_site=True)
    for model in apps.get_models():
        if issubclass(model, BaseSiteSetting):
            model.for_site(site)
    page_cache().forget_all()
    caches["pages"].clear()
    server = CachedSite()
    try:
        yield server
    finally:
        server.stop()
        page_cache().forget_all()


@pytest.fixture
def cached_site():
    """The site behind its page cache over HTTP (see ``CachedSite``).

    In a ``django_db`` test the server shares the test's transaction; with
    ``transaction=True`` it has connections of its own.
    """
    with serving() as server:
        yield server
