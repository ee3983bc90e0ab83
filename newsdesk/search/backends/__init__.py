"""Wagtail's database search backend, ranking headline matches first, quickly.

``SearchBackend`` picks the same engine as ``wagtail.search.backends.database``
(SQLite FTS5, or PostgreSQL full-text search) and reads the same index, which
Wagtail keeps up to date on every save. Only the ranking changes: a story whose
headline holds the query comes before one that only mentions it in the body,
however often. PostgreSQL's stock ranking leans that way through the title's
boost but does not promise it; SQLite's ignores boosts altogether. Each engine
has its own module because Wagtail defines each one's index models only on
that database.
"""

from django.db import connection
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend


# Capitalised like a class: it is the name Wagtail looks for in a backend module.
def SearchBackend(params):
    """The database backend Wagtail would pick, with headline-first ranking where it has one."""
    stock = DatabaseSearchBackend(params)
    if connection.vendor == "postgresql":
        from .postgres import HeadlineFirstPostgresSearchBackend

        return HeadlineFirstPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from .sqlite import HeadlineFirstSQLiteSearchBackend, SQLiteSearchBackend

        # Without FTS5, Wagtail falls back to plain substring matching; so do we.
        if isinstance(stock, SQLiteSearchBackend):
            return HeadlineFirstSQLiteSearchBackend(params)
    return stock
