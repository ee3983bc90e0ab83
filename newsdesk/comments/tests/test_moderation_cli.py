"""A moderator works the comment queue from a terminal with ``newsdesk comments``."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from newsdesk.comments import moderation
from newsdesk.comments.management.commands.comments import Command
from newsdesk.comments.models import Comment
from newsdesk.news.tests.builders import make_article

pytestmark = pytest.mark.django_db

Status = Comment.Status


def make_comment(article, name="Rosa Quill", body="Sensible words.", **fields):
    return Comment.objects.create(
        article=article, name=name, email="rosa@example.com", body=body, **fields
    )


def run(*args):
    """Run ``newsdesk comments ARGS``; returns what it printed, line by line."""
    out = StringIO()
    call_command("comments", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue().splitlines()


def statuses(*comments):
    return [Comment.objects.get(pk=comment.pk).status for comment in comments]


def moderation_done(action):
    return {
        "approve": "approved",
        "spam": "marked as spam",
        "trash": "moved to the trash",
        "hold": "sent back to pending",
    }[action]


def test_list_shows_a_table_newest_first():
    article = make_article("Harbour reopens after the winter storms damaged the pier")
    now = timezone.now()
    older = make_comment(article, name="Ola", created_at=now - timedelta(hours=2))
    newer = make_comment(
        article,
        name="Kari",
        body="The ferry timetable\nsuits early shifts much better than the old one did.",
        status=Status.APPROVED,
        created_at=now,
    )

    heading, first, second = run("list")

    assert heading.split() == ["ID", "STATUS", "POSTED", "STORY", "HEADLINE", "NAME", "COMMENT"]
    assert first.split()[:2] == [str(newer.pk), "approved"]
    assert first.split()[4] == str(article.pk)
    assert timezone.localtime(now).strftime("%Y-%m-%d %H:%M") in first
    assert "Harbour reopens after the win…" in first
    assert first.endswith("The ferry timetable suits early shifts much better…")
    assert second.split()[:2] == [str(older.pk), "pending"]


def test_list_filters_by_status():
    article = make_article()
    make_comment(article, name="Waiting")
    make_comment(article, name="Junk", status=Status.SPAM)

    heading, *rows = run("list", "--status", "spam")

    assert [row.split()[1] for row in rows] == ["spam"]
    assert "Junk" in rows[0]


def test_list_filters_by_article():
    harbour, council = make_article("Harbour reopens"), make_article("Council votes")
    make_comment(harbour, name="Harbourside")
    make_comment(council, name="Councillor")

    heading, *rows = run("list", "--article", council.pk)

    assert len(rows) == 1
    assert "Councillor" in rows[0]


def test_list_limit_says_how_many_more_there_are():
    article = make_article()
    for number in range(3):
        make_comment(article, name=f"Reader {number}")

    lines = run("list", "--limit", 2)

    assert len(lines) == 4
    assert lines[-1] == "Showing the newest 2 of 3; raise --limit to see more."


def test_list_says_so_when_nothing_matches():
    make_comment(make_article())
    assert run("list", "--status", "trash") == ["No comments match."]


def test_list_makes_terminal_control_characters_harmless():
    make_comment(make_article(), name="\x1b[2JEve", body="Hi\x1b]0;pwned\x07 there")
    heading, row = run("list")
    assert "\x1b" not in row
    assert "\x07" not in row
    assert "\ufffd[2JEve" in row


@pytest.mark.parametrize(
    ("action", "status_after"),
    [
        ("approve", Status.APPROVED),
        ("spam", Status.SPAM),
        ("trash", Status.TRASH),
        ("hold", Status.PENDING),
    ],
)
def test_moderating_named_comments_changes_only_those(action, status_after):
    article = make_article()
    before = Status.SPAM if status_after == Status.PENDING else Status.PENDING
    first, second = (make_comment(article, status=before) for _ in range(2))
    bystander = make_comment(article, status=Status.TRASH)

    lines = run(action, first.pk, second.pk)

    assert lines == [f"2 comments {moderation_done(action)}."]
    assert statuses(first, second, bystander) == [status_after, status_after, Status.TRASH]
    assert Comment.objects.get(pk=first.pk).moderated_at is not None


def test_delete_removes_the_named_comments():
    article = make_article()
    doomed, kept = make_comment(article), make_comment(article)
    assert run("delete", doomed.pk) == ["1 comment deleted."]
    assert list(Comment.objects.all()) == [kept]


def test_all_pending_approves_every_pending_comment_and_nothing_else(monkeypatch):
    # Small batches, so the run goes through several of them as a large queue would.
    monkeypatch.setattr(moderation, "BATCH_SIZE", 2)
    article = make_article()
    waiting = [make_comment(article) for _ in range(5)]
    spam = make_comment(article, status=Status.SPAM)

    assert run("approve", "--all-pending") == ["5 comments approved."]

    assert statuses(*waiting, spam) == [Status.APPROVED] * 5 + [Status.SPAM]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["approve"], "Name the comments by id, or use --all-pending."),
        (["approve", "{comment}", "--all-pending"], "Give comment ids or --all-pending, not both."),
        (["spam", "{comment}", "999999"], "No comment has id 999999; nothing was changed."),
        (["trash", "99998", "99999"], "No comments have ids 99998, 99999; nothing was changed."),
        (["approve", "abc"], "argument ID: 'abc' is not an id"),
        (["list", "--status", "hidden"], "argument --status: invalid choice: 'hidden'"),
        (["list", "--article", "999999"], "No article has id 999999."),
        (["list", "--limit", "0"], "argument --limit: '0' is not a whole number of 1 or more"),
        (["publish", "{comment}"], "invalid choice: 'publish'"),
    ],
)
def test_each_mistake_stops_with_one_clear_line_and_changes_nothing(args, message):
    comment = make_comment(make_article())

    with pytest.raises(CommandError) as error:
        run(*(arg.format(comment=comment.pk) for arg in args))

    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert statuses(comment) == [Status.PENDING]


def test_every_subcommand_and_option_explains_itself():
    parser = Command().create_parser("newsdesk", "comments")
    subcommands = next(action for action in parser._actions if action.dest == "subcommand")

    assert set(subcommands.choices) == {
        "list",
        "show",
        "approve",
        "spam",
        "trash",
        "hold",
        "delete",
    }
    for name, subparser in subcommands.choices.items():
        assert subparser.description, name
        for option in subparser._actions:
            assert option.help, (name, option.dest)
