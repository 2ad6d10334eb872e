"""One cheap write per view: an atomic ``INSERT … ON CONFLICT DO UPDATE`` upsert.

A single SQL statement creates the (page, day, channel) row or adds one to it. Both
PostgreSQL and SQLite (≥ 3.24) run it atomically, so concurrent views are never lost and
never create duplicate rows (tested with threads against PostgreSQL). Django's ORM has no
increment-on-conflict, hence the raw statement; table and column names come from the
models' metadata and values are always bound parameters.
"""

from __future__ import annotations

import datetime
import logging

from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from audience.models import DocumentDownloadCount, PageViewCount

logger = logging.getLogger(__name__)


def _upsert_sql(model: type[models.Model], object_field: str, counter_field: str) -> str:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    object_column = quote(model._meta.get_field(object_field).column)
    day = quote(model._meta.get_field("day").column)
    channel = quote(model._meta.get_field("channel").column)
    counter = quote(model._meta.get_field(counter_field).column)
    return (
        f"INSERT INTO {table} ({object_column}, {day}, {channel}, {counter}) VALUES (%s, %s, %s, 1) "  # noqa: S608
        f"ON CONFLICT ({object_column}, {day}, {channel}) DO UPDATE SET {counter} = {table}.{counter} + 1"
    )


def _increment(model: type[models.Model], object_field: str, counter_field: str, object_id: int, channel: str,
               day: datetime.date | None) -> bool:
    sql = _upsert_sql(model, object_field, counter_field)
    params = [object_id, day or timezone.localdate(), channel]
    try:
        if connection.in_atomic_block:
            # Inside a transaction, a failure must not poison it: isolate it in a savepoint.
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, params)
        elif connection.vendor == "postgresql":
            # Its own short transaction without waiting for the disk flush at commit: a crash
            # may lose the last fraction of a second of counts, never corrupt them, and each
            # view costs about a quarter of a synchronous commit (see bench/bench_audience.py).
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
                cursor.execute(sql, params)
        else:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
    except DatabaseError:
        # A counting failure must never break the page a visitor asked for.
        logger.exception("audience: could not count a view of %s %s", model.__name__, object_id)
        return False
    return True


def record_page_view(page_id: int, channel: str, day: datetime.date | None = None) -> bool:
    """Add one view of page ``page_id`` for ``channel`` on ``day`` (today, local time, by default)."""
    return _increment(PageViewCount, "page", "views", page_id, channel, day)


def record_document_download(document_id: int, channel: str, day: datetime.date | None = None) -> bool:
    """Add one download of document ``document_id`` for ``channel`` on ``day``."""
    return _increment(DocumentDownloadCount, "document", "downloads", document_id, channel, day)
