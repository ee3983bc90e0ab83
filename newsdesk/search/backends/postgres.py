"""PostgreSQL full-text search from the index's matches, with the headline's own rank put first.

Wagtail's stock query starts from the searched pages and joins each to its index
entry on the page id written as text, which no index serves: every admin search
read the whole page table, some four times over (results, count, count per page
type). Here the full-text index finds the matching entries first; only their
pages are looked up, by primary key, and each is ranked from its own entry.
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
    #: The index entry's columns searched over every field, ranked with their boosts.
    INDEX_VECTORS = (("title", "title_norm"), ("body", None))

    def rank(self, relevance, config):
        """Any headline match first, then Wagtail's relevance; as Wagtail's for chosen fields."""
        if self.fields is not None:
            return relevance
        headline = self.build_tsrank(F("title"), self.query, config=config)
        return headline * HEADLINE_FIRST + relevance

    def get_index_vectors(self, search_query):
        """The index entry's own columns: ``search`` ranks each match from its entry."""
        return [(F(column), F(boost) if boost else 1.0) for column, boost in self.INDEX_VECTORS]

    def starts_from_matches(self):
        """Is this a search over every field, which the index's matches answer first?"""
        return self.fields is None and not isinstance(self.query, (MatchAll, Fuzzy))

    def search(self, config, start, stop, score_field=None, backend=None):
        if not self.starts_from_matches():
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_index_vectors(search_query)
        rank = self._build_rank_expression(vectors, config)
        matching = self._matching_entries(vectors, search_query)
        pages = self.queryset.filter(
            pk__in=matching.values(object_pk=Cast("object_id", output_field=IntegerField()))
        )
        own_entry = matching.filter(object_id=Cast(OuterRef("pk"), output_field=TextField()))
        rank = Subquery(own_entry.annotate(rank=rank).values("rank")[:1])
        return self._apply_ordering_and_scoring(pages, rank, start, stop, score_field)

    def _matching_entries(self, vectors, search_query):
        """The index entries of the searched model's objects whose vectors match, unranked."""
        combined = vectors[0][0]
        for vector, _boost in vectors[1:]:
            combined = combined._combine(vector, "||", False)
        return (
            IndexEntry.objects.filter(
                content_type_id__in=get_descendants_content_types_pks(self.queryset.model)
            )
            .alias(_vector_=combined)
            .filter(_vector_=search_query)
        )


class HeadlineFirstPostgresAutocompleteCompiler(
    HeadlineFirstPostgresQueryCompiler, PostgresAutocompleteQueryCompiler
):
    """Autocomplete (the admin's page search and page chooser), from the matches the same way.

    Only the autocomplete column is searched: for pages, the title.
    """

    INDEX_VECTORS = (("autocomplete", None),)

    def rank(self, relevance, config):
        return relevance


class HeadlineFirstPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = HeadlineFirstPostgresQueryCompiler
    autocomplete_query_compiler_class = HeadlineFirstPostgresAutocompleteCompiler
