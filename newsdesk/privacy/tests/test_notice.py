"""The privacy notice: written by `newsdesk migrate`, edited as a page, linked from the form."""

import importlib

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.db import migrations
from django.test import Client
from django.urls import reverse

from newsdesk.core.models import StandardPage
from newsdesk.news.tests.builders import make_article

pytestmark = pytest.mark.django_db

migration = importlib.import_module("newsdesk.privacy.migrations.0002_privacy_notice_page")


def form_privacy_links(article):
    page = BeautifulSoup(Client().get(article.url).content, "html.parser")
    return [(a.text, a["href"]) for a in page.select("#commentform .comment-privacy a")]


def test_migrate_writes_a_live_privacy_notice_about_comments_retention_and_erasure():
    notice = StandardPage.objects.get(slug="privacy")
    assert notice.live
    assert notice.get_parent().specific_class.__name__ == "HomePage"

    response = Client().get("/privacy/")
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").select_one("main").get_text(" ")
    days = settings.NEWSDESK_COMMENTS_IP_RETENTION_DAYS
    assert f"kept for {days} days" in text
    assert "never shown" in text
    assert "erase" in text
    assert "everything we hold" in text
    assert "newsdesk_comments" in text


def test_editors_open_the_notice_in_the_page_editor(admin_client):
    notice = StandardPage.objects.get(slug="privacy")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[notice.pk]))
    assert response.status_code == 200
    assert "kept for" in response.content.decode()


def test_the_comment_form_links_the_notice_until_an_editor_deletes_it():
    article = make_article()
    assert form_privacy_links(article) == [("Privacy notice", "/privacy/")]

    StandardPage.objects.get(slug="privacy").delete()
    assert form_privacy_links(article) == []
    assert not StandardPage.objects.filter(slug="privacy").exists()


def test_the_migration_leaves_an_existing_notice_alone_and_is_a_no_op_backwards():
    notice = StandardPage.objects.get(slug="privacy")
    notice.title = "How we handle your data"
    notice.save()

    migration.create_privacy_notice(apps, schema_editor=None)
    (operation,) = migration.Migration.operations
    assert operation.reverse_code is migrations.RunPython.noop

    assert list(StandardPage.objects.filter(slug="privacy").values_list("title", flat=True)) == [
        "How we handle your data"
    ]
