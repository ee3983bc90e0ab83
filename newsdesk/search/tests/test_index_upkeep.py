"""Keeping the search index up to date costs the same whatever the size of the paper."""

import importlib

import pytest
from django.db import connection

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

title_norms = importlib.import_module("newsdesk.search.migrations.0002_index_entry_title_norms")

# What Wagtail's database backends run each time a page is indexed.
AVERAGE_TITLE_LENGTH = (
    "SELECT AVG(LENGTH(title)) FROM wagtailsearch_indexentry WHERE LENGTH(title) > 0"
)
NEW_TITLE_WEIGHTS = "SELECT id FROM wagtailsearch_indexentry WHERE title_norm = 1.0"


def test_title_weights_are_kept_from_indexes_not_by_reading_every_entry():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "wagtailsearch_indexentry")
        assert {title_norms.TITLE_LENGTH, title_norms.TITLE_NORM} <= set(indexes)
        if connection.vendor == "sqlite":
            # PostgreSQL's planner reads a test's few rows directly, whatever the indexes.
            for query, index in (
                (AVERAGE_TITLE_LENGTH, title_norms.TITLE_LENGTH),
                (NEW_TITLE_WEIGHTS, title_norms.TITLE_NORM),
            ):
                plan = " ".join(row[-1] for row in cursor.execute(f"EXPLAIN QUERY PLAN {query}"))
                assert f"INDEX {index}" in plan
