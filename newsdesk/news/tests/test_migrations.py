"""Upgrading a running paper keeps its stories intact."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from newsdesk.news.models import ArticleAuthor

from .builders import make_article, make_author

BEFORE_ONE_BYLINE_PER_AUTHOR = [("news", "0002_front_page_and_uncategorized")]
ONE_BYLINE_PER_AUTHOR = [("news", "0003_one_byline_per_author")]


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
    migrate(ONE_BYLINE_PER_AUTHOR)

    bylines = ArticleAuthor.objects.filter(article=article).order_by("sort_order")
    assert [(b.author.name, b.sort_order) for b in bylines] == [("Ada Lane", 0), ("Tomas Reed", 1)]
    author_page = BeautifulSoup(client.get("/author/ada-lane/").content, "html.parser")
    assert len(author_page.select(".story-card")) == 1
