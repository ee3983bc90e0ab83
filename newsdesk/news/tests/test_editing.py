"""Editors write, preview, schedule and publish stories in the Wagtail admin."""

from datetime import timedelta
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsdesk.news.models import ArticlePage

from .builders import make_article, make_author, make_category, story_index

pytestmark = pytest.mark.django_db


def article_form(title, **extra):
    author = make_author("Ada Lane")
    return nested_form_data(
        {
            "title": title,
            "slug": "",
            "standfirst": "A short summary of what happened.",
            "body": streamfield(
                [("paragraph", rich_text("<p>The first paragraph of the story.</p>"))]
            ),
            "bylines": inline_formset([{"author": author.pk}]),
            "latest_developments_pins": inline_formset([]),
            "category": make_category("Transport").pk,
            "tags": "harbour, ferries",
            "comments_open": "on",
            # Asked only of a story that has gone out; a new one's form has no such field.
            "republished_as": "minor_fix",
            **extra,
        }
    )


def add_url():
    return reverse("wagtailadmin_pages:add", args=("news", "articlepage", story_index().pk))


def test_editor_publishes_a_story_from_the_admin(admin_client):
    data = {
        **article_form("Ferry fares frozen"),
        "slug": "ferry-fares-frozen",
        "action-publish": "1",
    }
    response = admin_client.post(add_url(), data)
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="ferry-fares-frozen")
    assert article.live
    assert [a.name for a in article.authors] == ["Ada Lane"]
    assert set(article.tags.names()) == {"harbour", "ferries"}
    page = Client().get(article.url).content.decode()
    assert "Ferry fares frozen" in page and "Ada Lane" in page


def test_saved_draft_is_private_until_published(admin_client):
    data = {**article_form("Draft budget"), "slug": "draft-budget"}
    admin_client.post(add_url(), data)
    article = ArticlePage.objects.get(slug="draft-budget")
    assert not article.live
    assert Client().get("/news/draft-budget/").status_code == 404


def test_editor_previews_an_unsaved_story(admin_client):
    data = {**article_form("Preview headline"), "slug": "preview-headline"}
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("news", "articlepage", story_index().pk)
    )
    assert admin_client.post(preview_url, data).json()["is_valid"]
    response = admin_client.get(preview_url)
    assert response.status_code == 200
    assert "Preview headline" in response.content.decode()
    assert "Latest developments" in response.content.decode()
    dateline = BeautifulSoup(response.content, "html.parser").select_one(".dateline")
    assert dateline.text.strip() == "Not published yet"


def test_scheduled_story_goes_live_when_its_time_comes(admin_client):
    go_live = timezone.now() + timedelta(hours=1)
    data = {
        **article_form("Embargoed report"),
        "slug": "embargoed-report",
        "go_live_at": go_live.strftime("%Y-%m-%d %H:%M"),
        "action-publish": "1",
    }
    admin_client.post(add_url(), data)
    article = ArticlePage.objects.get(slug="embargoed-report")
    assert not article.live
    assert Client().get("/news/embargoed-report/").status_code == 404

    call_command("publish_scheduled")
    assert Client().get("/news/embargoed-report/").status_code == 404

    an_hour_later = timezone.now() + timedelta(hours=1, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=an_hour_later):
        call_command("publish_scheduled")
    assert Client().get("/news/embargoed-report/").status_code == 200


def test_unpublished_story_disappears_for_readers(admin_client):
    data = {**article_form("Withdrawn claim"), "slug": "withdrawn-claim", "action-publish": "1"}
    admin_client.post(add_url(), data)
    article = ArticlePage.objects.get(slug="withdrawn-claim")
    unpublish = reverse("wagtailadmin_pages:unpublish", args=(article.pk,))
    assert admin_client.post(unpublish).status_code == 302
    assert Client().get("/news/withdrawn-claim/").status_code == 404


def test_same_author_twice_is_refused_with_a_form_error(admin_client):
    reporter = make_author("Tomas Reed")
    data = {
        **article_form(
            "Double byline",
            bylines=inline_formset([{"author": reporter.pk}, {"author": reporter.pk}]),
        ),
        "slug": "double-byline",
        "action-publish": "1",
    }

    response = admin_client.post(add_url(), data)

    assert response.status_code == 200
    assert "Please correct the duplicate values below." in response.content.decode()
    assert not ArticlePage.objects.filter(slug="double-byline").exists()


def test_a_story_cannot_pin_itself_in_its_latest_developments(admin_client):
    story = make_article("Harbour works begin")
    other = make_article("Ferry fares frozen")
    edit_url = reverse("wagtailadmin_pages:edit", args=(story.pk,))
    data = {
        **article_form(
            story.title, latest_developments_pins=inline_formset([{"article": story.pk}])
        ),
        "slug": story.slug,
        "action-publish": "1",
    }

    refused = admin_client.post(edit_url, data)

    assert refused.status_code == 200
    assert "this box never lists the story it sits in" in refused.content.decode()
    assert not story.latest_developments_pins.exists()

    data["latest_developments_pins-0-article"] = other.pk
    assert admin_client.post(edit_url, data).status_code == 302
    assert [pin.article for pin in story.latest_developments_pins.all()] == [other]
