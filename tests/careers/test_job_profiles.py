"""Job profiles (/metiers/<slug>/) and the profile finder (/metiers/)."""

from __future__ import annotations

import json
import re

import pytest
from django.core.exceptions import ValidationError

from tests.careers.factories import (
    CompanyFactory,
    FilierePageFactory,
    JobProfilePageFactory,
    JobProfileWayInFactory,
    TestimonialFactory,
    TrainingProgrammeFactory,
    TrainingProviderFactory,
    make_tension,
)

pytestmark = pytest.mark.django_db


def _profile(parent, **fields):
    profile = JobProfilePageFactory(parent=parent, **fields)
    JobProfileWayInFactory(page=profile)
    return profile


def test_profile_shows_both_titles_ways_in_figures_with_source_and_codes(client, profile_index, territories):
    profile = _profile(profile_index, title="Soudeur ou soudeuse", median_salary=1756,
                       salary_source="Dares, 2017-2019", share_of_women=4, share_of_women_source="Dares, 2017-2019")
    html = client.get(profile.url).content.decode()
    assert "Soudeur ou Soudeuse" in html
    assert "CAP Réalisations industrielles" in html
    assert re.search(r"1[\s\u00a0\u202f]756 € : salaire médian", html)
    assert "Source : Dares, 2017-2019" in html
    assert "ROME H2913" in html and "FAP D2Z42" in html


def test_profile_publishes_schema_org_occupation_json_ld(client, profile_index, territories):
    profile = _profile(profile_index)
    html = client.get(profile.url).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Occupation"
    assert data["occupationalCategory"][0]["codeValue"] == "H2913"
    assert data["url"].endswith(profile.url)


def test_printed_sheet_carries_a_qr_code_to_the_page(client, profile_index, territories):
    profile = _profile(profile_index)
    html = client.get(profile.url).content.decode()
    qr = html[html.index('class="print-only print-qr"'):]
    assert "<svg" in qr and "QR code vers http://localhost" in qr


def test_draft_profile_is_not_shown_to_anonymous_visitors(client, profile_index):
    profile = _profile(profile_index, live=False)
    assert client.get(profile.url).status_code == 404
    assert profile.title not in client.get(profile_index.url).content.decode()


def test_tension_badge_uses_the_visitors_departement_with_reasons_and_source(client, profile_index, territories):
    region, nord = territories
    make_tension("H2913", region, level=3)
    make_tension("H2913", nord, level=5)
    profile = _profile(profile_index)
    html = client.get(profile.url).content.decode()
    assert "niveau 3 sur 5" in html
    client.cookies["territoire"] = "DEP-59"
    html = client.get(profile.url).content.decode()
    assert "niveau 5 sur 5" in html
    assert "Pourquoi ?" in html and "Source : Dares, France Travail, 2019" in html


def test_profile_with_several_codes_shows_its_own_family_not_the_most_tense_code(client, profile_index, territories):
    region, _nord = territories
    make_tension("H2913", region, level=2, fap_code="D2Z42")
    make_tension("H2902", region, level=4, fap_code="D2Z40")
    profile = _profile(profile_index, rome_codes="H2913, H2902", fap_code="D2Z42")
    html = client.get(profile.url).content.decode()
    assert "niveau 2 sur 5" in html and "niveau 4 sur 5" not in html
    assert "(FAP D2Z42)" in html  # the badge names the family it describes


def test_profile_shows_its_declared_family_not_another_family_of_the_same_code(client, profile_index, territories):
    # DARES sends H2913 to D2Z42 (welders) for qualified job-seekers and to D3Z20 for unskilled ones.
    region, _nord = territories
    make_tension("H2913", region, level=1, fap_code="D3Z20")
    make_tension("H2913", region, level=5, fap_code="D2Z42")
    profile = _profile(profile_index, rome_codes="H2913", fap_code="D2Z42")
    assert "niveau 5 sur 5" in client.get(profile.url).content.decode()


