"""``newsdesk newsletters subscribers export|import`` and the click counter."""

import csv
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from newsdesk.newsletters import clicks
from newsdesk.newsletters.models import LinkClick, Subscriber, Suppression

from .builders import briefing, edition, subscriber

pytestmark = pytest.mark.django_db

HEADER = "email,newsletters,confirmed_at,confirmed_from\n"


def run(*arguments):
    out, err = StringIO(), StringIO()
    call_command("newsletters", *arguments, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, text):
    path = tmp_path / "list.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_export_lists_every_subscriber_with_their_consent_and_newsletters(tmp_path):
    subscriber("kept@example.org")
    path = tmp_path / "out.csv"

    out, _err = run("subscribers", "export", str(path))

    assert out.strip() == f"Exported 1 subscribers to {path}."
    (row,) = csv.DictReader(path.open(encoding="utf-8"))
    assert (row["email"], row["status"], row["newsletters"]) == (
        "kept@example.org",
        "confirmed",
        "daily-briefing",
    )


def test_an_import_adds_readers_with_consent_and_refuses_the_others_by_line(tmp_path):
    Suppression.add("left@example.org", Suppression.Reason.UNSUBSCRIBED)
    path = write(
        tmp_path,
        HEADER
        + "new@example.org,daily-briefing,2026-03-01T09:00:00+00:00,https://paper.example/\n"
        + "noconsent@example.org,daily-briefing,,\n"
        + "left@example.org,daily-briefing,2026-03-01,\n"
        + "typo.example.org,daily-briefing,2026-03-01,\n",
    )

    out, err = run("subscribers", "import", str(path))

    assert "Imported 1 subscribers; 1 suppressed or already there skipped; 2 refused." in out
    assert "line 3: refused: noconsent@example.org has no consent date" in err
    assert "line 5: refused: 'typo.example.org' is not an email address" in err
    reader = Subscriber.objects.get()
    assert (reader.email, reader.status, reader.confirmed_from) == (
        "new@example.org",
        "confirmed",
        "https://paper.example/",
    )
    assert list(briefing().receiving_subscribers()) == [reader]


def test_a_file_that_cannot_be_read_changes_nothing_and_names_the_line(tmp_path):
    path = write(
        tmp_path,
        HEADER + "one@example.org,daily-briefing,2026-03-01,\n" + "two@example.org,a,b,c,d,e\n",
    )

    with pytest.raises(CommandError, match="line 3: more fields than the header names"):
        run("subscribers", "import", str(path))
    assert not Subscriber.objects.exists()


def test_a_file_without_the_consent_column_is_refused_whole(tmp_path):
    path = write(tmp_path, "email\none@example.org\n")

    with pytest.raises(CommandError, match="line 1: the header has no confirmed_at column"):
        run("subscribers", "import", str(path))


def test_a_counted_link_adds_one_to_its_count_and_leads_to_the_story(client):
    newsletter = briefing()
    newsletter.counts_clicks = True
    newsletter.save()
    sent = edition(picture=False)
    url = "http://127.0.0.1:8000/news/a-story/"

    path = clicks.tracked(sent, url)
    first, second = client.get(path), client.get(path)

    assert (first.status_code, first["Location"]) == (302, url)
    assert second.status_code == 302
    assert LinkClick.objects.get(edition=sent, url=url).clicks == 2


def test_links_are_not_counted_unless_the_newsletter_asks():
    url = "http://127.0.0.1:8000/news/a-story/"

    assert clicks.tracked(edition(picture=False), url) == url


def test_an_altered_counted_link_leads_nowhere(client):
    path = reverse("newsletters:click", kwargs={"token": "not-a-signed-link"})

    assert client.get(path).status_code == 404
