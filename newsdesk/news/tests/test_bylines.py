"""Editors credit a story: reporters and credit lines, each with a role from the desk's list."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from newsdesk.news.models import ArticlePage, Author, BylineSettings

from .builders import make_author
from .test_editing import add_url, article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def story_form():
    """A new story's form data without bylines, ready to publish once it has them."""
    data = {**article_form("Harbour wall repaired"), "action-publish": "1"}
    return {key: value for key, value in data.items() if not key.startswith("bylines-")}


def publish_with_bylines(admin_client, story_form, slug, bylines):
    bylines = nested_form_data({"bylines": inline_formset(bylines)})
    return admin_client.post(add_url(), {**story_form, **bylines, "slug": slug})


def test_a_byline_is_a_reporter_or_a_credit_line_never_both_or_neither(admin_client, story_form):
    reporter = make_author("Tomas Reed")

    neither = publish_with_bylines(
        admin_client, story_form, "neither", [{"credit": " ", "role": "Photographs"}]
    )
    both = publish_with_bylines(
        admin_client, story_form, "both", [{"author": reporter.pk, "credit": "Staff"}]
    )

    assert "Choose a reporter or write a credit line." in neither.content.decode()
    assert "A byline is a reporter or a credit line, not both" in both.content.decode()
    assert not ArticlePage.objects.filter(slug__in=["neither", "both"]).exists()


def test_a_credit_line_with_a_role_reaches_the_reader(admin_client, story_form):
    reporter = make_author("Tomas Reed")
    bylines = [{"author": reporter.pk}, {"credit": "Estuary News Agency", "role": "Video"}]

    assert publish_with_bylines(admin_client, story_form, "wall", bylines).status_code == 302

    page = BeautifulSoup(Client().get("/news/wall/").content, "html.parser")
    assert " ".join(page.select_one(".byline").text.split()) == (
        "By Tomas Reed · Video by Estuary News Agency"
    )


def test_the_role_list_is_the_desks_setting(admin_client):
    site = Site.objects.get(is_default_site=True)
    BylineSettings.objects.update_or_create(
        site=site, defaults={"roles": "Reporting\nGraphics\n\nGraphics"}
    )

    page = BeautifulSoup(admin_client.get(add_url()).content, "html.parser")

    # The new byline's form sits in a <template>, which CSS selectors do not enter.
    roles = page.find("select", attrs={"name": "bylines-__prefix__-role"})
    assert [option["value"] for option in roles.find_all("option")] == ["Reporting", "Graphics"]


def test_the_role_list_keeps_reporting(admin_client):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["news", "bylinesettings", site.pk])

    response = admin_client.post(url, {"roles": "Photographs\nVideo"})

    assert response.status_code == 200
    assert "Keep Reporting" in response.content.decode()


def test_an_editor_creates_a_reporter_from_the_byline_chooser(admin_client):
    make_author("Ada Lane")
    chooser = admin_client.get(reverse("wagtailsnippetchoosers_news_author:choose"))
    assert "New reporter" in chooser.json()["html"]

    create = reverse("wagtailsnippetchoosers_news_author:create")
    response = admin_client.post(create, {"name": "Ada Lane", "role": "Ferry correspondent"})

    chosen = response.json()
    assert chosen["step"] == "chosen"
    reporter = Author.objects.get(pk=chosen["result"]["id"])
    assert (reporter.name, reporter.slug, reporter.role) == (
        "Ada Lane",
        "ada-lane-2",
        "Ferry correspondent",
    )
