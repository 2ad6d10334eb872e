"""The editorial demo: a login per role in development, none under production settings."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from website import demo, demo_editorial
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
