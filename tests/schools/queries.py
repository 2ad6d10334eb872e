"""Query counting for the schools tests."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection


@contextmanager
def count_queries():
    """Count the SQL queries run inside the block (``with count_queries() as n: …; n.value``).

    Counted through an execute wrapper rather than the debug query log, whose bounded length
    makes before/after differences unreliable on a long test session.
    """
    counter = _Counter()

    def wrapper(execute, sql, params, many, context):
        counter.value += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield counter


class _Counter:
    value = 0
