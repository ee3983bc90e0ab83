"""What every test gets, and where each test runs.

Each test runs once, in the SQLite run of ``make test``, unless it is marked
``engine``: then the PostgreSQL run repeats it. Two kinds are marked here
without being asked, so a new test lands in the right run by default:

- a test that commits (``django_db(transaction=True)``) is about real
  transactions, locks or concurrency, which the engines do differently: ``engine``.
  Browser tests commit only so that the live server sees their data, and stay single.
  So is a test that counts queries: each engine's plans and backends query differently.
- a test that starts a real site (the ``prepared_site`` harness) takes seconds
  of processes starting and stopping: ``heavy``, left out of ``make test-fast``.
"""

import pytest

pytest_plugins = [
    "newsdesk.conftest_browser",
    "newsdesk.testing.object_storage",
    "newsdesk.testing.fixtures",
    "newsdesk.testing.smtp",
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


REAL_SITES = {"prepared_site"}
QUERY_COUNTS = {"django_assert_num_queries", "django_assert_max_num_queries"}


def _commits(item, database):
    if "transactional_db" in item.fixturenames:
        return True
    return bool(database and (database.kwargs.get("transaction") or database.args[:1] == (True,)))


def _restores_snapshot(database, item):
    if "django_db_serialized_rollback" in item.fixturenames:
        return True
    return bool(database and database.kwargs.get("serialized_rollback"))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark tests by what they do, before ``-m`` chooses among them."""
    for item in items:
        fixtures = set(item.fixturenames)
        if REAL_SITES & fixtures:
            item.add_marker(pytest.mark.heavy)
        if QUERY_COUNTS & fixtures:
            item.add_marker(pytest.mark.engine)
        database = item.get_closest_marker("django_db")
        if not _commits(item, database):
            continue
        if not _restores_snapshot(database, item):
            # Its flush would give content types new ids, and every later test that
            # restores the migrated snapshot would fail on them.
            raise pytest.UsageError(
                f"{item.nodeid} commits: mark it django_db(transaction=True, "
                "serialized_rollback=True) so the next tests find the database as migrated."
            )
        if item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.engine)
