"""Every site's settings rows exist before a reader asks for them, so reading never writes them."""

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Page, Site

from newsdesk.core.signal_handlers import site_setting_models

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

SITE_SETTINGS = {
    "news.NewsSettings",
    "news.BylineSettings",
    "news.PublishingChecks",
    "comments.CommentSettings",
    "newsdesk_syndication.SyndicationSettings",
}


def rows_for(site):
    return {
        model._meta.label: model.objects.filter(site=site).count()
        for model in site_setting_models()
    }


def test_a_migrated_database_has_every_settings_row_of_its_site():
    assert rows_for(Site.objects.get(is_default_site=True)) == dict.fromkeys(SITE_SETTINGS, 1)


def test_a_new_site_gets_its_settings_rows_as_it_is_created():
    site = Site.objects.create(
        hostname="second.example", port=80, root_page=Page.objects.get(depth=2)
    )
    assert rows_for(site) == dict.fromkeys(SITE_SETTINGS, 1)


def test_migrate_puts_back_a_missing_row_and_keeps_the_others_as_they_are():
    site = Site.objects.get(is_default_site=True)
    news_settings = apps.get_model("news", "NewsSettings")
    news_settings.objects.filter(site=site).update(stories_per_page=20)
    apps.get_model("newsdesk_syndication", "SyndicationSettings").objects.all().delete()

    call_command("migrate", verbosity=0)

    assert rows_for(site) == dict.fromkeys(SITE_SETTINGS, 1)
    assert news_settings.objects.get(site=site).stories_per_page == 20
