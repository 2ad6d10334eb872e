"""The territory chooser offers the zones d'emploi by département, a commune search resolves to its zone
(plain GET forms, no JavaScript), and figures fall back zone → département → région, saying so."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from observatory.models import Territory
from observatory.territory import COOKIE_NAME

from .conftest import import_file


@pytest.fixture
def zones(db):
    cache.clear()
    import_file("territories", "cog_regions.csv")
    import_file("territories", "cog_departements.csv")
    import_file("zones-emploi", "communes_hauts_de_france_geo2023.csv")
    yield
    cache.clear()


def search(client, text, next_url="/observatoire/"):
    return client.get("/territoire/commune/", {"commune": text, "next": next_url})


def test_one_commune_sets_the_cookie_to_its_zone_accents_and_case_tolerated(client, zones):
    for typed in ("Saint-Omer", "SAINT OMER", "st-omer", "saint-omer "):
        response = search(client, typed)
        assert response.status_code == 302 and response["Location"] == "/observatoire/", typed
        assert response.cookies[COOKIE_NAME].value == "ZE-3219"
    response = search(client, "Bethune")  # « Béthune » typed without its accent
    assert response.cookies[COOKIE_NAME].value == "ZE-3205"


def test_insee_code_resolves_to_the_regional_part_of_an_interregional_zone(client, zones):
    response = search(client, "60057")  # Beauvais
    assert response.cookies[COOKIE_NAME].value == "ZE-0054-32"


def test_ambiguous_name_lists_the_communes_as_links_that_choose_their_zone(client, zones):
    response = search(client, "Bailleul")  # Bailleul (Nord) and Bailleul (Somme): two communes, one name
    content = response.content.decode()
    assert response.status_code == 200 and COOKIE_NAME not in response.cookies
    assert "2 communes s’appellent « Bailleul » : choisissez la vôtre." in content
    assert 'href="/territoire/?territoire=ZE-' in content and "&amp;next=%2Fobservatoire%2F" in content
    assert "département 59" in content and "département 80" in content
    response = search(client, "Saint-Martin")  # the beginning of ten names
    assert response.status_code == 200 and "10 communes correspondent" in response.content.decode()
    assert "Seules les 20 premières" in search(client, "Saint").content.decode()


def test_no_match_and_a_postcode_are_said_in_french(client, zones):
    response = search(client, "Xyzville")
    assert response.status_code == 200  # a search page with no result, not a missing page
    assert "Aucune commune de la région ne correspond à « Xyzville »" in response.content.decode()
    response = search(client, "59000")  # Lille's postcode, not an INSEE code
    assert response.status_code == 200 and "Un code postal n’est pas un code INSEE" in response.content.decode()
    response = search(client, "")
    assert response.status_code == 200 and "Tapez le nom de votre commune" in response.content.decode()


def test_next_must_stay_on_the_site(client, zones):
    response = search(client, "Saint-Omer", next_url="https://evil.example/")
    assert response["Location"] == "/"


def test_search_takes_at_most_two_queries(client, zones, django_assert_max_num_queries):
    from observatory.commune_search import find_communes

    with django_assert_max_num_queries(2):
        assert len(find_communes("saint").communes) == 20
    with django_assert_max_num_queries(2):
        assert len(find_communes("abbevil").communes) == 2  # Abbeville, Abbeville-Saint-Lucien
    with django_assert_max_num_queries(3):
        assert find_communes("Lille").single.zone.parent.key == "DEP-59"  # zone and its département joined


def test_chooser_groups_zones_under_their_departement():
    from types import SimpleNamespace

    from observatory.templatetags.observatory_tags import grouped_choices

    def territory(pk, level, key, name, parent=None, code=""):
        return SimpleNamespace(pk=pk, level=level, key=key, name=name, parent_id=parent, code=code,
                               get_level_display=lambda level=level: level)

    items = [territory(1, "region", "REG-32", "Hauts-de-France"),
             territory(2, "departement", "DEP-59", "Nord", 1, "59"),
             territory(3, "departement", "DEP-02", "Aisne", 1, "02"),
             territory(4, "zone_emploi", "ZE-3216", "Lille", 2), territory(5, "zone_emploi", "ZE-3213", "Dunkerque", 2),
             territory(6, "zone_emploi", "ZE-9999", "Ancienne zone", 1)]
    groups = grouped_choices(items)
    assert [(name, [key for key, *_ in options]) for name, options in groups] == [
        ("", ["REG-32"]), ("Aisne", ["DEP-02"]), ("Nord", ["DEP-59", "ZE-3213", "ZE-3216"]),
        ("Zones d'emploi", ["ZE-9999"])]


def test_the_bar_offers_zones_by_departement_and_the_commune_search(client, zones):
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/observatoire/")
    html = Template("{% load observatory_tags %}{% territory_selector %}").render(Context({"request": request}))
    assert '<optgroup label="Oise">' in html
    assert '<option value="ZE-0054-32">Beauvais (partie Hauts-de-France) (zone d&#x27;emploi)</option>' in html
    assert 'action="/territoire/commune/"' in html and '<label for="commune-search">' in html


def test_bmo_falls_back_from_a_zone_to_its_departement_then_region(zones):
    from observatory.hiring import territory_chain, top_hiring_projects

    import_file("fap", "intitule_fap2009.txt")
    import_file("bmo", "bmo_2023_hauts_de_france.csv", publish=True)
    zone = Territory.objects.get(key="ZE-3219")  # Saint-Omer: its BMO bassin is another grid, no zone figure
    assert [t.key for t in territory_chain(zone)] == ["ZE-3219", "DEP-62", "REG-32", "FR"]
    top = top_hiring_projects(zone, limit=3)
    assert top and top[0].is_fallback and top[0].territory.key == "DEP-62"
