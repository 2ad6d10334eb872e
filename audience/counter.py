"""Counting views and downloads: in memory first, then one batched write every few seconds.

Each count is an ``INSERT … ON CONFLICT DO UPDATE`` upsert that creates the (page, day,
channel) row or adds to it. Both PostgreSQL and SQLite (≥ 3.24) run it atomically, so
concurrent writers never lose counts nor create duplicate rows (tested with threads against
PostgreSQL). Django's ORM has no increment-on-conflict, hence the raw statement; table and
column names come from the models' metadata and values are always bound parameters.

Why buffer: a view served from the page cache costs about a millisecond; writing its count
at once costs a database transaction, which halved the number of cached pages a server
delivers to browsers (``bench/README.md``). With ``AUDIENCE_FLUSH_SECONDS`` > 0 (production:
5 s), counts are added up in the process and written by a background timer in one
transaction, at most that many seconds later, and when the process exits. If the write fails
(database down), the counts are kept for the next attempt. A crash of the process loses at
most its last few seconds of counts, never corrupts them. With 0 (tests), every count is
written at once.
"""

from __future__ import annotations

import atexit
import datetime
import logging
import threading
from collections import Counter

from django.conf import settings
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from audience.models import DocumentDownloadCount, PageViewCount

logger = logging.getLogger(__name__)

#: (model, object field, counter field, object id, channel, day) → how many to add.
CountKey = tuple[type[models.Model], str, str, int, str, datetime.date]

_lock = threading.Lock()
_pending: Counter[CountKey] = Counter()
_timer: threading.Timer | None = None


def _upsert_sql(model: type[models.Model], object_field: str, counter_field: str) -> str:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    object_column = quote(model._meta.get_field(object_field).column)
    day = quote(model._meta.get_field("day").column)
    channel = quote(model._meta.get_field("channel").column)
    counter = quote(model._meta.get_field(counter_field).column)
    return (
        f"INSERT INTO {table} ({object_column}, {day}, {channel}, {counter}) VALUES (%s, %s, %s, %s) "  # noqa: S608
        f"ON CONFLICT ({object_column}, {day}, {channel}) DO UPDATE SET {counter} = {table}.{counter} + EXCLUDED.{counter}"
    )


def _write(counts: Counter[CountKey]) -> bool:
    """Add ``counts`` to their rows in one transaction; False (logged) if the database refused."""
    statements: dict[str, list[list]] = {}
    for (model, object_field, counter_field, object_id, channel, day), added in counts.items():
        sql = _upsert_sql(model, object_field, counter_field)
        statements.setdefault(sql, []).append([object_id, day, channel, added])
    own_transaction = not connection.in_atomic_block
    try:
        # Inside a transaction (a test, a command) a failure must not poison it: a savepoint.
        with transaction.atomic(), connection.cursor() as cursor:
            if own_transaction and connection.vendor == "postgresql":
                # Without waiting for the disk flush at commit: a crash may lose the last
                # fraction of a second of counts, never corrupt them (bench/bench_audience.py).
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
            for sql, rows in statements.items():
                if len(rows) == 1:
                    cursor.execute(sql, rows[0])
                else:
                    cursor.executemany(sql, rows)
    except DatabaseError:
        # A counting failure must never break the page a visitor asked for.
        logger.exception("audience: could not write %s counts", sum(counts.values()))
        return False
    return True


def _increment(model: type[models.Model], object_field: str, counter_field: str, object_id: int, channel: str,
               day: datetime.date | None) -> bool:
    global _timer
    key: CountKey = (model, object_field, counter_field, object_id, channel, day or timezone.localdate())
    delay = settings.AUDIENCE_FLUSH_SECONDS
    if delay <= 0:
        return _write(Counter({key: 1}))
    with _lock:
        _pending[key] += 1
        if _timer is None:
            _timer = threading.Timer(delay, _flush_in_background)
            _timer.daemon = True  # never keeps a stopping process alive; atexit writes what is left
            _timer.start()
    return True


def flush_pending() -> int:
    """Write the counts added up so far; return how many were written (0 if none or on failure)."""
    global _timer
    with _lock:
        counts = _pending.copy()
        _pending.clear()
        _timer = None
    if not counts:
        return 0
    if _write(counts):
        return sum(counts.values())
    with _lock:  # kept for the next attempt; bounded by pages × days × channels
        _pending.update(counts)
    return 0


def _flush_in_background() -> None:
    try:
        flush_pending()
    finally:
        connection.close()  # this thread's own connection


atexit.register(flush_pending)


def record_page_view(page_id: int, channel: str, day: datetime.date | None = None) -> bool:
    """Add one view of page ``page_id`` for ``channel`` on ``day`` (today, local time, by default)."""
    return _increment(PageViewCount, "page", "views", page_id, channel, day)


def record_document_download(document_id: int, channel: str, day: datetime.date | None = None) -> bool:
    """Add one download of document ``document_id`` for ``channel`` on ``day``."""
    return _increment(DocumentDownloadCount, "document", "downloads", document_id, channel, day)