def test_profile_without_a_declared_family_shows_the_default_family_of_its_code(client, profile_index, territories):
    region, _nord = territories
    make_tension("H2913", region, level=4, fap_code="D2Z42")  # the first family given is the default
    make_tension("H2913", region, level=1, fap_code="D3Z20")
    profile = _profile(profile_index, rome_codes="H2913", fap_code="")
    assert "niveau 4 sur 5" in client.get(profile.url).content.decode()


def test_a_published_figure_for_the_chosen_departement_is_never_replaced_by_the_region(client, profile_index,
                                                                                       territories):
    region, nord = territories
    make_tension("H2913", region, level=2, fap_code="D2Z42")
    make_tension("H2913", nord, level=5, fap_code="D2Z42")
    make_tension("H2913", nord, level=1, fap_code="D3Z20")  # another family published here too
    profile = _profile(profile_index, rome_codes="H2913", fap_code="D2Z42")
    client.cookies["territoire"] = "DEP-59"
    html = client.get(profile.url).content.decode()
    assert "niveau 5 sur 5" in html and "Pas de niveau publié" not in html


def test_an_unpublished_category_falls_back_to_the_region_and_says_so(client, profile_index, territories):
    region, nord = territories
    make_tension("H2913", region, level=4, fap_code="D2Z42")
    unpublished = make_tension("H2913", nord, level=4, fap_code="D2Z42")
    unpublished.level = None  # DARES left the category empty: too few people to measure it in Nord
    unpublished.save()
    profile = _profile(profile_index, rome_codes="H2913", fap_code="D2Z42")
    client.cookies["territoire"] = "DEP-59"
    html = client.get(profile.url).content.decode()
    assert "Pas de niveau publié pour Nord" in html and "niveau 4 sur 5" in html


def test_reasons_are_not_given_for_a_low_tension(client, profile_index, territories):
    region, _nord = territories
    make_tension("H2913", region, level=2, fap_code="D2Z42")
    html = client.get(_profile(profile_index, rome_codes="H2913", fap_code="D2Z42").url).content.decode()
    assert "niveau 2 sur 5" in html and "Pourquoi ?" not in html


def test_only_testimonials_with_consent_and_live_are_shown(client, profile_index, territories):
    profile = _profile(profile_index)
    TestimonialFactory(first_name="Visible", job_profiles=[profile])
    TestimonialFactory(first_name="Brouillon", live=False, consent_date=None, job_profiles=[profile])
    html = client.get(profile.url).content.decode()
    assert "Visible" in html and "Brouillon" not in html


def test_training_near_me_lists_the_visitors_departement_and_falls_back_to_the_region(client, profile_index, territories):
    region, nord = territories
    from tests.careers.factories import TerritoryFactory

    somme = TerritoryFactory(key="DEP-80", code="80", name="Somme", parent=region)
    profile = _profile(profile_index)
    TrainingProgrammeFactory(job_profile=profile, title="Titre pro soudeur à Lille",
                             provider=TrainingProviderFactory(territory=nord))
    client.cookies["territoire"] = "DEP-59"
    html = client.get(profile.url).content.decode()
    assert "Titre pro soudeur à Lille" in html and "Se former près de chez vous" in html
    client.cookies["territoire"] = somme.key
    html = client.get(profile.url).content.decode()
    assert "Titre pro soudeur à Lille" in html and "voici celles de la région" in html


def test_local_companies_come_first_and_are_marked(client, profile_index, territories):
    region, nord = territories
    from tests.careers.factories import TerritoryFactory

    oise = TerritoryFactory(key="DEP-60", code="60", name="Oise", parent=region)
    profile = _profile(profile_index)
    CompanyFactory(name="Aciéries Oise", territory=oise, job_profiles=[profile])
    CompanyFactory(name="Zinguerie du Nord", territory=nord, job_profiles=[profile])
    client.cookies["territoire"] = "DEP-59"
    html = client.get(profile.url).content.decode()
    assert html.index("Zinguerie du Nord") < html.index("Aciéries Oise")
    assert "près de chez vous" in html


