"""Admin reports: views per page, day and channel with charts and CSV; feedback; retention command."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from audience.models import PageFeedback, PageViewCount
from website.roles import AGENCY, REGION, STATISTICIANS, apply_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(content_page, home_page):
    today = timezone.localdate()
    PageViewCount.objects.bulk_create([
        PageViewCount(page=content_page, day=today, channel="affiche-lycee", views=30),
        PageViewCount(page=content_page, day=today - datetime.timedelta(days=1), channel="direct", views=12),
        PageViewCount(page=home_page, day=today, channel="instagram", views=7),
        PageViewCount(page=home_page, day=today - datetime.timedelta(days=400), channel="direct", views=99),
    ])
    PageFeedback.objects.bulk_create([
        PageFeedback(page=content_page, day=today, useful=False, comment="Il manque les salaires."),
        PageFeedback(page=content_page, day=today, useful=True),
    ])
    return today


def _login(client, role):
    apply_roles()
    user = get_user_model().objects.create_user(f"r-{role[:5]}", password="x")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)


def test_region_sees_views_per_page_day_and_channel(client, figures, content_page):
    _login(client, REGION)
    html = client.get(reverse("audience_views_report")).content.decode()
    assert "49 vues" in html  # 30 + 12 + 7 over the last 30 days; the 400-day-old row is outside
    assert "Affiche en lycée" in html and "Instagram" in html
    assert "Devenir soudeur" in html
    assert "<svg" in html and "<table>" in html


def test_report_filters_by_channel_and_page(client, figures, content_page):
    _login(client, REGION)
    html = client.get(reverse("audience_views_report"), {"canal": "affiche-lycee"}).content.decode()
    assert "30 vues" in html
    html = client.get(reverse("audience_views_report"), {"page": content_page.pk}).content.decode()
    assert "42 vues" in html


def test_bad_dates_show_a_message_and_the_default_period(client, figures):
    _login(client, REGION)
    response = client.get(reverse("audience_views_report"), {"debut": "2026-13-45", "fin": "hier"})
    assert response.status_code == 200
    assert "Saisissez une date valide" in response.content.decode() or "date valide" in response.content.decode()
    response = client.get(reverse("audience_views_report"), {"debut": "2026-05-02", "fin": "2026-05-01"})
    assert "La date de début doit précéder la date de fin" in response.content.decode()


def test_csv_export_has_one_row_per_page_day_and_channel(client, figures, content_page):
    _login(client, REGION)
    response = client.get(reverse("audience_views_report"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff").strip().splitlines()
    assert lines[0] == "jour,page_id,titre,chemin,canal,libelle_canal,vues"
    assert len(lines) == 4
    assert any(line.endswith(",affiche-lycee,Affiche en lycée,30") for line in lines)


def test_feedback_report_lists_share_of_yes_and_comments(client, figures):
    _login(client, REGION)
    html = client.get(reverse("audience_feedback_report")).content.decode()
    assert "50 %" in html and "Il manque les salaires." in html
    csv_body = b"".join(client.get(reverse("audience_feedback_report"), {"format": "csv"}).streaming_content).decode()
    assert "non,Il manque les salaires." in csv_body


def test_statisticians_cannot_read_audience_reports_but_the_agency_can(client, figures):
    _login(client, STATISTICIANS)
    for name in ("audience_views_report", "audience_feedback_report"):
        response = client.get(reverse(name))
        # Wagtail's admin turns a refusal into a redirect to the dashboard with a message.
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    client.logout()
    _login(client, AGENCY)
    assert client.get(reverse("audience_views_report")).status_code == 200


def test_purge_deletes_only_figures_older_than_the_retention(figures):
    call_command("purge_audience", "--older-than", "365", verbosity=0)
    assert PageViewCount.objects.count() == 3
    assert not PageViewCount.objects.filter(views=99).exists()
    assert PageFeedback.objects.count() == 2


def test_purge_dry_run_deletes_nothing_and_zero_days_is_refused(figures):
    call_command("purge_audience", "--older-than", "30", "--dry-run", verbosity=0)
    assert PageViewCount.objects.count() == 4
    with pytest.raises(CommandError):
        call_command("purge_audience", "--older-than", "0")


def test_purge_removes_old_admin_login_logs_and_old_searches_and_keeps_recent_ones(db):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from wagtail.contrib.search_promotions.models import Query

    old = timezone.now() - datetime.timedelta(days=200)
    fields = {"user_agent": "Mozilla/5.0", "ip_address": "203.0.113.8", "username": "agence", "http_accept": "*/*",
              "path_info": "/admin/login/"}
    for model, extra in ((AccessLog, {}), (AccessFailureLog, {}),
                         (AccessAttempt, {"get_data": "", "post_data": "", "failures_since_start": 1})):
        stale = model.objects.create(**fields, **extra)
        fresh = model.objects.create(**{**fields, "username": "region"}, **extra)
        model.objects.filter(pk=stale.pk).update(attempt_time=old)  # auto_now_add: set afterwards
        assert fresh.pk
    Query.get("soudeur").add_hit(date=timezone.localdate() - datetime.timedelta(days=900))
    Query.get("cariste").add_hit()
    call_command("purge_audience", verbosity=0)
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        assert model.objects.count() == 1, model  # only the recent one is left
    assert list(Query.objects.values_list("query_string", flat=True)) == ["cariste"]


def test_searched_words_are_stored_without_the_personal_data_pasted_in_them(client, home_page):
    from wagtail.contrib.search_promotions.models import Query

    from tests.website.factories import SearchPageFactory

    search = SearchPageFactory(parent=home_page)
    client.get(search.url, {"q": "soudeur jean.dupont@exemple.fr 06 12 34 56 78"})
    stored = list(Query.objects.values_list("query_string", flat=True))
    assert stored and all("exemple" not in text and "06 12" not in text for text in stored)
