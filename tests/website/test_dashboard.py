"""The editors' dashboard: the base's panels (drafts; approvals in tests/website/test_workflow.py); the pages that
show an object (website.page_references, used by the observatory's stale-data panel:
tests/observatory/test_stale_data_panel.py). The apps' panels are tested with them: tests/schools/test_dashboard.py,
tests/audience/test_dashboard.py."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model

from tests.website.factories import StandardPageFactory
from website.page_references import pages_showing
from website.roles import AGENCY, apply_roles

pytestmark = pytest.mark.django_db


def _user(role: str, name: str):
    user = get_user_model().objects.create_user(name, password="x")
    user.groups.add(Group.objects.get(name=role))
    return user


def test_my_drafts_lists_the_pages_i_changed_and_did_not_publish(client, home_page):
    apply_roles()
    agency = _user(AGENCY, "agence")
    page = StandardPageFactory(parent=home_page, title="Le métier de chaudronnier")
    page.title = "Le métier de chaudronnière"
    page.save_revision(user=agency)
    client.force_login(agency)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Mes brouillons" in html and "Le métier de chaudronnière" in html
    assert "publiée, modifications en attente" in html


def test_pages_showing_an_object_are_found_through_the_reference_index(home_page):
    """Documents stand in for datasets: both are models referenced from StreamFields."""
    document_model = get_document_model()
    shown = document_model.objects.create(title="Enquête BMO 2019", file=ContentFile(b"x", name="bmo.csv"))
    unused = document_model.objects.create(title="Enquête BMO 2026", file=ContentFile(b"y", name="bmo26.csv"))
    page = StandardPageFactory(parent=home_page, title="Les projets de recrutement")
    page.body = json.dumps([{"type": "document", "value": {"document": shown.pk, "title": "", "description": ""}}])
    page.save_revision().publish()
    StandardPageFactory(parent=home_page, title="Sans chiffre")
    found = pages_showing([shown, unused])
    assert [p.title for p in found[shown.pk]] == ["Les projets de recrutement"]
    assert found[unused.pk] == []
