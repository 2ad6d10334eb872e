"""The editors' dashboard: approvals, drafts, stale data, downloaded kits, pages judged not useful."""

from __future__ import annotations

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from audience.models import DocumentDownloadCount, PageFeedback
from tests.website.factories import StandardPageFactory
from website.roles import AGENCY, REGION, apply_roles
from website.stale_data import months_ago, stale_datasets

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


def test_stale_data_panel_is_absent_until_a_dataset_model_exists(client, home_page, settings):
    apply_roles()
    settings.EDITORIAL_DATASET_MODEL = "nowhere.Dataset"
    client.force_login(_user(REGION, "region"))
    assert stale_datasets() == []
    assert "Données de plus de" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_stale_datasets_and_the_pages_that_show_them(home_page, settings):
    """Documents stand in for datasets: both are models referenced from StreamFields."""
    settings.EDITORIAL_DATASET_MODEL = "wagtaildocs.Document"
    settings.EDITORIAL_STALE_DATA_MONTHS = 12
    document_model = get_document_model()
    old = document_model.objects.create(title="Enquête BMO 2019", file=ContentFile(b"x", name="bmo.csv"))
    document_model.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=800))
    recent = document_model.objects.create(title="Enquête BMO 2026", file=ContentFile(b"y", name="bmo26.csv"))
    page = StandardPageFactory(parent=home_page, title="Les projets de recrutement")
    page.body = json.dumps([{"type": "document", "value": {"document": old.pk, "title": "", "description": ""}}])
    page.save_revision().publish()
    StandardPageFactory(parent=home_page, title="Sans chiffre")
    result = stale_datasets()
    assert [item.dataset.pk for item in result] == [old.pk]
    assert [p.title for p in result[0].pages] == ["Les projets de recrutement"]
    assert recent.pk not in [item.dataset.pk for item in result]
    assert Page.objects.filter(title="Sans chiffre").exists()


def test_months_ago_keeps_the_day_or_clamps_to_the_end_of_month():
    assert months_ago(18, datetime.date(2026, 11, 28)) == datetime.date(2025, 5, 28)
    assert months_ago(1, datetime.date(2026, 3, 31)) == datetime.date(2026, 2, 28)
    assert months_ago(12, datetime.date(2024, 2, 29)) == datetime.date(2023, 2, 28)


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


def test_stale_published_datasets_of_the_observatory_are_listed(home_page, settings):
    try:
        from observatory.models import Dataset, DatasetStatus
    except ImportError:
        pytest.skip("the observatory app is not merged on this branch")
    settings.EDITORIAL_STALE_DATA_MONTHS = 18
    common = {"kind": Dataset._meta.get_field("kind").choices[0][0], "source": "Dares, France Travail",
              "original_filename": "tensions.csv", "checksum": "0" * 64}
    old = Dataset.objects.create(title="Tensions 2019", status=DatasetStatus.PUBLISHED,
                                 published_at=timezone.now() - datetime.timedelta(days=900), **common)
    Dataset.objects.create(title="Tensions 2024", status=DatasetStatus.PUBLISHED,
                           published_at=timezone.now() - datetime.timedelta(days=30), **common)
    Dataset.objects.create(title="Brouillon ancien", status=DatasetStatus.DRAFT, **common)
    assert [item.dataset.pk for item in stale_datasets()] == [old.pk]
