"""SQLite FTS5 search ranked in one pass over the matches.

Wagtail's stock query scores each candidate in a correlated subquery that
searches the full-text index again: about half a second at 1,000 stories and
seconds at 20,000; the admin's page search for a common word, which also counts
the matches per page type, took minutes at 100,000. Here the matches are walked
once, each checked against the searched queryset's rows of the narrow page
table, and the total comes back in the same statement as the requested window.
Autocomplete (the admin's page search and page chooser) and facets go the same way.
"""

from collections import OrderedDict

from django.db import connections
from django.db.models import Count, Exists, F, FloatField, Func, IntegerField, OuterRef
from django.db.models.functions import Cast
from wagtail.search.backends.database.sqlite.query import MatchExpression, normalize
from wagtail.search.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from wagtail.search.models import IndexEntry, SQLiteFTSIndexEntry
from wagtail.search.query import And, Or, Phrase, PlainText
from wagtail.search.utils import get_descendants_content_types_pks

from newsdesk.core.upstream import AnswersSearchFirst

# Columns of Wagtail's FTS5 table, in the order its migration creates them (a
# change to that migration fails the pins in newsdesk.core.upstream).
FTS_COLUMNS = ("autocomplete", "body", "title")
# Among stories whose headlines match equally well, a headline hit still counts
# for more than a body hit.
HEADLINE_WEIGHT = 10.0
# Up to this many full-text matches, or this share of all index entries, each
# match is checked against the searched queryset on its own, a few microseconds
# apiece. Past it, listing the allowed entries once (some 10 ms at 20,000
# stories, 60 at 100,000) and looking each match up costs less.
CHECK_EACH_MATCH_UP_TO = 5_000
CHECK_EACH_MATCH_UP_TO_SHARE = 0.25
RANKED_WINDOW_SQL = (
    "WITH ranked AS MATERIALIZED ({ranked}) "
    "SELECT entry, (SELECT COUNT(*) FROM ranked) FROM ranked "
    "ORDER BY headline, relevance, entry DESC LIMIT %s OFFSET %s"
)


class BM25(Func):
    """FTS5's ``bm25()`` with a weight per column: lower is better, 0 means no match."""

    output_field = FloatField()

    def __init__(self, **weights):
        super().__init__()
        self.weights = [float(weights.get(column, 0.0)) for column in FTS_COLUMNS]

    def as_sql(self, compiler, connection, **extra_context):
        table = SQLiteFTSIndexEntry._meta.db_table
        return f"bm25({table}, {', '.join(map(str, self.weights))})", []


def _is_positive(query):
    """Words and phrases, in any combination: the queries this module ranks itself."""
    if isinstance(query, (PlainText, Phrase)):
        return True
    return isinstance(query, (And, Or)) and all(map(_is_positive, query.subqueries))


class HeadlineFirstSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    #: Column weights ranking first (headline matches) and second (everything indexed).
    HEADLINE_WEIGHTS = {"title": 1.0}
    RELEVANCE_WEIGHTS = {"title": HEADLINE_WEIGHT, "body": 1.0}

    def ranks_itself(self):
        """Is this a relevance search over every field, which ``ranked_window`` answers?"""
        return self.order_by_relevance and self.fields is None and _is_positive(self.query)

    def ranked_window(self, config, start, stop):
        """``(total, ids)``: how many objects match, and the ids in ``[start:stop]``, best first.

        Objects are ordered by how well their title matches, then by how well
        everything indexed about them does, the title counting most.
        """
        ranked = self._matching_entries(config).values(
            entry=F("pk"),
            headline=BM25(**self.HEADLINE_WEIGHTS),
            relevance=BM25(**self.RELEVANCE_WEIGHTS),
        )
        sql, params = ranked.query.sql_with_params()
        limit = -1 if stop is None else max(stop - start, 0)
        with connections[ranked.db].cursor() as cursor:
            cursor.execute(RANKED_WINDOW_SQL.format(ranked=sql), (*params, limit, start))
            rows = cursor.fetchall()
        if rows:
            total = rows[0][1]
        else:
            total = self.count(config) if start else 0
        entries = [entry for entry, _total in rows]
        object_ids = dict(IndexEntry.objects.filter(pk__in=entries).values_list("pk", "object_id"))
        to_python = self.queryset.model._meta.pk.to_python
        return total, [to_python(object_ids[entry]) for entry in entries]

    def count(self, config):
        """How many objects match."""
        return self._matching_entries(config).count()

    def matching_objects(self, config):
        """The searched queryset's objects that match, unordered.

        The matching entries are already only those of the queryset's objects, so
        its filters are not applied a second time.
        """
        object_pks = IndexEntry.objects.filter(
            pk__in=self._matching_entries(config).values("pk")
        ).values(object_pk=Cast("object_id", output_field=IntegerField()))
        return self.queryset.model._default_manager.filter(pk__in=object_pks)

    def _matching_entries(self, config):
        search_query = self.build_search_query(normalize(self.query), config=config)
        matches = SQLiteFTSIndexEntry.objects.filter(
            MatchExpression(self.FTS_TABLE_FIELDS, search_query)
        )
        allowed = self._allowed_entries()
        if self._checks_each_match(config, matches):
            return matches.filter(Exists(allowed.filter(pk=OuterRef("pk"))))
        # "+ 0" stops SQLite from probing the full-text index once for every
        # allowed entry (seconds): it walks the matches once and checks each.
        return matches.alias(entry_id=F("pk") + 0).filter(entry_id__in=allowed)

    def _checks_each_match(self, config, matches):
        """Are there few enough ``matches`` to check each against the searched queryset?

        Decided once per search: its results, count and facets ask the same
        question, and counting the matches of a common word costs tens of
        milliseconds at 100,000 stories.
        """
        decided = self.__dict__.setdefault("_checks_each_match_by_config", {})
        if config not in decided:
            matched = matches.count()
            decided[config] = matched <= CHECK_EACH_MATCH_UP_TO or (
                matched <= IndexEntry.objects.count() * CHECK_EACH_MATCH_UP_TO_SHARE
            )
        return decided[config]

    def _allowed_entries(self):
        """The index entries of the objects in the searched queryset (integer keys, as pages')."""
        in_queryset = self.queryset.order_by().filter(pk=OuterRef("object_pk"))
        return (
            IndexEntry.objects.filter(
                content_type_id__in=get_descendants_content_types_pks(self.queryset.model)
            )
            .annotate(object_pk=Cast("object_id", output_field=IntegerField()))
            .filter(Exists(in_queryset))
            .values("pk")
        )


class HeadlineFirstSQLiteAutocompleteCompiler(
    HeadlineFirstSQLiteQueryCompiler, SQLiteAutocompleteQueryCompiler
):
    """Autocomplete (words typed so far, the last one a prefix), ranked in the same one pass.

    Only the autocomplete column is searched: for pages, the title.
    """

    HEADLINE_WEIGHTS = RELEVANCE_WEIGHTS = {"autocomplete": 1.0}


class HeadlineFirstSQLiteSearchResults(AnswersSearchFirst, SQLiteSearchResults):
    #: Once the results are fetched: how many objects match in all, beyond this window.
    total = None

    def answer_results(self):
        compiler = self.query_compiler
        if not compiler.ranks_itself():
            return None
        config = compiler.get_config(self.backend)
        self.total, ids = compiler.ranked_window(config, self.start, self.stop)
        found = compiler.queryset.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def answer_count(self):
        compiler = self.query_compiler
        if not compiler.ranks_itself():
            return None
        total = compiler.count(compiler.get_config(self.backend))
        if self.stop is not None:
            total = min(total, self.stop)
        return max(total - self.start, 0)

    def facet(self, field_name):
        """How many matching objects have each value of ``field_name``, most first."""
        compiler = self.query_compiler
        model = compiler.queryset.model
        filterable = {field.get_attname(model) for field in model.get_filterable_search_fields()}
        if not compiler.ranks_itself() or field_name not in filterable:
            # Wagtail's own answer, or its error naming the field to declare.
            return super().facet(field_name)
        matching = compiler.matching_objects(compiler.get_config(self.backend))
        counts = matching.values(field_name).annotate(count=Count("pk")).order_by("-count")
        return OrderedDict((row[field_name], row["count"]) for row in counts)


class HeadlineFirstSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = HeadlineFirstSQLiteQueryCompiler
    autocomplete_query_compiler_class = HeadlineFirstSQLiteAutocompleteCompiler
    results_class = HeadlineFirstSQLiteSearchResults
