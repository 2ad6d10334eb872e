"""Counters stay exact when many requests hit the same row at once (PostgreSQL only)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from audience.models import PageViewCount
from tests.audience.conftest import count_views_from_threads

THREADS = 8
VIEWS_PER_THREAD = 50


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_views_are_all_counted_without_duplicate_rows(home_page):
    if not settings.DATABASE_IS_POSTGRES:
        pytest.skip("Concurrency test needs PostgreSQL: set DATABASE_URL=postgres://… "
                    "(SQLite serialises writers, so it would prove nothing)")
    # Half the threads race to create the same new row, the others to create a second one.
    errors = count_views_from_threads(home_page.pk, ["affiche-lycee", "direct"] * (THREADS // 2), VIEWS_PER_THREAD)
    assert errors == []
    assert connection.vendor == "postgresql"
    rows = PageViewCount.objects.filter(page=home_page, day=timezone.localdate())
    assert rows.count() == 2
    assert sum(row.views for row in rows) == THREADS * VIEWS_PER_THREAD
    assert {row.channel: row.views for row in rows} == {
        "direct": THREADS // 2 * VIEWS_PER_THREAD, "affiche-lycee": THREADS // 2 * VIEWS_PER_THREAD}
