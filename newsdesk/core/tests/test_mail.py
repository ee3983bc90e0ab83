import pytest
from django.core import mail

from newsdesk.settings.env import email_url_settings


def test_mail_reaches_a_real_smtp_server_with_its_parts(smtp_server):
    message = mail.EmailMultiAlternatives(
        "Hello", "Plain words", "desk@example.org", ["Reader@example.org"]
    )
    message.attach_alternative("<p>Rich words</p>", "text/html")
    message.send()

    (received,) = smtp_server.messages_to("reader@example.org")
    assert received.message["Subject"] == "Hello"
    assert received.part("text/plain").strip() == "Plain words"
    assert received.part("text/html").strip() == "<p>Rich words</p>"


def test_the_mail_server_is_one_address_with_its_password_decoded():
    smtp = email_url_settings("smtp://desk%40paper.example:p%3Ass@mail.example:2525?starttls=1")

    assert smtp["EMAIL_HOST"] == "mail.example"
    assert smtp["EMAIL_PORT"] == 2525
    assert (smtp["EMAIL_HOST_USER"], smtp["EMAIL_HOST_PASSWORD"]) == ("desk@paper.example", "p:ss")
    assert (smtp["EMAIL_USE_TLS"], smtp["EMAIL_USE_SSL"]) == (True, False)


def test_smtps_means_tls_from_the_start_on_port_465():
    smtp = email_url_settings("smtps://mail.example")

    assert (smtp["EMAIL_PORT"], smtp["EMAIL_USE_SSL"], smtp["EMAIL_USE_TLS"]) == (465, True, False)


def test_an_address_that_is_not_smtp_is_refused_by_name():
    with pytest.raises(ValueError, match="NEWSDESK_EMAIL_URL"):
        email_url_settings("http://mail.example")