def test_profile_without_a_schools_events_relation_shows_no_event_section(profile_index):
    profile = _profile(profile_index)
    assert profile.upcoming_events() == []


def test_profile_page_queries_stay_bounded_however_many_related_items(client, profile_index, territories,
                                                                     django_assert_max_num_queries):
    region, nord = territories
    filieres = [FilierePageFactory(parent=profile_index.get_parent()) for _ in range(3)]
    others = [_profile(profile_index) for _ in range(6)]
    profile = _profile(profile_index, rome_codes="H2913, H2902")
    profile.filieres.set(filieres)
    profile.related_profiles.set(others)
    profile.tags.add("soudure", "métal", "atelier")
    profile.save_revision().publish()
    for index in range(6):
        TestimonialFactory(job_profiles=[profile])
        CompanyFactory(territory=nord if index % 2 else region, job_profiles=[profile])
        TrainingProgrammeFactory(job_profile=profile, provider=TrainingProviderFactory(territory=nord))
    make_tension("H2913", region, level=4)
    client.get(profile.url)  # warm the renditions and settings caches
    with django_assert_max_num_queries(30):
        response = client.get(profile.url)
    assert response.status_code == 200


@pytest.mark.parametrize(("field", "value", "message"), [
    ("rome_codes", "H2913, soudeur", "« soudeur » n'est pas un code ROME"),
    ("rome_codes", "", "au moins un code ROME"),
    ("fap_code", "D2-42", "FAP 2009"),
    ("riasec_code", "RX", "R, I, A, S, E, C"),
])
def test_bad_codes_get_a_specific_error(profile_index, field, value, message):
    profile = JobProfilePageFactory.build(**{field: value})
    with pytest.raises(ValidationError) as error:
        profile.clean()
    assert message in " ".join(error.value.message_dict[field])


def test_a_salary_without_its_source_is_refused(profile_index):
    profile = JobProfilePageFactory.build(median_salary=1800, salary_source="")
    with pytest.raises(ValidationError) as error:
        profile.clean()
    assert "salary_source" in error.value.message_dict


def test_rome_codes_are_stored_normalised(profile_index):
    profile = _profile(profile_index, rome_codes="h2913 ; H2902")
    profile.refresh_from_db()
    assert profile.rome_codes == "H2913,H2902"
    assert profile.get_rome_codes() == ["H2913", "H2902"]


# --- The finder ---------------------------------------------------------------------------

@pytest.fixture
def catalogue(profile_index, territories):
    """Three profiles in two filières with different ways in; the first recruits strongly in the Nord."""
    _region, nord = territories
    metal = FilierePageFactory(parent=profile_index.get_parent(), title="Métallurgie", slug="metallurgie",
                               observatory_slug="metallurgie-mecanique")
    agro = FilierePageFactory(parent=profile_index.get_parent(), title="Agroalimentaire", slug="agroalimentaire",
                              observatory_slug="agroalimentaire")
    welder = JobProfilePageFactory(parent=profile_index, title="Soudeur ou soudeuse", rome_codes="H2913",
                                   riasec_code="RC")
    welder.filieres.add(metal)
    welder.save_revision().publish()
    JobProfileWayInFactory(page=welder, level="cap", apprenticeship=True)
    line = JobProfilePageFactory(parent=profile_index, title="Conducteur de ligne", rome_codes="H2102",
                                 riasec_code="RC", introduction="Piloter une ligne de biscuits.")
    line.filieres.add(agro)
    line.save_revision().publish()
    JobProfileWayInFactory(page=line, level="sans-diplome", apprenticeship=False)
    engineer = JobProfilePageFactory(parent=profile_index, title="Ingénieur de production", rome_codes="H2502",
                                     riasec_code="CR")
    engineer.filieres.add(metal, agro)
    engineer.save_revision().publish()
    JobProfileWayInFactory(page=engineer, level="ingenieur", apprenticeship=True)
    make_tension("H2913", nord, level=5, fap_code="D2Z42")
    make_tension("H2102", nord, level=2, fap_code="E1Z42")
    return {"welder": welder, "line": line, "engineer": engineer}


