"""A real import makes every cached page stale once it commits; a dry run leaves them be."""

import pytest

from newsdesk.caching.store import page_cache

from . import wxr
from .conftest import import_wordpress

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


def test_a_real_import_makes_every_cached_page_stale(tmp_path, django_capture_on_commit_callbacks):
    # One plain story: nothing the import writes through a model's own save() moves the clock.
    export = wxr.export(tmp_path, wxr.post(1))
    before = page_cache().clock.now()
    with django_capture_on_commit_callbacks(execute=True):
        import_wordpress(export)
    assert page_cache().clock.now() > before


def test_a_dry_run_leaves_cached_pages_fresh(django_capture_on_commit_callbacks):
    before = page_cache().clock.now()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_wordpress("gazette.xml", dry_run=True)
    assert page_cache().clock.now() == before
    assert callbacks == []


def test_an_import_makes_pages_stale_once_per_batch_not_once_per_row(
    tmp_path, django_capture_on_commit_callbacks
):
    filed = "".join(
        f'<category domain="post_tag" nicename="topic-{n}">Topic {n}</category>'
        f'<category domain="category" nicename="section-{n}">Section {n}</category>'
        for n in range(5)
    )
    export = wxr.export(
        tmp_path,
        *(wxr.post(n, xml=f"<dc:creator>reporter{n}</dc:creator>{filed}") for n in range(1, 4)),
    )
    with django_capture_on_commit_callbacks() as callbacks:
        import_wordpress(export)
    # The names (reporters, sections, tags), the one batch of stories, the redirects' end.
    assert len(callbacks) == 3
