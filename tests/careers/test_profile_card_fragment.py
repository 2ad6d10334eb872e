"""Job profile cards are kept per process ({% fragment %}), yet each visitor sees the figures of their territory."""

from __future__ import annotations

import pytest

from tests.careers.factories import JobProfilePageFactory
from tests.observatory.conftest import BASE_FILES, import_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_tensions(db):
    for kind, name in BASE_FILES:
        import_file(kind, name)
    import_file("tension", "tensions_hdf_2019.csv", publish=True)


def test_the_listing_card_follows_the_territory_cookie_after_being_kept(client, profile_index, published_tensions):
    JobProfilePageFactory(parent=profile_index, title="Soudeur ou soudeuse", rome_codes="H2913", fap_code="D2Z42")
    region = client.get(profile_index.url).content.decode()
    client.cookies["territoire"] = "DEP-60"
    oise = client.get(profile_index.url).content.decode()
    assert "(Hauts-de-France)</li>" in region and "(Oise)</li>" not in region
    assert "(Oise)</li>" in oise and "(Hauts-de-France)</li>" not in oise
    client.cookies["territoire"] = ""
    assert client.get(profile_index.url).content.decode() == region  # read back as it was kept
