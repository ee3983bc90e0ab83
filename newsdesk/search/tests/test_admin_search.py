"""Editors find pages in the admin by the words of their titles, quickly at any size."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse
from wagtail.search.backends import get_search_backend

from newsdesk.news.models import ArticlePage
from newsdesk.news.tests.builders import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

# However many pages match: the session, the user and their profile; the
# matches counted, ranked and fetched, with their parents, sites, workflow states
# and page types; the count per page type; the locales; the comments waiting.
ADMIN_SEARCH_QUERIES = 22


def listed_titles(response):
    return [page.title for page in response.context["pages"]]


def test_admin_page_search_finds_pages_by_the_start_of_a_title_word(
    admin_client, django_assert_max_num_queries
):
    make_article("Harbour wall repaired before the storms")
    make_article("Harbourmaster retires after thirty years")
    make_article("Council sets its budget", standfirst="Harbour dues rise.")
    search = reverse("wagtailadmin_pages:search")
    admin_client.get(search, {"q": "harb"})

    with django_assert_max_num_queries(ADMIN_SEARCH_QUERIES):
        response = admin_client.get(search, {"q": "harb"})

    assert sorted(listed_titles(response)) == [
        "Harbour wall repaired before the storms",
        "Harbourmaster retires after thirty years",
    ]
    story_type = ContentType.objects.get_for_model(ArticlePage)
    assert response.context["content_types"] == [(story_type, 2)]


def test_admin_page_search_pages_through_every_match_in_the_same_queries(
    admin_client, django_assert_max_num_queries
):
    for number in range(21):
        make_article(f"Harbour report {number}")
    search = reverse("wagtailadmin_pages:search")

    with django_assert_max_num_queries(ADMIN_SEARCH_QUERIES):
        first = admin_client.get(search, {"q": "harbour"})
    second = admin_client.get(search, {"q": "harbour", "p": 2})

    assert first.context["paginator"].count == 21
    assert len(set(listed_titles(first) + listed_titles(second))) == 21


def test_page_chooser_search_finds_stories_to_pin(admin_client):
    make_article("Harbour wall repaired before the storms")
    make_article("Council sets its budget")

    response = admin_client.get(reverse("wagtailadmin_choose_page_search"), {"q": "harbour"})

    assert "Harbour wall repaired" in response.content.decode()
    assert "Council sets its budget" not in response.content.decode()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's full-text ranking")
def test_the_admin_searches_the_index_in_one_pass_on_sqlite():
    # Wagtail's stock SQLite ranking searches the index again for every
    # candidate: minutes for a common word at 100,000 stories. (Its module cannot
    # be imported on PostgreSQL.)
    from newsdesk.search.backends.sqlite import (
        HeadlineFirstSQLiteAutocompleteCompiler,
        HeadlineFirstSQLiteSearchBackend,
    )

    backend = get_search_backend()
    assert isinstance(backend, HeadlineFirstSQLiteSearchBackend)
    assert backend.autocomplete_query_compiler_class is HeadlineFirstSQLiteAutocompleteCompiler
