"""The demo loader builds the site once, and a second run changes and duplicates nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from website.models import HomePage, SiteImage

pytestmark = [pytest.mark.django_db, pytest.mark.demo_loader]


def _snapshot() -> dict:
    return {
        "pages": sorted(Page.objects.values_list("url_path", "title", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "images": SiteImage.objects.count(),
        "users": get_user_model().objects.count(),
        "sites": list(Site.objects.values_list("hostname", "root_page_id", "is_default_site")),
    }


def test_load_demo_replaces_the_welcome_page_and_is_idempotent():
    call_command("load_demo", "--skip-index", verbosity=0)
    first = _snapshot()
    call_command("load_demo", "--skip-index", verbosity=0)
    assert _snapshot() == first
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()
