"""Reading the paper writes nothing: every row a reader's page needs exists before the first reader.

Uncategorized comes from a migration and each site's settings rows are made when
the database is migrated or the site is created, so a story filed nowhere, the
front page, listings, feeds and sitemaps only ever read. Every size of a
story's pictures is made when it is published (``core.pictures``), so no
reader makes one either.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from newsdesk.comments.models import Comment
from newsdesk.news.models import ArticlePage, Category, NewsSettings
from newsdesk.syndication.tests.readers import feed_and_sitemap_urls

from .builders import make_article, make_author, make_category, make_image

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def writes_while(read):
    """The SQL statements that changed data while ``read()`` ran."""
    with CaptureQueriesContext(connection) as queries:
        read()
    statements = [query["sql"] for query in queries.captured_queries]
    return [sql for sql in statements if WRITE.match(sql)]


def get_all(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


@pytest.fixture
def paper():
    """A filed story with a picture, a tag, a byline and a comment, and a story filed nowhere."""
    harbour = make_category("Harbour")
    ada = make_author("Ada Lane")
    filed = make_article(
        "Ferry timetable changes",
        category=harbour,
        authors=[ada],
        tags=["harbour"],
        hero_image=make_image(),
    )
    Comment.objects.create(
        article=filed,
        name="Rosa Quill",
        email="rosa@example.com",
        body="About time.",
        status=Comment.Status.APPROVED,
    )
    unfiled = make_article("Notice to mariners")
    ArticlePage.objects.filter(pk=unfiled.pk).update(category=None)
    return filed, ArticlePage.objects.get(pk=unfiled.pk)


def reader_urls(filed, unfiled):
    """Every page, feed and sitemap a reader or their software asks for."""
    day = filed.day_archive_url()
    pages = [
        unfiled.url,
        filed.url,
        "/",
        "/news/",
        "/category/harbour/",
        "/category/uncategorized/",
    ]
    pages += [
        "/tag/harbour/",
        "/author/ada-lane/",
        day,
        day.rsplit("/", 2)[0] + "/",
        "/search/?q=ferry",
    ]
    return [*pages, "/category/uncategorized/feed/", *feed_and_sitemap_urls(filed)]


def test_a_story_filed_nowhere_reads_as_uncategorized_without_writing(client, paper):
    _filed, unfiled = paper
    assert unfiled.category_id is None
    categories = list(Category.objects.values_list("pk", "slug"))
    responses = []

    writes = writes_while(lambda: responses.append(client.get(unfiled.url)))

    assert writes == []
    label = BeautifulSoup(responses[0].content, "html.parser").select_one(".article-section a")
    assert (label.text, label["href"]) == ("Uncategorized", "/category/uncategorized/")
    assert list(Category.objects.values_list("pk", "slug")) == categories


def test_a_story_filed_nowhere_costs_no_more_queries_than_a_filed_one(client):
    filed = make_article("Harbour wall inspected", category=make_category("Harbour"))
    unfiled = make_article("Buoy relit")
    ArticlePage.objects.filter(pk=unfiled.pk).update(category=None)
    counts = {}
    for story in (filed, unfiled):
        client.get(story.url)  # fills what a busy site keeps warm between requests
        with CaptureQueriesContext(connection) as queries:
            assert client.get(story.url).status_code == 200
        counts[story.title] = len(queries.captured_queries)

    # Fewer, not equal: a filed story also shows "More from <section>", an unfiled one not.
    assert counts["Buoy relit"] <= counts["Harbour wall inspected"]


def test_no_reader_page_writes_to_the_database(client, paper):
    urls = reader_urls(*paper)

    assert writes_while(lambda: get_all(client, urls)) == []


def test_the_detector_sees_a_read_that_writes(client, paper):
    """Without its settings row, Wagtail would make one on the first read: that is caught."""
    NewsSettings.objects.filter(site=Site.objects.get(is_default_site=True)).delete()

    writes = writes_while(lambda: get_all(client, ["/"]))

    assert any(NewsSettings._meta.db_table in sql for sql in writes)
