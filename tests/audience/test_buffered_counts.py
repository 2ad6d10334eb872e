"""In production, counts are added up in memory and written in one batch a few seconds later."""

from __future__ import annotations

import time

import pytest
from django.db import DatabaseError
from django.utils import timezone

from audience import counter
from audience.counter import flush_pending, record_document_download, record_page_view
from audience.models import DocumentDownloadCount, PageViewCount
from tests.audience.conftest import count_views_from_threads


@pytest.fixture
def buffered(settings):
    settings.AUDIENCE_FLUSH_SECONDS = 60  # long enough that only the test flushes
    yield
    with counter._lock:
        if counter._timer is not None:
            counter._timer.cancel()
        counter._timer = None
        counter._pending.clear()


def _rows(page) -> dict[str, int]:
    return dict(PageViewCount.objects.filter(page=page, day=timezone.localdate()).values_list("channel", "views"))


@pytest.mark.django_db
def test_buffered_views_reach_the_database_added_up_in_one_write(home_page, buffered,
                                                                 django_assert_max_num_queries):
    for _ in range(3):
        assert record_page_view(home_page.pk, "direct")
    record_page_view(home_page.pk, "salon")
    assert _rows(home_page) == {}, "nothing is written before the flush"
    with django_assert_max_num_queries(4):  # savepoint, one batch per counter table, release
        assert flush_pending() == 4
    assert _rows(home_page) == {"direct": 3, "salon": 1}
    record_page_view(home_page.pk, "direct")
    flush_pending()
    assert _rows(home_page) == {"direct": 4, "salon": 1}, "a later batch adds to the existing row"


@pytest.mark.django_db
def test_counts_are_kept_for_the_next_attempt_when_the_database_refuses_them(home_page, buffered, monkeypatch):
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(title="Kit", file="documents/kit.pdf")
    record_page_view(home_page.pk, "direct")
    record_document_download(document.pk, "direct")

    def refuse(*args, **kwargs):
        raise DatabaseError("the database is restarting")

    monkeypatch.setattr(counter.connection, "cursor", refuse)
    assert flush_pending() == 0
    monkeypatch.undo()
    assert flush_pending() == 2
    assert _rows(home_page) == {"direct": 1}
    assert DocumentDownloadCount.objects.get(document=document).downloads == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_background_timer_writes_the_counts_without_any_further_request(home_page, settings):
    settings.AUDIENCE_FLUSH_SECONDS = 0.2
    record_page_view(home_page.pk, "direct")
    record_page_view(home_page.pk, "direct")
    deadline = time.monotonic() + 10
    while _rows(home_page) != {"direct": 2} and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _rows(home_page) == {"direct": 2}
    assert counter._timer is None and not counter._pending


@pytest.mark.django_db
def test_views_counted_from_many_threads_at_once_are_all_written(home_page, buffered):
    threads_count, views_each = 8, 200
    errors = count_views_from_threads(home_page.pk, ["salon", "direct"] * (threads_count // 2), views_each)
    assert errors == []
    assert flush_pending() == threads_count * views_each
    assert _rows(home_page) == {"direct": threads_count // 2 * views_each, "salon": threads_count // 2 * views_each}
