"""PostgreSQL full-text search with the headline's own rank put first."""

from django.db.models import F
from wagtail.search.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

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


class HeadlineFirstPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = HeadlineFirstPostgresQueryCompiler
