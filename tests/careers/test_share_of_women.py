"""Job profiles, short ones included, show the DARES share of women of their family, France entière."""

from __future__ import annotations

import pytest

from careers.models import JobProfilePage
from careers.occupations import create_occupation_pages
from tests.careers.factories import JobProfilePageFactory, JobProfileWayInFactory, make_tension
from tests.observatory.conftest import import_bytes, import_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def wood_occupation(territories):
    """H2201 (assemblage d'ouvrages en bois, FAP F3Z41) with a tension row, the FAP nomenclature and the
    shipped share-of-women extract, published."""
    region, _departement = territories
    make_tension("H2201", region, level=4, fap_code="F3Z41")
    import_file("fap", "intitule_fap2009.txt")
    import_file("occupation-stats", "part_femmes_2017_2019.csv", publish=True)
    return region


def test_a_short_profile_shows_its_detailed_familys_share_of_women_with_source_and_period(
        client, profile_index, wood_occupation):
    create_occupation_pages(profile_index)
    page = JobProfilePage.objects.get(rome_codes="H2201")
    assert page.is_short
    html = client.get(page.url).content.decode()
    facts = html[html.index("Part de femmes"):]
    facts = facts[:facts.index("</dd>")]
    assert "6\u202f%" in facts  # F3Z41, 5.93 % in 2017-2019 — not F3Z's 10.9 %
    assert "France entière" in facts and "2017-2019" in facts and "(FAP F3Z41)" in facts
    assert "Dares, Insee (enquête Emploi)" in facts and "famille plus large" not in facts


def test_a_short_profile_with_the_share_of_women_stays_within_the_query_budget(
        client, profile_index, wood_occupation, django_assert_max_num_queries):
    create_occupation_pages(profile_index)
    page = JobProfilePage.objects.get(rome_codes="H2201")
    client.get(page.url)  # warm the site and settings caches
    with django_assert_max_num_queries(20):
        assert "Part de femmes" in client.get(page.url).content.decode()


def test_an_unpublished_share_of_women_is_said_in_words(client, profile_index, territories):
    import_file("fap", "intitule_fap2009.txt")
    empty = ('"Fap3","Annee","Part","libelle","code_domaine","libelle_domaine","code_fap_agregee",'
             '"libelle_fap_agregee"\n"D2Z42","2017-2019",NA,"Soudeurs","D","Mécanique","D2Z","Ouvriers"\n')
    assert import_bytes("occupation-stats", empty, "part_femmes.csv", publish=True).ok
    profile = JobProfilePageFactory(parent=profile_index, rome_codes="H2913", fap_code="D2Z42",
                                    share_of_women=None)
    JobProfileWayInFactory(page=profile)
    html = client.get(profile.url).content.decode()
    assert "Part de femmes" in html and "non publiée par la Dares" in html
    assert "None\u202f%" not in html and "None %" not in html
