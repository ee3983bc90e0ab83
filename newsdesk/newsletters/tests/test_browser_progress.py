"""An editor watching a newsletter's page sees its edition's progress bar move as mail goes out."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from newsdesk.conftest_browser import TIMEOUT_MS, axe_violations
from newsdesk.desk.tests.builders import make_member
from newsdesk.newsletters.models import Delivery, Edition

from .admin_builders import briefing, edition_of, reader

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_progress_bar_follows_the_sending_without_a_reload(chromium, live_server):
    going = edition_of(briefing(), "Tuesday's briefing", status=Edition.Status.SENDING)
    first, second = reader("one@example.org"), reader("two@example.org")
    Delivery.objects.create(edition=going, subscriber=first, status=Delivery.Status.SENT)
    waiting = Delivery.objects.create(edition=going, subscriber=second)
    editor = Client()
    editor.force_login(make_member("edna", "Editors"))
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 390, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    cookie = settings.SESSION_COOKIE_NAME
    context.add_cookies(
        [{"name": cookie, "value": editor.cookies[cookie].value, "url": live_server.url}]
    )
    page = context.new_page()

    page.goto(reverse("newsletter_admin:inspect", args=(briefing().pk,)))
    row = page.locator("[data-edition-progress]")
    expect(row.locator("[data-field='percent']")).to_have_text("50%")
    Delivery.objects.filter(pk=waiting.pk).update(status=Delivery.Status.SENT)

    expect(row.locator("[data-field='percent']")).to_have_text("100%", timeout=6_000)
    expect(row.locator("[data-count='sent']")).to_have_text("2")
    assert row.locator("progress").evaluate("bar => bar.value") == 2
    assert axe_violations(page) == []
    context.close()
