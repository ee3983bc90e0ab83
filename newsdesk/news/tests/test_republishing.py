"""Publishing a story again: a minor fix readers are not told of, or an update they are."""

import importlib
import json
from datetime import timedelta
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsdesk.core import scheduler
from newsdesk.news.models import ArticlePage
from newsdesk.syndication.structured_data import iso_datetime

from .builders import make_article, make_correction
from .test_editing import article_form

pytestmark = pytest.mark.django_db

UPDATES_MIGRATION = ("news", "0009_minor_fixes_and_updates")


def republish(client, story, **fields):
    """What an editor does: change the story's standfirst and press Publish."""
    data = {
        **article_form(story.title, standfirst="A sharper summary.", slug=story.slug),
        "action-publish": "1",
        **fields,
    }
    return client.post(reverse("wagtailadmin_pages:edit", args=(story.pk,)), data)


def reader_sees(story):
    page = BeautifulSoup(Client().get(story.url).content, "html.parser")
    scripts = page.find_all("script", type="application/ld+json")
    article = next(d for d in map(json.loads, (s.string for s in scripts)) if "headline" in d)
    return page, article


def test_a_minor_fix_shows_no_updated_time_and_keeps_date_modified(admin_client):
    story = make_article("Ferry fares frozen")

    assert republish(admin_client, story, republished_as="minor_fix").status_code == 302

    page, article = reader_sees(story)
    assert page.select_one(".standfirst").text == "A sharper summary."
    assert "Updated" not in page.select_one(".dateline").text
    assert article["dateModified"] == article["datePublished"]


def test_an_update_shows_its_time_and_note_under_the_standfirst(admin_client):
    story = make_article("Ferry fares frozen")
    note = "Adds the council's answer."

    republish(admin_client, story, republished_as="update", update_note=note)

    story.refresh_from_db()
    assert story.last_updated_at == story.last_published_at > story.first_published_at
    page, article = reader_sees(story)
    updated = page.select_one(".dateline .updated time")
    assert updated["datetime"] == iso_datetime(story.last_published_at)
    assert page.select_one(".standfirst + .update-note").text == f"Update {note}"
    assert article["dateModified"] == iso_datetime(story.last_published_at)


def test_publishing_a_story_that_has_gone_out_asks_minor_fix_or_update(admin_client):
    story = make_article("Ferry fares frozen")
    edit = reverse("wagtailadmin_pages:edit", args=(story.pk,))
    unanswered = article_form(story.title, slug=story.slug, republished_as="")

    refused = admin_client.post(edit, {**unanswered, "action-publish": "1"})

    assert refused.status_code == 200
    assert "say whether this is a minor fix or an update" in refused.content.decode()
    assert admin_client.post(edit, unanswered).status_code == 302  # a draft needs no answer


def test_the_scheduler_dates_an_update_when_it_publishes_it(admin_client):
    story = make_article("Ferry fares frozen")
    go_live = timezone.now() + timedelta(hours=1)

    republish(
        admin_client,
        story,
        republished_as="update",
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
    )
    story.refresh_from_db()
    assert story.last_updated_at is None

    due = go_live + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=due):
        scheduler.publish_due()
    story.refresh_from_db()
    assert story.standfirst == "A sharper summary."
    assert story.last_updated_at == due


def test_publishing_an_older_revision_keeps_the_time_of_the_last_update(admin_client):
    story = make_article("Ferry fares frozen")
    first_revision = story.latest_revision
    republish(admin_client, story, republished_as="update")
    story.refresh_from_db()
    updated = story.last_updated_at

    first_revision.publish()

    story.refresh_from_db()
    assert story.standfirst != "A sharper summary."
    assert story.last_updated_at == updated


def test_a_copy_of_an_updated_and_corrected_story_starts_afresh():
    story = make_article("Ferry fares frozen", update_note="Adds the reply.")
    make_correction(story)
    story.refresh_from_db()

    copy = story.copy(update_attrs={"slug": "ferry-fares-frozen-again"})

    assert story.last_updated_at is not None
    assert (copy.last_updated_at, copy.update_note) == (None, "")
    assert not copy.corrections.exists()


def test_upgrading_dates_the_updates_readers_were_shown():
    republished = make_article("Ferry fares frozen")
    later = republished.first_published_at + timedelta(hours=2)
    ArticlePage.objects.filter(pk=republished.pk).update(last_published_at=later)
    untouched = make_article("Quay repairs begin")

    step = importlib.import_module("newsdesk.news.migrations.0009_minor_fixes_and_updates")
    old_apps = MigrationExecutor(connection).loader.project_state(UPDATES_MIGRATION).apps
    step.date_updates_as_readers_saw_them(old_apps, connection.schema_editor())

    republished.refresh_from_db()
    untouched.refresh_from_db()
    assert republished.last_updated_at == later
    assert untouched.last_updated_at is None
