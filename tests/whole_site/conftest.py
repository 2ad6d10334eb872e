"""The full demo content, loaded once for every whole-site test of this package and rolled back after.

Loading the demo takes several seconds; the query budget, fuzzing and schema tests all read it,
so they share one load inside a transaction that is undone when the package's tests end (the
other test packages still start from an empty database). Under xdist each worker is its
own session with its own test database: the package's tests all go to one worker (an
``xdist_group``, below), which loads the demo once while the other worker runs the rest.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="package")
def demo_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", "--no-admin", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="package")
def site_paths(demo_site, django_db_blocker) -> list[tuple[str, str]]:
    from django.test import Client

    from tests.site_pages import public_paths

    with django_db_blocker.unblock():
        return public_paths(Client())


def pytest_collection_modifyitems(items):
    """Every whole-site test on one xdist worker (``--dist loadgroup``, Makefile): the demo is then
    loaded once per test run instead of once per worker, while the other worker runs the rest."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.xdist_group("whole_site"))
