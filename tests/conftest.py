"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from wagtail.models import Page, Site

# In CI, property-based tests replay the same examples on every run, so that a red build
# always points to a reproducible failure; locally they keep exploring new examples.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """The reference files of ../shared/data, or a skip when this checkout has none."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"../shared/data is absent ({SHARED_DATA}): reference-file tests need the shared folder beside the checkout")
    return SHARED_DATA


@pytest.fixture
def home_page(db):
    """A published home page at the root of the default site (what load_demo builds, minus content)."""
    from website.models import HomePage, NavigationSettings, SiteSettings

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Accueil test", slug="accueil-test"))
    site, _ = Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"},
    )
    # Settings rows exist on a real site; created here, the first page view does not create
    # them (a content change, which would keep that view out of the page cache).
    for setting in (SiteSettings, NavigationSettings):
        setting.objects.get_or_create(site=site)
    return home


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: a rolled-back test must not leave its pages, figures or
    site data (website/site_cache.py) to the next one, whatever the cache version says."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _media_root(tmp_path_factory):
    """Uploaded and generated files go to a temporary folder, never to the project."""
    from django.conf import settings

    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


# Fixtures whose presence means a test reads or writes the database. pytest-django refuses any
# database access to a test that has none of them (nor the django_db mark), so a test without
# them cannot depend on the database engine and needs to run only once in CI (see .ci/run).
# (``django_db_blocker`` is not one: pytest-django's autouse fixtures request it for every test.)
DATABASE_FIXTURES = frozenset({"db", "transactional_db", "django_db_setup", "live_server"})


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark the tests that touch the database (``database``): CI runs them on SQLite and on
    PostgreSQL, and the others once.

    ``tryfirst``: pytest's ``-m`` selection reads the mark in its own hook of the same name.
    """
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        # Browser tests serve the demo from the database (tests/browser/conftest.py).
        needs_database = fixtures & DATABASE_FIXTURES or item.get_closest_marker("browser")
        if needs_database or item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.database)
