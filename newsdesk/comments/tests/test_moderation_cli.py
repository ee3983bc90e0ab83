"""A moderator works the comment queue from a terminal with ``newsdesk comments``."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from newsdesk.comments import models as comment_models
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


def invalidations(monkeypatch):
    """The stories whose kept pages each moderation made stale, one set per call."""
    calls = []
    monkeypatch.setattr(comment_models, "discussions_changed", calls.append)
    return calls


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


def test_list_filters_by_email_whatever_its_case():
    article = make_article()
    make_comment(article, name="Rosa")
    Comment.objects.create(article=article, name="Per", email="Per@Example.NO", body="Hei.")
    Comment.objects.create(article=article, name="Pål", email="per@example.no.evil", body="Hei.")

    heading, *rows = run("list", "--email", "per@example.no")

    assert len(rows) == 1
    assert "Per" in rows[0]


def test_list_search_needs_every_word_in_the_text_or_the_name():
    article = make_article()
    make_comment(article, name="Ferry fan", body="The new TIMETABLE suits me.")
    make_comment(article, name="Kari", body="The ferry timetable is late again.")
    make_comment(article, name="Ola", body="The ferry is fine.")

    heading, *rows = run("list", "--search", "ferry timetable")

    assert len(rows) == 2
    assert "Kari" in rows[0]
    assert "Ferry fan" in rows[1]


def test_list_filters_combine_with_each_other():
    harbour, council = make_article("Harbour reopens"), make_article("Council votes")
    make_comment(harbour, name="Wanted", body="Ferry at last.", status=Status.SPAM)
    make_comment(harbour, name="Pending", body="Ferry at last.")
    make_comment(council, name="Elsewhere", body="Ferry at last.", status=Status.SPAM)
    make_comment(harbour, name="Silent", body="Nothing to add.", status=Status.SPAM)

    args = ["--status", "spam", "--article", harbour.pk, "--email", "ROSA@example.com"]
    heading, *rows = run("list", *args, "--search", "ferry", "--limit", 5)

    assert len(rows) == 1
    assert "Wanted" in rows[0]


def test_list_long_prints_each_whole_text_wrapped_under_its_row():
    article = make_article()
    ending = "and that is the end of a very long comment."
    make_comment(article, name="Kari", body="Word " * 60 + ending + "\n\nSecond paragraph.")
    make_comment(article, name="Ola", body="Short.")

    heading, *lines = run("list", "--long")

    kari = next(n for n, line in enumerate(lines) if "Kari" in line)
    assert not lines[kari].rstrip().endswith("…")
    text = lines[kari + 1 : lines.index("", kari + 1)]
    assert len(text) > 2
    assert all(line.startswith("         ") and len(line) <= 88 for line in text)
    words = " ".join(" ".join(text).split())
    assert words == " ".join(["Word"] * 60) + " " + ending
    assert "         Second paragraph." in lines
    assert "         Short." in lines


def test_list_long_makes_terminal_control_characters_harmless():
    make_comment(make_article(), body="Hi\x1b]0;pwned\x07 there\r\x1b[2K\u202egone")
    output = "\n".join(run("list", "--long"))
    for control in ("\x1b", "\x07", "\r", "\u202e"):
        assert control not in output
    assert "Hi\ufffd]0;pwned\ufffd there" in output


def test_show_prints_every_field_and_the_whole_text():
    article = make_article("Harbour reopens after the winter storms damaged the pier")
    opening = make_comment(article)
    body = "A long reply. " * 40 + "The very last words."
    comment = make_comment(
        article,
        name="Kari Nordmann",
        body=body,
        parent=opening,
        website="https://kari.example/",
        status=Status.SPAM,
        moderation_reason="blocked word: casino",
        ip_address="203.0.113.7",
        client_network="203.0.113.0/24",
        user_agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
    )

    lines = run("show", comment.pk)

    fields = dict(line.split(":", 1) for line in lines[: lines.index("Text:")])
    fields = {label: value.strip() for label, value in fields.items()}
    assert fields["Comment"] == str(comment.pk)
    assert fields["Status"] == "spam (blocked word: casino)"
    assert fields["Story"] == f"{article.title} (id {article.pk})"
    assert fields["Address"] == f"{article.url}#comment-{comment.pk}"
    assert fields["Reply to"] == f"comment {opening.pk}"
    assert fields["Name"] == "Kari Nordmann"
    assert fields["Email"] == "rosa@example.com"
    assert fields["Website"] == "https://kari.example/"
    assert fields["IP address"] == "203.0.113.7"
    assert fields["Network"] == "203.0.113.0/24"
    assert fields["User agent"] == "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
    assert fields["Posted"].startswith(timezone.localtime(comment.created_at).strftime("%Y-%m-%d"))
    assert fields["Moderated"] == "-"
    text = lines[lines.index("Text:") + 1 :]
    assert " ".join(line.strip() for line in text) == body.strip()


def test_show_says_who_moderated_and_when(django_user_model):
    editor = django_user_model.objects.create_user("editor")
    comment = moderation.approve(make_comment(make_article()), by=editor)

    lines = run("show", comment.pk)

    moderated = timezone.localtime(comment.moderated_at).strftime("%Y-%m-%d %H:%M")
    assert any(line.startswith("Moderated:") and moderated in line for line in lines)
    assert any(line.endswith("by editor") for line in lines)


def test_show_makes_terminal_control_characters_harmless():
    comment = make_comment(make_article(), name="\x1b[2JEve", body="Hi\x1b]0;pwned\x07 there")
    output = "\n".join(run("show", comment.pk))
    assert "\x1b" not in output
    assert "\x07" not in output
    assert "\ufffd[2JEve" in output


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


@pytest.mark.parametrize(
    ("action", "state", "message"),
    [
        ("approve", Status.APPROVED, "Comment {pk} is already approved: nothing changed."),
        ("spam", Status.SPAM, "Comment {pk} is already marked as spam: nothing changed."),
        ("trash", Status.TRASH, "Comment {pk} is already in the trash: nothing changed."),
        ("hold", Status.PENDING, "Comment {pk} is already pending: nothing changed."),
    ],
)
def test_moderating_a_comment_already_in_that_state_says_so_and_changes_nothing(
    monkeypatch, action, state, message
):
    editor_time = timezone.now() - timedelta(days=3)
    comment = make_comment(make_article(), status=state, moderated_at=editor_time)
    stale = invalidations(monkeypatch)

    assert run(action, comment.pk) == [message.format(pk=comment.pk)]

    after = Comment.objects.get(pk=comment.pk)
    assert (after.status, after.moderated_at) == (state, editor_time)
    assert stale == []


def test_moderating_a_mix_changes_only_those_not_yet_in_that_state_and_counts_both(monkeypatch):
    harbour, council = make_article("Harbour reopens"), make_article("Council votes")
    editor_time = timezone.now() - timedelta(days=3)
    waiting = [make_comment(harbour), make_comment(harbour, status=Status.SPAM)]
    done = make_comment(council, status=Status.APPROVED, moderated_at=editor_time)
    stale = invalidations(monkeypatch)

    lines = run("approve", *(comment.pk for comment in [*waiting, done]))

    assert lines == ["2 comments approved; 1 already approved."]
    assert statuses(*waiting, done) == [Status.APPROVED] * 3
    assert Comment.objects.get(pk=done.pk).moderated_at == editor_time
    assert stale == [{harbour.pk}]


def test_several_comments_all_already_in_that_state_are_counted():
    article = make_article()
    trashed = [make_comment(article, status=Status.TRASH) for _ in range(2)]

    assert run("trash", *(c.pk for c in trashed)) == [
        "2 comments already in the trash: nothing changed."
    ]


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
        (["show", "999999"], "No comment has id 999999."),
        (["show", "-1"], "argument ID: '-1' is not an id"),
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
    listing = subcommands.choices["list"]
    for option in listing._actions:
        if option.dest in {"email", "search", "limit", "long"}:
            assert "Example: " in option.help, option.dest
    assert "Example: newsdesk comments show 12" in subcommands.choices["show"].description
