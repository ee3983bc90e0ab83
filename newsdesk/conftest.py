import pytest

pytest_plugins = [
    "newsdesk.conftest_browser",
    "newsdesk.testing.object_storage",
    "newsdesk.testing.sites",
]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test writes images into its own folder, never into the data folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail settings and rate-limit windows must not leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