def _titles(response) -> list[str]:
    return [profile.title for profile in response.context["page_obj"].object_list]


def test_facets_combine_within_as_or_and_across_as_and(client, profile_index, catalogue):
    response = client.get(profile_index.url, {"filiere": ["metallurgie", "agroalimentaire"], "apprentissage": "1"})
    assert sorted(_titles(response)) == ["Ingénieur de production", "Soudeur ou soudeuse"]
    response = client.get(profile_index.url, {"filiere": "agroalimentaire", "niveau": "sans-diplome"})
    assert _titles(response) == ["Conducteur de ligne"]


def test_facet_counts_tell_how_many_results_each_choice_gives(client, profile_index, catalogue):
    response = client.get(profile_index.url, {"filiere": "metallurgie"})
    facets = {facet.name: {o.value: o.count for o in facet.options} for facet in response.context["facets"]}
    assert facets["filiere"] == {"agroalimentaire": 2, "metallurgie": 2}
    assert facets["niveau"]["cap"] == 1 and facets["niveau"]["sans-diplome"] == 0


def test_recrute_fortement_ici_uses_the_chosen_departement(client, profile_index, catalogue):
    client.cookies["territoire"] = "DEP-59"
    response = client.get(profile_index.url, {"recrute": "1"})
    assert _titles(response) == ["Soudeur ou soudeuse"]
    assert "Recrute fortement ici : Nord" in response.content.decode()


def test_recrute_fortement_ici_never_counts_a_level_carried_up_from_the_region(
        client, profile_index, catalogue, territories):
    region, _nord = territories
    make_tension("H2502", region, level=5, fap_code="H1Z80")  # the engineer: a regional level only
    client.cookies["territoire"] = "DEP-59"
    response = client.get(profile_index.url, {"recrute": "1"})
    assert _titles(response) == ["Soudeur ou soudeuse"]  # not the engineer, whose 5 is the region's


def test_where_nothing_is_published_recrute_fortement_counts_the_enclosing_territory_and_says_so(
        client, profile_index, catalogue, territories):
    from observatory.models import Territory
    from website.caching import bump_content_version

    _region, nord = territories
    Territory.objects.create(key="ZE-3299", level="zone_emploi", code="3299", name="Zone test", parent=nord)
    bump_content_version()  # the territory tree is kept under the content version
    client.cookies["territoire"] = "ZE-3299"
    response = client.get(profile_index.url, {"recrute": "1"})
    assert _titles(response) == ["Soudeur ou soudeuse"]
    html = response.content.decode()
    assert "Recrute fortement : Nord (département ; pas de niveau publié pour Zone test)" in html
    assert "Recrute fortement ici" not in html


def test_free_text_search_finds_words_of_the_summary(client, profile_index, catalogue):
    response = client.get(profile_index.url, {"q": "biscuits"})
    assert _titles(response) == ["Conducteur de ligne"]


def test_result_count_is_announced_in_a_status_region(client, profile_index, catalogue):
    html = client.get(profile_index.url, {"filiere": "metallurgie"}).content.decode()
    assert re.search(r'role="status" aria-live="polite"[^>]*>\s*2 métiers correspondent à votre recherche \(sur 3\)', html)


def test_facets_work_without_javascript_as_a_get_form_with_checkboxes(client, profile_index, catalogue):
    html = client.get(profile_index.url, {"niveau": "cap"}).content.decode()
    assert 'method="get"' in html
    assert re.search(r'<input type="checkbox" id="f-niveau-cap" name="niveau" value="cap" checked>', html)


