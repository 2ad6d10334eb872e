"""The editorial demo: a login per role in development, none under production settings."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from demo.loaders import website_editorial as demo_editorial
from demo.loaders import website_home as demo
from website.models import CampaignPage
from website.roles import roles

pytestmark = pytest.mark.django_db


def test_demo_creates_one_login_per_role_and_campaign_pages():
    demo.load(io.StringIO())
    demo_editorial.load(io.StringIO())
    users = get_user_model().objects.prefetch_related("groups")
    for role in roles():
        user = users.get(username=role.demo_username)
        assert [group.name for group in user.groups.all()] == [role.name]
        assert user.check_password(demo_editorial.DEMO_PASSWORD)
        assert not user.is_superuser
    assert CampaignPage.objects.live().count() == 2
    assert Page.objects.get(slug="campagne").url == "/campagne/"


def test_demo_accounts_are_refused_under_production_settings(settings):
    settings.DEMO_ADMIN_ALLOWED = False
    demo.load(io.StringIO())
    output = io.StringIO()
    demo_editorial.load(output)
    assert not get_user_model().objects.filter(username__in=[role.demo_username for role in roles()]).exists()
    assert "refusés" in output.getvalue()


@pytest.mark.parametrize(("today", "start", "end_after_today"), [
    (datetime.date(2026, 12, 1), datetime.date(2026, 11, 1), True),
    (datetime.date(2027, 3, 31), datetime.date(2027, 2, 1), True),
    (datetime.date(2027, 1, 15), datetime.date(2026, 12, 1), True),
])
def test_the_demo_campaigns_are_always_under_way_on_the_day_the_demo_is_loaded(today, start, end_after_today):
    from demo.loaders.website_editorial import current_wave

    wave_start, wave_end, label = current_wave(today)
    assert wave_start == start and wave_start <= today
    assert (wave_end > today) is end_after_today
    assert label.startswith("Vague de ") and str(start.year) in label
