"""INSEE unemployment rate by zone d'emploi on the observatory home (SVG chart with title, description
and its table; a département lists its zones) and through the API (JSON and CSV)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from observatory.unemployment import chart_geometry, unemployment_for

from .conftest import import_file


def test_chart_geometry_keeps_the_line_inside_the_frame_and_labels_whole_percent_ticks():
    points, ticks = chart_geometry([7.8, 7.2, 9.4], 640, 240)
    assert [round(x) for x, _ in points] == [40, 320, 600]
    assert all(40 < y < 200 for _, y in points)
    assert [value for value, _ in ticks] == [7.0, 8.0, 9.0, 10.0]
    assert ticks[0][1] == 200 and ticks[-1][1] == 40
    assert chart_geometry([], 640, 240) == ([], [])
    flat, _ = chart_geometry([8.0, 8.0], 640, 240)
    assert flat[0][1] == flat[1][1]


@pytest.fixture
def rates(db):
    cache.clear()
    import_file("territories", "cog_regions.csv")
    import_file("territories", "cog_departements.csv")
    import_file("zones-emploi", "communes_hauts_de_france_geo2023.csv")
    import_file("unemployment-zones", "chomage_zones_emploi_hauts_de_france.xlsx", publish=True)
    yield
    cache.clear()


def test_a_zone_shows_its_last_twenty_quarters_and_a_departement_its_zones(rates, django_assert_max_num_queries):
    from observatory.models import Territory

    zone = Territory.objects.get(key="ZE-0054-32")
    with django_assert_max_num_queries(2):
        view = unemployment_for(zone)
    assert len(view.series) == 20 and view.latest.period == "2023-T3" and view.latest.rate == 7.8
    assert view.source == "Insee, taux de chômage localisés" and view.vintage == 2023
    oise = Territory.objects.get(key="DEP-60")
    listed = unemployment_for(oise)
    assert not listed.series and {zone.key for zone, _, _ in listed.zones} >= {"ZE-0054-32", "ZE-3210", "ZE-3211"}
    region = unemployment_for(Territory.objects.get(key="REG-32"))
    assert len(region.zones) == 24


def test_home_section_renders_an_accessible_svg_and_its_table(rates):
    from django.template.loader import render_to_string

    from observatory.models import Territory

    html = render_to_string("observatory/includes/unemployment_zones.html",
                            {"unemployment": unemployment_for(Territory.objects.get(key="ZE-3219"))})
    assert 'role="img" aria-labelledby="unemployment-chart-title unemployment-chart-desc"' in html
    assert "<title id=\"unemployment-chart-title\">Taux de chômage de la zone d’emploi Saint-Omer" in html
    assert "<caption>" in html and "2023-T3" in html and "Source : Insee, taux de chômage localisés (2023)" in html
    assert "territory=ZE-3219&amp;format=csv-fr" in html


def test_api_lists_rates_with_filters_and_csv(rates, client):
    response = client.get("/api/v1/unemployment/", {"territory": "ZE-0054-32", "year": "2023", "quarter": "3"})
    assert response.status_code == 200, response.content
    (row,) = response.json()["results"]
    assert (row["territory"], row["period"], row["rate"], row["dataset"]["source"]) == (
        "ZE-0054-32", "2023-T3", 7.8, "Insee, taux de chômage localisés")
    csv = client.get("/api/v1/unemployment/", {"territory": "ZE-3216", "format": "csv"})
    assert csv.status_code == 200 and csv.content.decode().count("\n") == 84  # header + 83 quarters
    assert client.get("/api/v1/unemployment/", {"quarter": "5"}).status_code == 400
    assert client.get("/api/v1/unemployment/", {"territory": "ZE-9999"}).status_code == 404
