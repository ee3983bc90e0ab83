"""The sign-up form on kept pages: nothing lost on an error, and no way to abuse it."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from newsdesk.caching import SITE
from newsdesk.news.tests.builders import make_article, make_category
from newsdesk.newsletters.models import Newsletter, Subscriber
from newsdesk.testing.sites import free_port

from .readers import NewsletterReader, alerts, briefing

pytestmark = pytest.mark.django_db


def test_the_form_sits_between_a_storys_tags_and_its_comments_with_the_briefing_ticked():
    story = make_article("Harbour wall repaired", category=make_category("Harbour"), tags=["sea"])
    page = NewsletterReader().soup(story.url)

    boxes = [page.select_one(s) for s in (".tags", ".newsletter-signup", "#comments")]
    order = [element.sourceline for element in boxes]
    assert order == sorted(order)
    ticked = page.select(".newsletter-signup input[type=checkbox][checked]")
    assert [box["value"] for box in ticked] == [str(briefing().pk)]
    assert not page.select('input[name="csrfmiddlewaretoken"]')
    assert NewsletterReader().client.get(story.url).cookies == {}


def test_the_answer_to_a_sign_up_is_never_kept_for_other_readers():
    answer = NewsletterReader().sign_up(email="ida@example.org")

    assert answer.status_code == 200
    assert not hasattr(answer, "newsdesk_cache_tags")
    assert answer.cookies == {}


def test_a_section_page_offers_the_form_with_its_weekly_ticked_when_offered():
    sport = make_category("Sport")
    Newsletter.objects.filter(section=sport).update(is_active=True)
    weekly = Newsletter.objects.get(section=sport)

    page = NewsletterReader().soup(sport.get_absolute_url())

    ticked = page.select(".newsletter-signup input[type=checkbox][checked]")
    assert {box["value"] for box in ticked} == {str(briefing().pk), str(weekly.pk)}


def test_a_refused_form_comes_back_with_what_was_typed_and_what_to_fix(mailoutbox):
    story = make_article("Harbour wall repaired", category=make_category("Harbour"))
    reader = NewsletterReader()

    answer = reader.sign_up(story.url, email="ida at example", newsletters=[alerts().pk])

    assert answer.status_code == 400
    page = BeautifulSoup(answer.content, "html.parser")
    assert "Enter a valid email address" in page.select_one("#signup-errors").text
    assert page.select_one("#signup_email")["value"] == "ida at example"
    ticked = page.select("input[type=checkbox][checked]")
    assert [box["value"] for box in ticked] == [str(alerts().pk)]
    back = page.select_one(f'a[href="{story.url}"]')
    assert back.text == "Back to the page you were reading"
    assert mailoutbox == []
    assert not Subscriber.objects.exists()


def test_choosing_no_newsletter_is_a_clear_error_keeping_the_address():
    answer = NewsletterReader().sign_up(email="ida@example.org", newsletters=[])

    assert answer.status_code == 400
    assert b"Please choose at least one newsletter." in answer.content
    assert b'value="ida@example.org"' in answer.content


def test_a_bot_filling_the_hidden_field_gets_the_usual_answer_and_nothing_else(mailoutbox):
    reader = NewsletterReader()
    human = reader.sign_up(email="ida@example.org")
    mailoutbox.clear()
    Subscriber.objects.all().delete()

    bot = reader.sign_up(email="ida@example.org", nl_ref="https://spam.example/")

    assert bot.status_code == 200
    assert bot.content == human.content
    assert mailoutbox == []
    assert not Subscriber.objects.exists()


def test_a_network_sending_too_many_sign_ups_is_asked_to_wait_with_nothing_lost(settings):
    settings.NEWSDESK_NEWSLETTERS_SIGN_UP_LIMIT = 3
    reader = NewsletterReader(remote_addr="198.51.100.7")
    for n in range(3):
        assert reader.sign_up(email=f"reader{n}@example.org").status_code == 200
    # The next address of the same /24 counts against the same limit.
    neighbour = NewsletterReader(remote_addr="198.51.100.99")

    refused = neighbour.sign_up(email="late@example.org")

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert b"Please wait" in refused.content
    assert b'value="late@example.org"' in refused.content
    assert not Subscriber.objects.filter(email="late@example.org").exists()
    assert (
        NewsletterReader(remote_addr="192.0.2.1").sign_up(email="o@example.org").status_code == 200
    )


def test_a_sign_up_posted_from_another_site_is_refused(mailoutbox):
    action, values = NewsletterReader().form_values("/newsletters/")
    values["email"] = "victim@example.org"
    forger = Client(HTTP_SEC_FETCH_SITE="cross-site")
    by_origin = Client(HTTP_ORIGIN="https://attacker.example")

    assert forger.post(action, values).status_code == 403
    assert by_origin.post(action, values).status_code == 403
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_kept_pages_go_stale_when_an_editor_changes_a_newsletter():
    with mock.patch("newsdesk.caching.signal_handlers.invalidate") as invalidate:
        renamed = alerts()
        renamed.name = "Alerts"
        renamed.save()

    invalidate.assert_called_once_with(SITE)


def test_only_newsletters_on_offer_can_be_chosen():
    hidden = Newsletter.objects.create(name="Staff notes", slug="staff-notes", is_active=False)

    answer = NewsletterReader().sign_up(email="ida@example.org", newsletters=[hidden.pk])

    assert answer.status_code == 400
    assert b"no longer offered" in answer.content


def test_a_mail_server_that_is_down_costs_the_reader_nothing_but_a_retry(settings, smtp_server):
    smtp_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()
    reader = NewsletterReader()

    refused = reader.sign_up(email="ida@example.org", newsletters=[alerts().pk])

    assert refused.status_code == 503
    assert b"could not send the confirmation email" in refused.content
    assert b'value="ida@example.org"' in refused.content
    settings.EMAIL_PORT = smtp_port
    assert reader.sign_up(email="ida@example.org").status_code == 200
    assert len(smtp_server.messages_to("ida@example.org")) == 1
