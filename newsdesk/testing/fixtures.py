"""Throwaway sites for tests: the harness of ``sites.py`` as pytest fixtures."""

import contextlib
import os

import pytest

from .sites import Prepared


@pytest.fixture(scope="session")
def prepared_site(tmp_path_factory):
    """The run's prepared site, on the suite's database engine, built on first use."""
    prepared = Prepared(tmp_path_factory.mktemp("sites"), os.environ.get("DATABASE_URL"))
    try:
        yield prepared.build()
    finally:
        prepared.remove()


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
