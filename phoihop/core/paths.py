"""Prefix queries on materialized paths ("1.17.342."), fast on both databases."""

from __future__ import annotations

from django.db import connection
from django.db.models import Q


def path_prefix(prefix: str, field: str = "path") -> Q:
    """Rows whose ``field`` starts with ``prefix`` (which ends with a dot).

    PostgreSQL answers ``LIKE 'prefix%'`` from a ``varchar_pattern_ops`` index. SQLite's
    ``LIKE`` is case-insensitive and never uses an index, so there the same rows are asked
    for as a range: every string that starts with "1.17." sorts at or after it and before
    "1.17/" ("/" follows "." in ASCII, and SQLite compares bytes).
    """
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix[:-1] + "/"})
    return Q(**{f"{field}__startswith": prefix})
