"""Careers test fixtures: a site with the careers sections and territories."""

from __future__ import annotations

import pytest

from tests.careers.factories import (
    FiliereIndexPageFactory,
    JobProfileIndexPageFactory,
    make_region_with_departement,
)


@pytest.fixture
def territories(db):
    """(region REG-32, département DEP-59); the site's default territory is the region."""
    return make_region_with_departement()


@pytest.fixture
def profile_index(home_page):
    return JobProfileIndexPageFactory(parent=home_page)


@pytest.fixture
def filiere_index(home_page):
    return FiliereIndexPageFactory(parent=home_page)
