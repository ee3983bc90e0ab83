"""Moderation rules that hold however a change arrives: one comment or a whole queue."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.comments import moderation
from newsdesk.comments.models import Comment
from newsdesk.news.tests.builders import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


def make_comments(count):
    article = make_article()
    return [
        Comment.objects.create(article=article, name="Ola", email="o@example.com", body=f"{n}")
        for n in range(count)
    ]


def approve_one(comments):
    moderation.approve(comments[0])


def approve_many(comments):
    moderation.moderate_many(Comment.objects.filter(pk__in=[c.pk for c in comments]), "approve")


@pytest.mark.parametrize("change", [approve_one, approve_many], ids=["one", "many"])
def test_every_moderation_reads_its_rows_under_lock_before_changing_them(change):
    """Django drops select_for_update from update(), so a lock must be a read of its own (H28)."""
    comments = make_comments(2)

    with CaptureQueriesContext(connection) as queries:
        change(comments)

    statements = [q["sql"] for q in queries]
    update = next(n for n, sql in enumerate(statements) if sql.startswith("UPDATE"))
    # Inside a test every transaction.atomic() is a savepoint: the change's own transaction.
    begin = max(n for n, sql in enumerate(statements[:update]) if sql.startswith("SAVEPOINT"))
    reads = [sql for sql in statements[begin:update] if sql.startswith("SELECT")]
    assert any('FROM "comments_comment"' in sql for sql in reads)
    if connection.features.has_select_for_update:
        # ``FOR UPDATE OF "comments_comment"``: only the comments' own rows are locked.
        assert any(re.search(r' FOR UPDATE( OF "comments_comment")?$', sql) for sql in reads)


def test_bulk_moderation_counts_only_the_comments_it_changed(monkeypatch):
    monkeypatch.setattr(moderation, "BATCH_SIZE", 1)
    *_, third = make_comments(3)

    def delete_the_last_one_meanwhile(done):
        if done == 1:
            Comment.objects.filter(pk=third.pk).delete()

    changed = moderation.moderate_many(
        Comment.objects.all(), "trash", progress=delete_the_last_one_meanwhile
    )

    assert changed == 2
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.TRASH}
