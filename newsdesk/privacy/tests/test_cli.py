"""An operator handles privacy requests from a terminal with ``newsdesk privacy``."""

import json
import os
import stat
import subprocess
import sys
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from newsdesk.comments.models import Comment
from newsdesk.news.tests.builders import make_article
from newsdesk.privacy.models import PrivacyRequest

from .builders import make_comment, personal_fields

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


def run(*args):
    """Run ``newsdesk privacy ARGS``; returns what it wrote to stdout and to stderr."""
    out, err = StringIO(), StringIO()
    call_command("privacy", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_export_prints_the_json_and_logs_the_command_line():
    make_comment(make_article(), body="Fine harbour.")
    make_comment(make_article(), email="ola@example.com")

    out, err = run("export", "Rosa@Example.com")

    export = json.loads(out)
    assert [comment["text"] for comment in export["comments"]] == ["Fine harbour."]
    assert err == ""
    entry = PrivacyRequest.objects.get()
    assert (entry.action, entry.requested_by_name, entry.comment_count) == (
        "export",
        "command line",
        1,
    )


def test_export_to_a_file_is_readable_by_its_owner_only(tmp_path):
    make_comment(make_article(), name="Zoë")
    target = tmp_path / "rosa.json"

    out, _err = run("export", "rosa@example.com", "--output", str(target))

    assert json.loads(target.read_text(encoding="utf-8"))["comments"][0]["name"] == "Zoë"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert out == f"Wrote 1 comment by rosa@example.com to {target}.\n"


def test_export_of_an_address_with_no_comments_says_so_and_still_succeeds():
    out, err = run("export", "nobody@example.com")

    assert json.loads(out)["comments"] == []
    assert err == "No comments were posted with nobody@example.com; the list is empty.\n"
    assert PrivacyRequest.objects.get().comment_count == 0


def test_export_that_cannot_be_written_fails_in_one_line_and_is_not_logged(tmp_path):
    make_comment(make_article())

    with pytest.raises(CommandError, match=r"^Could not write .*: No such file or directory\.$"):
        run("export", "rosa@example.com", "--output", str(tmp_path / "missing" / "rosa.json"))

    assert not PrivacyRequest.objects.exists()


def test_erase_says_how_many_comments_it_anonymised():
    comments = [make_comment(make_article()), make_comment(make_article())]

    out, _err = run("erase", "rosa@example.com")

    assert out == (
        "Erased 2 comments by rosa@example.com: now “Anonymous”, email, website and "
        "IP address removed, text kept.\n"
    )
    assert {personal_fields(comment)["name"] for comment in comments} == {"Anonymous"}


def test_erase_with_delete_comments_deletes_and_says_what_it_kept():
    article = make_article()
    answered = make_comment(article)
    make_comment(article, parent=answered, email="ola@example.com")
    make_comment(article)

    out, _err = run("erase", "rosa@example.com", "--delete-comments")

    assert out.startswith("Deleted 1 comment by rosa@example.com. 1 that other readers")
    assert Comment.objects.get(pk=answered.pk).status == Comment.Status.TRASH
    assert Comment.objects.count() == 2


def test_erase_of_an_unknown_address_changes_nothing_and_says_so():
    make_comment(make_article())

    out, _err = run("erase", "nobody@example.com")

    assert out == "No comments were posted with nobody@example.com; nothing to erase.\n"
    assert Comment.objects.get().name == "Rosa Quill"
    assert PrivacyRequest.objects.get().action == "erase"


def test_clear_ips_says_how_many_comments_it_cleared():
    make_comment(make_article(), created_at=timezone.now() - timedelta(days=40))
    make_comment(make_article())

    out, _err = run("clear-ips")

    assert out == (
        "Cleared the IP address, network and browser of 1 comment posted more than 30 days ago.\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "rosa"], "“rosa” is not an email address."),
        (["erase", "rosa@"], "“rosa@” is not an email address."),
        (["erase", ""], "“” is not an email address."),
    ],
)
def test_an_address_that_is_not_one_stops_the_command_in_one_line(args, message):
    make_comment(make_article(), email="")

    with pytest.raises(CommandError) as failure:
        run(*args)

    assert str(failure.value) == message
    assert not PrivacyRequest.objects.exists()
    assert Comment.objects.get().name == "Rosa Quill"


def test_a_bad_retention_setting_stops_clear_ips_in_one_line(settings):
    settings.NEWSDESK_COMMENTS_IP_RETENTION_DAYS = 0
    with pytest.raises(CommandError, match="^NEWSDESK_COMMENTS_IP_RETENTION_DAYS must be"):
        run("clear-ips")


def test_from_a_shell_a_bad_address_exits_non_zero_with_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk", "privacy", "erase", "not-an-address"],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.test",
            "NEWSDESK_DATA_DIR": str(tmp_path),
        },
        timeout=120,
        check=False,
    )

    assert result.returncode == 1
    assert result.stderr.splitlines() == ["CommandError: “not-an-address” is not an email address."]
    assert result.stdout == ""