@pytest.mark.parametrize("query", [
    {"filiere": "inexistante"}, {"niveau": "<script>"}, {"interet": "Z"}, {"page": "abc"}, {"page": "999"},
    {"q": "x" * 5000}, {"recrute": "oui"},
])
def test_unknown_or_malformed_parameters_are_ignored_not_errors(client, profile_index, catalogue, query):
    response = client.get(profile_index.url, query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split('id="resultats"')[1]


def test_listing_queries_stay_bounded_with_many_profiles(client, profile_index, territories,
                                                       django_assert_max_num_queries):
    region, _nord = territories
    metal = FilierePageFactory(parent=profile_index.get_parent())
    for index in range(35):
        profile = JobProfilePageFactory(parent=profile_index, rome_codes=f"H{2900 + index:04d}")
        profile.filieres.add(metal)
        profile.save_revision().publish()
        JobProfileWayInFactory(page=profile, level="cap" if index % 2 else "bts")
        make_tension(f"H{2900 + index:04d}", region, level=1 + index % 5, fap_code=f"D{index % 9}Z{index:02d}")
    client.get(profile_index.url)  # warm caches (renditions, settings)
    with django_assert_max_num_queries(25):
        response = client.get(profile_index.url, {"filiere": metal.slug, "niveau": "cap", "recrute": "1", "q": "soudeur"})
    assert response.status_code == 200
    with django_assert_max_num_queries(25):
        response = client.get(profile_index.url, {"page": "2"})
    assert response.context["result_count"] == 35


def test_profile_lists_its_upcoming_events_from_the_schools_relation(client, profile_index, territories):
    """The schools app links events to profiles (``related_name="events"``); past events are left out."""
    schools_factories = pytest.importorskip("tests.schools.factories")
    events = schools_factories.EventIndexPageFactory(parent=profile_index.get_parent())
    profile = _profile(profile_index)
    upcoming = schools_factories.EventPageFactory(parent=events, title="Portes ouvertes de la forge", days=5)
    past = schools_factories.EventPageFactory(parent=events, title="Forum de l'an dernier", days=-30)
    for event in (upcoming, past):
        event.job_profiles.add(profile)
        event.save_revision().publish()
    assert [event.title for event in profile.upcoming_events()] == ["Portes ouvertes de la forge"]
    html = client.get(profile.url).content.decode()
    assert "Prochains événements" in html and "Portes ouvertes de la forge" in html


@pytest.fixture
def salaries(db):
    """FAP nomenclature and the DARES median salaries (shipped extract of the real file), published."""
    from tests.observatory.conftest import import_file

    import_file("fap", "intitule_fap2009.txt")
    import_file("occupation-stats", "salaire_median_3niv.csv", publish=True)


def test_salary_is_the_detailed_familys_national_median_and_says_france(client, profile_index, territories, salaries):
    profile = _profile(profile_index, rome_codes="H2913", fap_code="D2Z42")
    html = client.get(profile.url).content.decode()
    assert "1\u202f746\u202f€ net par mois" in html  # D2Z42, not D2Z's 1 756
    assert "France entière" in html and "(FAP D2Z42)" in html
    assert "famille plus large" not in html


def test_salary_falls_back_to_the_broader_family_and_says_so(client, profile_index, territories, salaries):
    profile = _profile(profile_index, rome_codes="H2409", fap_code="F3Z40")  # no FAP 225 median published
    html = client.get(profile.url).content.decode()
    assert "(FAP F3Z)" in html and "Pas de chiffre publié pour la famille détaillée" in html


def test_json_ld_never_exports_the_national_median_as_a_regional_salary_range(client, profile_index, territories):
    profile = _profile(profile_index, median_salary=1756, salary_source="Dares, 2017-2019",
                       starting_salary=None, experienced_salary=None)
    html = client.get(profile.url).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert "estimatedSalary" not in data
