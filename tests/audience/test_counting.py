"""Page views are counted server-side per page, day and channel, without anything about the visitor."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audience.counter import record_page_view
from audience.models import DocumentDownloadCount, PageFeedback, PageViewCount
from audience.tracking import PAGE_HEADER, count_response
from tests.audience.conftest import FIREFOX

pytestmark = pytest.mark.django_db


def _views(page, channel="direct") -> int:
    row = PageViewCount.objects.filter(page=page, day=timezone.localdate(), channel=channel).first()
    return row.views if row else 0


def test_each_view_adds_one_to_the_page_day_and_channel_row(browser_client, content_page):
    for _ in range(3):
        assert browser_client.get(content_page.url).status_code == 200
    browser_client.get(content_page.url + "?canal=affiche-lycee")
    assert _views(content_page) == 3
    assert _views(content_page, "affiche-lycee") == 1
    assert PageViewCount.objects.filter(page=content_page).count() == 2


def test_utm_source_is_used_and_unknown_channels_are_grouped_as_autre(browser_client, content_page):
    browser_client.get(content_page.url + "?utm_source=Instagram&utm_medium=story")
    browser_client.get(content_page.url + "?canal=mon-nom-de-famille")
    assert _views(content_page, "instagram") == 1
    assert _views(content_page, "autre") == 1
    assert not PageViewCount.objects.filter(channel="mon-nom-de-famille").exists()


def test_robots_and_scripts_are_not_counted(client, content_page):
    client.get(content_page.url, HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")
    client.get(content_page.url, HTTP_USER_AGENT="curl/8.0")
    client.get(content_page.url)  # no User-Agent at all
    assert not PageViewCount.objects.exists()


def test_logged_in_editors_are_not_counted(browser_client, content_page):
    user = get_user_model().objects.create_user("redactrice", password="x")
    browser_client.force_login(user)
    browser_client.get(content_page.url)
    assert not PageViewCount.objects.exists()


def test_missing_pages_posts_and_heads_are_not_counted(browser_client, content_page):
    assert browser_client.get("/page-qui-n-existe-pas/").status_code == 404
    browser_client.head(content_page.url)
    browser_client.post(content_page.url)
    assert not PageViewCount.objects.exists()


def test_admin_preview_is_not_counted(admin_client, content_page):
    admin_client.defaults["HTTP_USER_AGENT"] = FIREFOX
    response = admin_client.get(f"/admin/pages/{content_page.pk}/view_draft/")
    assert response.status_code == 200
    assert not PageViewCount.objects.exists()


def test_counting_sets_no_cookie_and_stores_nothing_about_the_visitor(browser_client, content_page):
    response = browser_client.get(content_page.url + "?canal=flyer", REMOTE_ADDR="203.0.113.7")
    assert response.cookies == {} or all(not morsel.value for morsel in response.cookies.values())
    assert "Set-Cookie" not in response.headers
    stored_fields = {field.name for model in (PageViewCount, DocumentDownloadCount, PageFeedback)
                     for field in model._meta.get_fields()}
    assert stored_fields <= {"id", "page", "document", "day", "channel", "views", "downloads", "useful", "comment"}
    row = PageViewCount.objects.get()
    assert "203.0.113.7" not in str(row.__dict__) and "Firefox" not in str(row.__dict__)


def test_a_view_served_from_a_cache_is_counted_from_the_stamped_header(content_page):
    """A cache outside the middleware replays the stored response, header included: it still counts."""
    request = RequestFactory().get("/devenir-soudeur/", HTTP_USER_AGENT=FIREFOX)
    cached = HttpResponse("cached copy")
    cached[PAGE_HEADER] = str(content_page.pk)
    assert count_response(request, cached) is True
    assert _views(content_page) == 1


def test_a_fresh_page_response_carries_the_page_header_for_caches(browser_client, content_page):
    response = browser_client.get(content_page.url)
    assert response[PAGE_HEADER] == str(content_page.pk)


def test_one_view_costs_exactly_one_sql_statement(content_page):
    record_page_view(content_page.pk, "direct")  # the row exists: the next call is the steady state
    with CaptureQueriesContext(connection) as queries:
        record_page_view(content_page.pk, "direct")
    # Inside the test's transaction the counter adds a savepoint around it (not in production).
    statements = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"].upper()]
    assert len(statements) == 1
    assert statements[0].upper().startswith("INSERT")
    assert _views(content_page) == 2


def test_document_downloads_are_counted_by_channel(browser_client, home_page):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(title="Kit enseignant",
                                                   file=ContentFile(b"%PDF-1.4 kit", name="kit.pdf"))
    response = browser_client.get(f"/documents/{document.pk}/kit.pdf?canal=salon")
    assert response.status_code == 200
    row = DocumentDownloadCount.objects.get()
    assert (row.document_id, row.channel, row.downloads) == (document.pk, "salon", 1)


def test_views_answered_by_the_page_cache_are_counted_too(browser_client, content_page, settings, monkeypatch):
    import audience.wagtail_hooks

    settings.PAGE_CACHE_ENABLED = True
    served = []
    original = audience.wagtail_hooks.mark_page
    monkeypatch.setattr(audience.wagtail_hooks, "mark_page", lambda request, pk: (served.append(pk), original(request, pk)))
    first = browser_client.get(content_page.url + "?canal=salon")
    second = browser_client.get(content_page.url + "?canal=salon")
    assert first.status_code == second.status_code == 200
    assert served == [content_page.pk], "the second view must come from the page cache, not from Wagtail"
    assert _views(content_page, "salon") == 2


def test_a_reload_loop_from_one_visitor_counts_only_up_to_the_ceiling(browser_client, content_page):
    from audience.models import PageViewCount
    from audience.tracking import MAX_COUNTED_PER_VISITOR

    for _ in range(MAX_COUNTED_PER_VISITOR + 20):
        browser_client.get(content_page.url)
    browser_client.get(content_page.url, REMOTE_ADDR="198.51.100.77")  # another visitor still counts
    assert sum(PageViewCount.objects.filter(page=content_page).values_list("views", flat=True)) == \
        MAX_COUNTED_PER_VISITOR + 1
