"""Inserting many rows of one table quickly, for the comments and records of a large import.

``bulk_create`` prepares every field of every object in Python; at 200,000
comments that alone takes longer than the rest of the import. Here the rows are
plain dicts, only the values the database driver cannot take as they are (times,
IP addresses) are prepared by their model fields, and each statement carries as
many rows as the database accepts, returning their new ids in order as
``bulk_create`` itself relies on.
"""

from django.db import connection, models

PREPARED = (models.DateTimeField, models.GenericIPAddressField)


def insert(model, rows, returning=False):
    """Insert ``rows`` (dicts of column name to value, all with the same keys) into ``model``.

    A column the rows leave out takes its field's default, as with ``bulk_create``:
    a field added to the model later never breaks an import. Returns the new
    primary keys in the order of ``rows`` when ``returning``.
    """
    if not rows:
        return []
    by_column = {field.column: field for field in model._meta.concrete_fields}
    defaults = {
        column: field.get_default()
        for column, field in by_column.items()
        if column not in rows[0] and not field.primary_key and field.has_default()
    }
    columns = [*rows[0], *defaults]
    fields = [by_column[column] for column in columns]
    prepare = [
        (position, field) for position, field in enumerate(fields) if isinstance(field, PREPARED)
    ]
    quote = connection.ops.quote_name
    table, names = quote(model._meta.db_table), ", ".join(map(quote, columns))
    head = f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608 - names from the model
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    tail = f" RETURNING {quote(model._meta.pk.column)}" if returning else ""
    per_statement = max(1, min(500, (connection.features.max_query_params or 999) // len(columns)))
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            values = []
            for row in chunk:
                row_values = [*row.values(), *defaults.values()]
                for position, field in prepare:
                    row_values[position] = field.get_db_prep_save(row_values[position], connection)
                values.extend(row_values)
            cursor.execute(head + ", ".join([one] * len(chunk)) + tail, values)
            if returning:
                ids.extend(found[0] for found in cursor.fetchall())
    return ids
