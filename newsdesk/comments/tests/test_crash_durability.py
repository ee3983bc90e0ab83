"""Nothing a reader was told is saved may be lost when the server dies, nor saved twice.

32 readers comment on a story for 30 seconds while ``newsdesk serve`` is killed
with SIGKILL, master and workers, and started again, twice. A reader whose
post got no answer sends the same form again, as a browser's retry does. The
run proves the engine the suite runs on: SQLite, or PostgreSQL when
DATABASE_URL is set.
"""

import sys
from collections import Counter

import pytest

from newsdesk.comments import views
from newsdesk.comments.models import Comment
from newsdesk.comments.tokens import AUTHOR_COOKIE
from newsdesk.news.tests.builders import make_article

from .crash_harness import crash_while_commenting, figures, found_on_resend
from .reader import Reader

pytestmark = pytest.mark.engine


@pytest.mark.heavy
def test_every_acknowledged_comment_survives_two_server_crashes_exactly_once(
    throwaway_site, capsys
):
    site, run, stored = crash_while_commenting(throwaway_site)
    summary = figures(site, run, stored)
    with capsys.disabled():  # the figures belong in every run's output, not only on failure
        sys.stdout.write(f"\n{summary}\n")

    refused = [(s.key, s.refusal) for s in run.submissions if s.refusal]
    assert not refused, f"Forms refused instead of stored: {refused[:5]}\n{summary}"
    unanswered = [s.key for s in run.submissions if s.comment_id is None]
    assert not unanswered, f"Forms never answered after the crashes: {unanswered[:5]}\n{summary}"

    by_id = {comment.pk: comment for comment in stored}
    lost = [
        s
        for s in run.submissions
        if (kept := by_id.get(s.comment_id)) is None
        or (kept.submission_key, kept.email, kept.body) != (s.key, s.email, s.body)
    ]
    assert not lost, f"Acknowledged comments missing or changed: {lost[:5]}\n{summary}"

    twice_by_key = [k for k, n in Counter(c.submission_key for c in stored).items() if n > 1]
    twice_by_words = [k for k, n in Counter((c.email, c.body) for c in stored).items() if n > 1]
    assert not twice_by_key and not twice_by_words, summary
    assert len(stored) == len({s.key for s in run.submissions}), summary

    # The crashes must have hit the crowd, every server life must have served it,
    # and resent forms must have met their comment already stored: the one-time key at work.
    assert any(s.sends > 1 + s.hangs_up for s in run.submissions), summary
    assert any(s.hangs_up for s in found_on_resend(run, stored)), summary
    assert all(any(s.life == life for s in run.submissions) for life in range(run.life + 1)), (
        summary
    )


@pytest.mark.django_db
def test_a_resend_that_overtakes_its_first_send_comes_back_to_the_same_comment(monkeypatch):
    """The browser gave up on the first send and sent the form again; the server stored the
    first send after the resend had looked for its one-time key, but before the resend's
    check for repeated words. The resend must lead back to that comment, not to an error."""
    article = make_article()
    reader = Reader()
    action, values = reader.form_values(article.url)
    values.update(name="Ola", email="ola@example.com", comment="Sent once, answered never.")
    first = reader.client.post(action, values)
    reader.client.cookies.pop(AUTHOR_COOKIE)  # its answer never reached the browser

    looked_up = []
    look_up = views.comment_sent_with

    def stored_only_after_the_first_look(token, email, body):
        looked_up.append(token.key)
        return None if len(looked_up) == 1 else look_up(token, email, body)

    monkeypatch.setattr(views, "comment_sent_with", stored_only_after_the_first_look)
    resent = reader.client.post(action, values)

    assert Comment.objects.count() == 1
    assert (resent.status_code, resent.get("Location")) == (302, first["Location"])
