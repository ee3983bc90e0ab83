import email
from email.policy import default

import pytest
from django.core import mail

from newsdesk.newsletters import emails, sending, tokens

from .builders import edition, subscriber

pytestmark = pytest.mark.django_db


def test_a_readers_copy_carries_the_stories_and_their_own_signed_links():
    reader = subscriber()
    sent = edition(stories=2)

    rendered = emails.render_edition(sent, reader)

    token = tokens.preferences_token(reader)
    for part in (rendered.html, rendered.text):
        assert f"http://127.0.0.1:8000/newsletters/unsubscribe/{token}/" in part
        assert f"http://127.0.0.1:8000/newsletters/preferences/{token}/" in part
        assert "Harbour story" in part
        assert "Three things to know" in part
    assert 'alt="Fishing boats moored at the harbour wall"' in rendered.html
    assert 'src="http://127.0.0.1:8000/media/' in rendered.html
    assert 'style="' in rendered.html  # CSS inlined for mail programs


def test_the_web_copy_has_no_personal_links():
    rendered = emails.render_edition(edition())

    assert "unsubscribe" not in rendered.html.lower()
    assert "preferences" not in rendered.text


def test_no_line_of_the_html_is_too_long_for_a_mail_server():
    long_intro = " ".join(["word"] * 600)
    rendered = emails.render_edition(edition(intro=long_intro), subscriber())

    assert max(len(line) for line in rendered.html.splitlines()) <= emails.LINE_LIMIT
    assert long_intro in " ".join(rendered.html.split())


def test_the_message_has_one_click_unsubscribe_headers():
    reader = subscriber()
    message = emails.edition_message(edition(), reader)

    token = tokens.preferences_token(reader)
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<http://127.0.0.1:8000/newsletters/unsubscribe/{token}/>, ")
    assert "<mailto:unsubscribe@localhost?subject=unsubscribe%20" in unsubscribe
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Id"] == '"The Daily Briefing" <daily-briefing.127.0.0.1>'


def test_queuing_makes_one_delivery_per_receiving_subscriber_and_only_once():
    subscriber("one@example.org")
    subscriber("two@example.org")
    subscriber("waiting@example.org", status="pending")
    sent = edition()

    assert sending.queue(sent) == 2
    sent.refresh_from_db()
    assert (sent.status, sent.recipient_count) == ("sending", 2)
    assert sending.progress(sent)["queued"] == 2
    with pytest.raises(sending.NotSendable):
        sending.queue(sent)


def test_a_test_send_goes_to_the_address_marked_as_a_test():
    sending.send_test(edition(), "editor@example.org")

    assert [message.subject for message in mail.outbox] == ["[Test] Tuesday's briefing"]


def test_the_bytes_made_once_per_edition_are_the_message_django_would_build_for_the_reader():
    reader = subscriber("Reader.One@example.org")
    message = emails.edition_message(edition(stories=2), reader)
    assert message.raw is not None

    fast = email.message_from_bytes(message.message().as_bytes(linesep="\r\n"), policy=default)
    message.raw = None
    built = email.message_from_bytes(message.message().as_bytes(linesep="\r\n"), policy=default)

    for header in ("Subject", "From", "To", "List-Unsubscribe", "List-Unsubscribe-Post", "List-Id"):
        assert fast[header] == built[header]
    assert fast["To"] == "reader.one@example.org"
    for kind in ("plain", "html"):
        assert fast.get_body((kind,)).get_content() == built.get_body((kind,)).get_content()
    again = emails.edition_message(edition(), reader).message().as_bytes(linesep="\r\n")
    assert fast["Message-ID"] != email.message_from_bytes(again, policy=default)["Message-ID"]
