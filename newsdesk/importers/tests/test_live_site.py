"""Importing into a site that is serving: readers' comments keep being taken."""

import threading
from time import monotonic

import pytest
from django.db import connection
from django.test import Client

from newsdesk.comments.models import Comment
from newsdesk.comments.tests.reader import FILLED_IN
from newsdesk.comments.tokens import issue_form_token
from newsdesk.news.models import ArticlePage
from newsdesk.news.tests.builders import make_article

from . import wxr
from .conftest import import_wordpress

# Long enough for many comments to arrive while it writes: a few seconds here.
POSTS, COMMENTS_PER_POST = 600, 20
# A reader's post may wait for one batch to commit, never for the import.
WAIT_SECONDS = 1.5


def large_export(tmp_path):
    return wxr.export(
        tmp_path,
        *(
            wxr.post(
                n,
                title=f"Archive story {n}",
                content="<p>Words from the archive.</p>" * 20,
                xml="".join(
                    wxr.comment(n * 100 + c, text=f"Old comment {n}-{c}")
                    for c in range(COMMENTS_PER_POST)
                ),
            )
            for n in range(1, POSTS + 1)
        ),
    )


def post_comment(article, number):
    """One reader's comment, from an address of its own."""
    values = {**FILLED_IN, "comment": f"Reader comment {number}.", "form_token": issue_form_token()}
    started = monotonic()
    response = Client(REMOTE_ADDR=f"203.0.113.{number % 250}").post(
        f"/comments/post/{article.pk}/", values
    )
    return response.status_code, monotonic() - started


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry run"])
def test_readers_comments_are_all_taken_promptly_while_a_large_import_runs(
    tmp_path, settings, dry_run
):
    settings.NEWSDESK_COMMENTS_RATE_LIMIT = 0
    article = make_article(comments_open=True)
    export = large_export(tmp_path)
    failures = []

    def run_import():
        try:
            import_wordpress(export, dry_run=dry_run)
        except Exception as error:  # noqa: BLE001 - reported by the test below
            failures.append(error)
        finally:
            connection.close()

    importing = threading.Thread(target=run_import)
    importing.start()
    answers = []
    while importing.is_alive():
        answers.append(post_comment(article, len(answers)))
    importing.join()

    assert failures == []
    assert ArticlePage.objects.count() == (1 if dry_run else POSTS + 1)
    assert len(answers) >= 10, "the import was over too soon to show anything"
    assert [status for status, _seconds in answers] == [302] * len(answers)
    assert Comment.objects.filter(article=article).count() == len(answers)
    longest = max(seconds for _status, seconds in answers)
    assert longest < WAIT_SECONDS, f"a reader waited {longest:.2f} s"
