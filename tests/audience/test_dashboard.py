"""The audience's panel on the editors' dashboard: pages visitors judged not useful (audience/dashboard.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from audience.models import PageFeedback
from tests.website.factories import StandardPageFactory
from website.roles import REGION, STATISTICIANS, apply_roles

pytestmark = pytest.mark.django_db


def _user(role: str, name: str):
    user = get_user_model().objects.create_user(name, password="x")
    user.groups.add(Group.objects.get(name=role))
    return user


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


def test_the_feedback_panel_is_for_those_who_may_read_the_feedback(client, home_page):
    apply_roles()
    client.force_login(_user(STATISTICIANS, "statisticien"))
    assert "Pages jugées peu utiles" not in client.get(reverse("wagtailadmin_home")).content.decode()
