"""Key figures follow the visitor's territory (#19), falling back to the level above and saying so."""

from __future__ import annotations

import pytest

from observatory.models import KeyIndicator, TensionIndicator, Territory

pytestmark = pytest.mark.django_db


def _family_whose_level_differs(region, departement):
    regional = dict(TensionIndicator.objects.published().filter(territory=region, level__isnull=False)
                    .values_list("fap_id", "level"))
    for fap_id, level in (TensionIndicator.objects.published().filter(territory=departement, level__isnull=False)
                          .values_list("fap_id", "level")):
        if fap_id in regional and regional[fap_id] != level:
            return fap_id
    pytest.skip("no family with a different level in the test data")


def test_the_territory_changes_the_home_pages_key_figures(client, home_page, tension_data,
                                                         django_assert_max_num_queries):
    region, nord = Territory.objects.get(key="REG-32"), Territory.objects.get(key="DEP-59")
    fap_id = _family_whose_level_differs(region, nord)
    indicator = KeyIndicator.objects.create(title="Tension", measure=KeyIndicator.Measure.TENSION_LEVEL,
                                            territory=region, fap_id=fap_id)
    home_page.key_figures = [("key_figures", {"heading": "L'industrie en chiffres",
                                              "figures": [{"indicator": indicator, "comment": ""}]})]
    home_page.save_revision().publish()
    regional = client.get("/").content.decode()
    assert "Hauts-de-France" in regional
    client.cookies["territoire"] = "DEP-59"
    client.get("/")
    with django_assert_max_num_queries(30):
        local = client.get("/").content.decode()
    assert '<span class="key-figure__territory">Nord</span>' in local
    local_value = local.split('key-figure__value">')[1].split("<")[0]
    regional_value = regional.split('key-figure__value">')[1].split("<")[0]
    assert local_value != regional_value
    # The indicator names the region: its own figure stays beside the visitor's, said as the region's.
    assert f"Pour comparaison, Hauts-de-France : {regional_value}" in local
    assert "Pour comparaison" not in regional


def test_a_zone_without_a_figure_falls_back_to_its_departement_and_says_so(client, home_page, tension_data):
    region, nord = Territory.objects.get(key="REG-32"), Territory.objects.get(key="DEP-59")
    zone = Territory.objects.create(key="ZE-9999", level="zone_emploi", code="9999", name="Zone test", parent=nord)
    fap_id = _family_whose_level_differs(region, nord)
    indicator = KeyIndicator.objects.create(title="Tension", measure=KeyIndicator.Measure.TENSION_LEVEL,
                                            territory=region, fap_id=fap_id)
    home_page.key_figures = [("key_figures", {"heading": "Chiffres", "figures": [{"indicator": indicator,
                                                                                  "comment": ""}]})]
    home_page.save_revision().publish()
    client.cookies["territoire"] = zone.key
    html = client.get("/").content.decode()
    assert "Nord — chiffre non publié pour votre territoire" in html
