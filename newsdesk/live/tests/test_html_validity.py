"""Live pages pass the Nu Html Checker, and so do the update check's updates set into them."""

import json

import pytest
from django.test import Client

from newsdesk.live.models import UPDATES_PER_PAGE
from newsdesk.testing.nu_html import nu_html_errors

from .builders import post_updates
from .pages import build_live_stories

pytestmark = pytest.mark.django_db

STREAM = '<div class="live-updates" data-live-updates>'


def test_live_story_pages_and_the_checks_updates_have_no_html_errors():
    running, ended = build_live_stories()
    post_updates(running, UPDATES_PER_PAGE)
    reader = Client()
    pages = {
        "running live story": reader.get(running.url).content.decode(),
        "running live story, page 2": reader.get(running.url, {"page": 2}).content.decode(),
        "ended live story": reader.get(ended.url).content.decode(),
        "front page with live cards": reader.get("/").content.decode(),
    }
    check = json.loads(reader.get(f"/live/{running.pk}/updates/").content)
    # As the script sets them: each update's HTML at the top of the stream.
    fragments = "".join(update["html"] for update in check["updates"])
    page = pages["running live story"]
    pages["running live story with the check's updates"] = page.replace(
        STREAM, STREAM + fragments.replace('id="update-', 'id="checked-update-')
    )
    assert all(STREAM in pages[name] for name in ("running live story", "ended live story"))

    assert nu_html_errors(pages) == {}
