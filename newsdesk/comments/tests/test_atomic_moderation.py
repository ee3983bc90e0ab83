"""A moderation that fails part-way leaves the comments as they were: never half a queue.

Every change of status goes through ``moderation._change``, one transaction per
batch of ``BATCH_SIZE`` comments. These tests run on real transactions (not the
savepoints of an ordinary test) and make the database fail right after it wrote
a chosen comment's row and before the commit, as a crash or a lost connection would.
"""

from contextlib import contextmanager
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.urls import reverse

from newsdesk.comments import moderation
from newsdesk.comments.models import Comment
from newsdesk.news.tests.builders import make_article

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.engine]

Status = Comment.Status
COMMENT_TABLE = f'"{Comment._meta.db_table}"'


def make_comments(count, article=None, **fields):
    article = article or make_article()
    return [
        Comment.objects.create(
            article=article, name="Ola", email="ola@example.com", body=f"Point {n}.", **fields
        )
        for n in range(1, count + 1)
    ]


@contextmanager
def database_fails_after_writing(comment):
    """The connection drops just after a statement changed ``comment``'s row, before the commit."""

    def fail_after(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        writes_comments = sql.startswith(("UPDATE", "DELETE")) and COMMENT_TABLE in sql
        if writes_comments and comment.pk in (params or ()):
            raise OperationalError("server closed the connection unexpectedly")
        return result

    with connection.execute_wrapper(fail_after):
        yield


def moderation_records(comments):
    """Status, time and moderator of each comment, in order; ``None`` for a deleted one."""
    found = {
        pk: record
        for pk, *record in Comment.objects.filter(pk__in=[c.pk for c in comments]).values_list(
            "pk", "status", "moderated_at", "moderated_by"
        )
    }
    return [tuple(found[c.pk]) if c.pk in found else None for c in comments]


def test_a_bulk_approval_that_fails_on_one_comment_leaves_every_comment_pending():
    comments = make_comments(6)
    before = moderation_records(comments)

    with database_fails_after_writing(comments[3]), pytest.raises(OperationalError):
        moderation.moderate_many(Comment.objects.all(), "approve")

    assert moderation_records(comments) == before == [(Status.PENDING, None, None)] * 6


def test_deleting_a_thread_that_fails_before_its_commit_keeps_every_reply():
    article = make_article()
    (opening,) = make_comments(1, article, status=Status.APPROVED)
    reply = Comment.objects.create(
        article=article, parent=opening, depth=1, name="Kari", email="k@example.com", body="Yes."
    )
    answer = Comment.objects.create(
        article=article, parent=reply, depth=2, name="Ola", email="ola@example.com", body="No."
    )
    thread = [opening, reply, answer]
    before = moderation_records(thread)

    with database_fails_after_writing(answer), pytest.raises(OperationalError):
        moderation.delete(opening)

    assert moderation_records(thread) == before
    assert None not in before


def bulk_url(action, comments):
    query = [("id", comment.pk) for comment in comments]
    query.append(("next", reverse("wagtailsnippets_comments_comment:list")))
    url = reverse("wagtail_bulk_action", args=["comments", "comment", action])
    return f"{url}?{urlencode(query)}"


def test_an_admin_bulk_action_is_one_transaction_however_many_batches_it_takes(
    admin_client, monkeypatch
):
    # Wagtail runs a bulk action inside transaction.atomic, around every batch.
    monkeypatch.setattr(moderation, "BATCH_SIZE", 2)
    comments = make_comments(5)

    with database_fails_after_writing(comments[3]), pytest.raises(OperationalError):
        admin_client.post(bulk_url("approve", comments))

    assert moderation_records(comments) == [(Status.PENDING, None, None)] * 5


def test_approving_many_ids_from_the_command_line_that_fails_changes_none_of_them():
    comments = make_comments(7)

    with database_fails_after_writing(comments[4]), pytest.raises(OperationalError):
        call_command("comments", "approve", *(str(c.pk) for c in comments))

    assert moderation_records(comments) == [(Status.PENDING, None, None)] * 7


def test_the_command_line_commits_whole_batches_so_a_failure_leaves_none_split(monkeypatch):
    """``moderate_many`` commits each batch of BATCH_SIZE on its own, by design: a queue of
    ten thousand must not hold one long lock. A failure leaves the batches before it done
    and the rest untouched, and running the command again finishes the job."""
    monkeypatch.setattr(moderation, "BATCH_SIZE", 3)
    comments = make_comments(8)
    ids = [str(c.pk) for c in comments]

    with database_fails_after_writing(comments[4]), pytest.raises(OperationalError):
        call_command("comments", "approve", *ids)

    statuses = [record[0] for record in moderation_records(comments)]
    assert statuses == [Status.APPROVED] * 3 + [Status.PENDING] * 5

    call_command("comments", "approve", *ids)
    assert {record[0] for record in moderation_records(comments)} == {Status.APPROVED}
