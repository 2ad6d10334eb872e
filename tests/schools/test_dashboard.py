"""The schools' panel on the editors' dashboard: the kits most downloaded lately (schools/dashboard.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from schools.models import KitDownloadCount
from tests.schools.factories import ClassroomKitIndexPageFactory, ClassroomKitPageFactory
from website.roles import REGION, STATISTICIANS, apply_roles

pytestmark = pytest.mark.django_db


def _user(role: str, name: str):
    user = get_user_model().objects.create_user(name, password="x")
    user.groups.add(Group.objects.get(name=role))
    return user


def test_most_downloaded_kits_come_from_the_schools_counters(client, home_page):
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


def test_the_kits_panel_is_for_those_who_may_read_the_kit_counters(client, home_page):
    apply_roles()
    client.force_login(_user(STATISTICIANS, "statisticien"))
    assert "Kits les plus téléchargés" not in client.get(reverse("wagtailadmin_home")).content.decode()
