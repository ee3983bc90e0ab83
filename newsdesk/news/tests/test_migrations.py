"""Upgrading a running paper keeps its stories intact; migrations give it the rows it needs."""

import importlib

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from newsdesk.news.models import ArticleAuthor, Category

from .builders import make_article, make_author

pytestmark = pytest.mark.engine

BEFORE_ONE_BYLINE_PER_AUTHOR = [("news", "0002_front_page_and_uncategorized")]


def latest():
    """Every app's newest migration: where the rest of an upgrade ends."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_upgrade_keeps_the_first_of_repeated_bylines(client):
    ada, tomas = make_author("Ada Lane"), make_author("Tomas Reed")
    article = make_article(authors=[ada, tomas])

    old_apps = migrate(BEFORE_ONE_BYLINE_PER_AUTHOR)
    OldByline = old_apps.get_model("news", "ArticleAuthor")
    OldByline.objects.create(article_id=article.pk, author_id=ada.pk, sort_order=2)
    migrate(latest())

    bylines = ArticleAuthor.objects.filter(article=article).order_by("sort_order")
    assert [(b.author.name, b.sort_order) for b in bylines] == [("Ada Lane", 0), ("Tomas Reed", 1)]
    author_page = BeautifulSoup(client.get("/author/ada-lane/").content, "html.parser")
    assert len(author_page.select(".story-card")) == 1


BEFORE_BYLINE_ROLES = [("news", "0006_alter_articlepage_body")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_upgrade_keeps_every_byline_as_a_reporter_with_the_role_reporting(client):
    ada, tomas = make_author("Ada Lane"), make_author("Tomas Reed")
    article = make_article(authors=[ada])

    old_apps = migrate(BEFORE_BYLINE_ROLES)
    OldByline = old_apps.get_model("news", "ArticleAuthor")
    OldByline.objects.create(article_id=article.pk, author_id=tomas.pk, sort_order=1)
    # Every app's, as an upgrade runs them: the apps after news must find their tables.
    migrate(latest())

    bylines = ArticleAuthor.objects.filter(article=article).order_by("sort_order")
    assert [(b.author.name, b.credit, b.role) for b in bylines] == [
        ("Ada Lane", "", "Reporting"),
        ("Tomas Reed", "", "Reporting"),
    ]
    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert " ".join(page.select_one(".byline").text.split()) == "By Ada Lane and Tomas Reed"


UNCATEGORIZED_MIGRATION = ("news", "0002_front_page_and_uncategorized")


def run_uncategorized_migration():
    """The data step of ``news/0002`` again, with the models as they stood at that migration."""
    step = importlib.import_module("newsdesk.news.migrations.0002_front_page_and_uncategorized")
    old_apps = MigrationExecutor(connection).loader.project_state(UNCATEGORIZED_MIGRATION).apps
    step.create_front_page(old_apps, connection.schema_editor())


@pytest.mark.django_db
def test_a_migrated_database_has_uncategorized():
    assert Category.objects.uncategorized().name == "Uncategorized"


@pytest.mark.django_db
def test_the_uncategorized_migration_keeps_an_existing_row_and_can_run_again():
    Category.objects.filter(slug="uncategorized").update(name="Unfiled")

    run_uncategorized_migration()
    run_uncategorized_migration()

    assert list(Category.objects.filter(slug="uncategorized").values_list("name")) == [("Unfiled",)]
