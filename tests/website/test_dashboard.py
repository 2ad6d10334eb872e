"""The editors' dashboard: approvals, drafts, downloaded kits, pages judged not useful; the pages that show an
object (website.page_references, used by the observatory's stale-data panel: tests/observatory/test_stale_data_panel.py)."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from audience.models import DocumentDownloadCount, PageFeedback
from tests.website.factories import StandardPageFactory
from website.page_references import pages_showing
from website.roles import AGENCY, REGION, apply_roles

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


def test_pages_judged_not_useful_are_listed_for_the_region(client, home_page):
    apply_roles()
    page = StandardPageFactory(parent=home_page, title="Les aides à la formation")
    fine = StandardPageFactory(parent=home_page, title="Les salaires")
    today = timezone.localdate()
    PageFeedback.objects.bulk_create([PageFeedback(page=page, day=today, useful=n == 0) for n in range(4)]
                                     + [PageFeedback(page=fine, day=today, useful=True) for _ in range(4)])
    client.force_login(_user(REGION, "region"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Pages jugées peu utiles" in html
    assert "Les aides à la formation" in html and "25 %" in html
    assert "Les salaires</a>" not in html


def _schools_counts_kits() -> bool:
    from django.apps import apps

    try:
        apps.get_model("schools", "KitDownloadCount")
    except LookupError:
        return False
    return True


def test_most_downloaded_kits_come_from_the_kits_collection(client, home_page):
    if _schools_counts_kits():
        pytest.skip("the schools app counts kit downloads itself: see the test below")
    apply_roles()
    kits = Collection.get_first_root_node().add_child(name="Kits pédagogiques")
    document_model = get_document_model()
    kit = document_model.objects.create(title="Kit « usine du futur »", collection=kits,
                                        file=ContentFile(b"kit", name="kit.pdf"))
    other = document_model.objects.create(title="Compte rendu interne", file=ContentFile(b"cr", name="cr.pdf"))
    today = timezone.localdate()
    DocumentDownloadCount.objects.create(document=kit, day=today, channel="direct", downloads=12)
    DocumentDownloadCount.objects.create(document=other, day=today, channel="direct", downloads=50)
    client.force_login(_user(REGION, "region"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Kits les plus téléchargés" in html and "Kit « usine du futur »" in html
    assert "Compte rendu interne" not in html


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


def test_most_downloaded_kits_come_from_the_schools_counters(client, home_page):
    if not _schools_counts_kits():
        pytest.skip("the schools app (KitDownloadCount) is not merged on this branch")
    from schools.models import KitDownloadCount
    from tests.schools.factories import ClassroomKitIndexPageFactory, ClassroomKitPageFactory

    apply_roles()
    index = ClassroomKitIndexPageFactory(parent=home_page)
    popular = ClassroomKitPageFactory(parent=index, title="Kit « usine du futur »")
    quiet = ClassroomKitPageFactory(parent=index, title="Kit « la chimie verte »")
    this_month = timezone.localdate().replace(day=1)
    KitDownloadCount.objects.create(kit=popular, month=this_month, count=40)
    KitDownloadCount.objects.create(kit=quiet, month=this_month, count=3)
    KitDownloadCount.objects.create(kit=quiet, month=this_month.replace(year=this_month.year - 2), count=500)
    client.force_login(_user(REGION, "region"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = html[html.index("Kits les plus téléchargés"):]
    assert panel.index("Kit « usine du futur »") < panel.index("Kit « la chimie verte »")
    assert ">40<" in panel and ">3<" in panel
