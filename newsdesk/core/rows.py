"""Changing exactly the rows that were read, so what changed can be told to others.

A queryset's ``update()`` or ``delete()`` re-runs its filter, which on
PostgreSQL may match a row committed after the rows were read. So the rows
are read and locked first, then changed by primary key, in batches that keep
each statement within every database's limit on parameters.
"""

from django.db import models

BATCH_SIZE = 500


def lock(queryset, *fields):
    """``(pk, *fields)`` of every row of ``queryset``, locked until the transaction ends.

    Call inside ``transaction.atomic``. Only the queryset's own table is locked.
    """
    return list(queryset.select_for_update(of=("self",)).values_list("pk", *fields))


def update(queryset, pks, **fields):
    """Set ``fields`` on the rows ``pks`` of ``queryset``'s model; returns how many changed.

    Plain ``QuerySet.update``, so an overriding queryset can call it from its own.
    """
    base = queryset.model._base_manager.using(queryset.db)
    return sum(
        models.QuerySet.update(base.filter(pk__in=pks[start : start + BATCH_SIZE]), **fields)
        for start in range(0, len(pks), BATCH_SIZE)
    )


def delete(queryset, pks):
    """Delete the rows ``pks`` of ``queryset``'s model (and what cascades); returns
    ``(count, counts by model)`` as ``QuerySet.delete`` does."""
    base = queryset.model._base_manager.using(queryset.db)
    total, by_model = 0, {}
    for start in range(0, len(pks), BATCH_SIZE):
        count, counts = models.QuerySet.delete(base.filter(pk__in=pks[start : start + BATCH_SIZE]))
        total += count
        for label, number in counts.items():
            by_model[label] = by_model.get(label, 0) + number
    return total, by_model
