"""Careers test fixtures: a site with the careers sections and territories."""

from __future__ import annotations

import pytest

from tests.careers.factories import (
    FiliereIndexPageFactory,
    JobProfileIndexPageFactory,
    make_region_with_departement,
)
from tests.observatory.conftest import BASE_FILES, import_file


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


@pytest.fixture
def published_tensions(db):
    """The nomenclatures and the DARES 2019 tension figures of Hauts-de-France (shipped extract), published."""
    for kind, name in BASE_FILES:
        import_file(kind, name)
    import_file("tension", "tensions_hdf_2019.csv", publish=True)
