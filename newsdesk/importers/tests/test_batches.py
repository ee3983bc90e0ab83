"""An import writes in short batches: stopped halfway, it leaves whole posts, and the next
run carries on from there."""

import pytest
from django.core.management.base import CommandError

from newsdesk.comments.models import Comment
from newsdesk.importers.models import ImportRun
from newsdesk.importers.wordpress import load, pages
from newsdesk.news.models import ArticlePage

from . import wxr
from .conftest import import_wordpress

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


def stories_and_comments():
    return [(s.title, s.comments.count()) for s in ArticlePage.objects.order_by("title")]


@pytest.fixture
def one_post_per_batch(monkeypatch):
    """Batches of one post and its comment, however fast they write."""
    for name in ("FIRST_BATCH", "MIN_BATCH", "MAX_BATCH"):
        monkeypatch.setattr(load, name, 2)


def test_a_failure_while_writing_leaves_whole_posts_and_the_next_run_completes_them(
    tmp_path, monkeypatch, one_post_per_batch
):
    export = wxr.export(
        tmp_path,
        *(wxr.post(n, title=f"Story {n}", xml=wxr.comment(100 + n)) for n in range(1, 5)),
    )
    write_specific, written = pages.write_specific, []

    def fail_on_the_third_story(model, page_id, fields):
        if len(written) == 2:
            raise RuntimeError("the database went away")
        written.append(page_id)
        write_specific(model, page_id, fields)

    monkeypatch.setattr(pages, "write_specific", fail_on_the_third_story)
    with pytest.raises(RuntimeError):
        import_wordpress(export)
    assert stories_and_comments() == [("Story 1", 1), ("Story 2", 1)]
    stopped = ImportRun.objects.get()
    assert (stopped.items_done, stopped.items_total, stopped.finished_at) == (2, 4, None)

    monkeypatch.setattr(pages, "write_specific", write_specific)
    report = import_wordpress(export)
    assert stories_and_comments() == [(f"Story {n}", 1) for n in range(1, 5)]
    assert Comment.objects.count() == 4
    assert "Resumed an import of the same export (built.xml) stopped after 2 of 4 items" in report
    posts = next(line for line in report.splitlines() if line.startswith("posts"))
    assert posts.split() == ["posts", "2", "0", "2", "0"]
    assert not ImportRun.objects.filter(finished_at=None).exists()


def test_a_finished_import_is_not_resumed(tmp_path):
    export = wxr.export(tmp_path, wxr.post(1))
    import_wordpress(export)
    assert "Resumed" not in import_wordpress(export)
    assert ImportRun.objects.filter(finished_at__isnull=False).count() == 2


def test_a_broken_comment_in_the_last_post_is_refused_before_anything_is_written(
    tmp_path, one_post_per_batch
):
    broken = (
        "<wp:comment><wp:comment_id>9</wp:comment_id>"
        "<wp:comment_date_gmt>2024-02-31 10:00:00</wp:comment_date_gmt>"
        "<wp:comment_content>Too late.</wp:comment_content></wp:comment>"
    )
    export = wxr.export(tmp_path, *(wxr.post(n) for n in range(1, 4)), wxr.post(4, xml=broken))
    with pytest.raises(CommandError, match="item 4, comment 9: comment_date '2024-02-31"):
        import_wordpress(export)
    assert not ArticlePage.objects.exists()
    assert not ImportRun.objects.exists()
