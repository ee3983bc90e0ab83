"""Throwaway sites for tests: the harness of ``sites.py`` as pytest fixtures."""

import contextlib
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor, wait

import pytest
from pytest_django.fixtures import validate_django_db

from .sites import Prepared

PREPARING = pytest.StashKey[tuple]()


def _prepare(folder):
    """Make and build the prepared site in ``folder``; a failed build leaves no database."""
    prepared = Prepared(folder, os.environ.get("DATABASE_URL"))
    try:
        return prepared.build()
    except BaseException:
        prepared.remove()
        raise


def start_preparing(config):
    """The run's prepared site's folder and the future of its build, started on the first call.

    The build runs ``migrate`` and ``collectstatic`` as processes of their own,
    from a thread of its own: they take the other CPU while tests go on here.
    """
    if PREPARING not in config.stash:
        folder = tempfile.mkdtemp(prefix="newsdesk-sites-")
        builder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="prepared-site")
        config.stash[PREPARING] = (folder, builder.submit(_prepare, folder))
        builder.shutdown(wait=False)
    return config.stash[PREPARING]


def _database_group(item):
    """pytest-django's running order: database tests (0), committing ones (1), the rest (2)."""
    marker = item.get_closest_marker("django_db")
    # (transaction, reset_sequences, databases, serialized_rollback, available_apps)
    committing = any(validate_django_db(marker)[:2]) if marker else False
    if committing or {"transactional_db", "live_server"} & set(item.fixturenames):
        return 1
    return 0 if marker or "db" in item.fixturenames else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Within each of pytest-django's groups, tests that need a real site run last, so that
    the prepared site is built while the others run."""
    items.sort(key=lambda item: (_database_group(item), "prepared_site" in item.fixturenames))


def pytest_collection_finish(session):
    """Start preparing the site as soon as the run's tests are chosen, if one of them needs
    it, rather than when the first of them starts."""
    if session.config.option.collectonly:
        return
    if any("prepared_site" in item.fixturenames for item in session.items):
        start_preparing(session.config)


def pytest_sessionfinish(session):
    """Drop the prepared site's database and remove its folder, once its build has ended."""
    if PREPARING not in session.config.stash:
        return
    folder, built = session.config.stash[PREPARING]
    wait([built])
    if built.exception() is None:
        built.result().remove()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def prepared_site(pytestconfig):
    """The run's prepared site, on the suite's database engine, built once in the background."""
    _folder, built = start_preparing(pytestconfig)
    return built.result()


@pytest.fixture
def throwaway_site(prepared_site, tmp_path):
    """Make sites for this test: ``throwaway_site("live", NEWSDESK_COMMENTS_RATE_LIMIT="0")``.

    Each is a copy of the prepared site; its servers are stopped and its
    database dropped when the test ends, whatever else fails.
    """
    with contextlib.ExitStack() as made:

        def make(name="site", **overrides):
            site = prepared_site.copy(name, tmp_path, **overrides)
            made.callback(site.remove)
            return site

        yield make
