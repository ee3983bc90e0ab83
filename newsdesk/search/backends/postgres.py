"""PostgreSQL full-text search with the headline's own rank put first, and the
admin's autocomplete answered from the index's matches.

Wagtail's stock autocomplete query starts from the searched pages and joins each
to its index entry on the page id written as text, which no index serves: every
admin search read the whole page table, some four times over (results, count,
count per page type). Here the full-text index finds the matching entries
first; only their pages are looked up, by primary key, each ranked from its own
entry. (The reader's search keeps Wagtail's query: for a common word most
stories match, and ranking each from its entry in turn cost more than the join.)
"""

from django.db.models import F, IntegerField, OuterRef, Subquery, TextField
from django.db.models.functions import Cast
from wagtail.search.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from wagtail.search.models import IndexEntry
from wagtail.search.query import Fuzzy, MatchAll
from wagtail.search.utils import get_descendants_content_types_pks

from newsdesk.core.upstream import RankExpression

# The search orders by one number. Scaled like this, any headline rank outweighs
# all that the title and body ranks (each at most about 1, the title's times its
# length factor) can add, so headline matches come first.
HEADLINE_FIRST = 1000.0


class HeadlineFirstPostgresQueryCompiler(RankExpression, PostgresSearchQueryCompiler):
    def rank(self, relevance, config):
        """Any headline match first, then Wagtail's relevance; as Wagtail's for chosen fields."""
        if self.fields is not None:
            return relevance
        headline = self.build_tsrank(F("index_entries__title"), self.query, config=config)
        return headline * HEADLINE_FIRST + relevance


class MatchesFirstPostgresAutocompleteCompiler(PostgresAutocompleteQueryCompiler):
    """Autocomplete (the admin's page search and page chooser) from the index's matches.

    Only the autocomplete column is searched: for pages, the title.
    """

    def get_index_vectors(self, search_query):
        # The entry's own column: ``search`` ranks each match from its entry.
        return [(F("autocomplete"), 1.0)]

    def search(self, config, start, stop, score_field=None, backend=None):
        if self.fields is not None or isinstance(self.query, (MatchAll, Fuzzy)):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_index_vectors(search_query)
        matching = IndexEntry.objects.filter(
            content_type_id__in=get_descendants_content_types_pks(self.queryset.model),
            autocomplete=search_query,
        )
        pages = self.queryset.filter(
            pk__in=matching.values(object_pk=Cast("object_id", output_field=IntegerField()))
        )
        own_entry = matching.filter(object_id=Cast(OuterRef("pk"), output_field=TextField()))
        rank = self._build_rank_expression(vectors, config)
        rank = Subquery(own_entry.annotate(rank=rank).values("rank")[:1])
        return self._apply_ordering_and_scoring(pages, rank, start, stop, score_field)


class HeadlineFirstPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = HeadlineFirstPostgresQueryCompiler
    autocomplete_query_compiler_class = MatchesFirstPostgresAutocompleteCompiler
