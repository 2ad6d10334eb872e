"""Every industrial ROME occupation has a page: short profiles made from official data, enriched by editors."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from careers.logic import is_industrial_rome_code, page_title_from_label, short_profile_titles
from careers.models import JobProfilePage
from careers.occupations import create_occupation_pages
from observatory.job_titles import split_gendered_title
from tests.careers.factories import JobProfilePageFactory, make_tension

# --- Pure rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "expected"), [
    ("H2201", True), ("H2913", True), ("I1310", True), ("N1103", True), ("I1401", False), ("N1201", False),
    ("A1101", False),
])
def test_the_industrial_occupations_are_domain_h_plus_maintenance_and_warehouse_ones(code, expected):
    assert is_industrial_rome_code(code) is expected


def test_the_short_profile_title_is_the_main_title_of_the_rome_4_fiche_that_keeps_the_code():
    titles = [("Chef soudeur / Cheffe soudeuse", "Chef soudeur", "Cheffe soudeuse", "H2915", True),
              ("Soudeur / Soudeuse", "Soudeur", "Soudeuse", "H2913", True),
              ("Braseur / Braseuse", "Braseur", "Braseuse", "", False)]
    assert short_profile_titles("H2913", "Soudage manuel", titles) == ("Soudeur / Soudeuse", "Soudeur", "Soudeuse")


def test_without_a_main_title_of_its_own_the_shortest_main_title_of_a_descendant_is_used():
    titles = [("Mérandier / Mérandière", "Mérandier", "Mérandière", "H2214", True),
              ("Caissier / Caissière de l'emballage industriel", "Caissier de l'emballage industriel",
               "Caissière de l'emballage industriel", "H2215", True)]
    assert short_profile_titles("H2201", "Assemblage d'ouvrages en bois", titles) == (
        "Mérandier / Mérandière", "Mérandier", "Mérandière")


def test_without_any_main_title_the_occupations_own_label_is_used_for_both_genders():
    titles = [("Cloueur / Cloueuse", "Cloueur", "Cloueuse", "", False)]
    assert short_profile_titles("H2201", "Assemblage d'ouvrages en bois", titles) == (
        "Assemblage d'ouvrages en bois", "Assemblage d'ouvrages en bois", "Assemblage d'ouvrages en bois")


@pytest.mark.parametrize(("label", "title"), [
    ("Soudeur / Soudeuse", "Soudeur ou soudeuse"),
    ("Assembleur / Assembleuse d'ouvrages en bois", "Assembleur ou assembleuse d'ouvrages en bois"),
    ("Chef soudeur / Cheffe soudeuse", "Chef soudeur ou cheffe soudeuse"),
    ("Assemblage d'ouvrages en bois", "Assemblage d'ouvrages en bois"),
    ("Technicien / CPI de maintenance", "Technicien ou CPI de maintenance"),
])
def test_a_page_is_titled_with_both_genders_as_the_written_profiles_are(label, title):
    assert page_title_from_label(label) == title


# --- Creating the pages ----------------------------------------------------------------------------

@pytest.fixture
def occupations(db, territories):
    """Three industrial occupations and one outside industry, with titles and families."""
    from observatory.models import RomeAppellation, RomeOccupation

    region, _departement = territories
    make_tension("H2913", region, level=5, fap_code="D2Z42")
    make_tension("H2201", region, level=5, fap_code="F3Z41")
    RomeOccupation.objects.filter(code="H2201").update(label="Assemblage d'ouvrages en bois", riasec_major="R",
                                                       riasec_minor="C")
    RomeOccupation.objects.create(code="N1103", label="Magasinage et préparation de commandes", domain="N",
                                  riasec_major="C", riasec_minor="R")
    RomeOccupation.objects.create(code="A1101", label="Conduite d'engins agricoles", domain="A")
    for ogr, label, code, rome4, principal in [
        (1, "Assembleur / Assembleuse d'ouvrages en bois", "H2201", "H2201", True),
        (2, "Cloueur / Cloueuse de palettes", "H2201", "H2201", False),
        (3, "Préparateur / Préparatrice de commandes", "N1103", "N1103", True),
    ]:
        masculine, feminine = split_gendered_title(label)
        RomeAppellation.objects.create(code_ogr=ogr, label=label, masculine=masculine, feminine=feminine,
                                       rome_code=code, rome4_code=rome4, principal=principal, search_key=label.lower())
    return region


def test_each_industrial_occupation_without_a_profile_gets_a_published_short_profile(profile_index, occupations):
    JobProfilePageFactory(parent=profile_index, rome_codes="H2913")
    created = create_occupation_pages(profile_index)
    assert sorted(page.rome_codes for page in created) == ["H2201", "N1103"]
    wood = JobProfilePage.objects.get(rome_codes="H2201")
    assert wood.live and wood.is_short
    assert wood.title == "Assembleur ou assembleuse d'ouvrages en bois"
    assert (wood.title_masculine, wood.title_feminine) == ("Assembleur d'ouvrages en bois", "Assembleuse d'ouvrages en bois")
    assert wood.slug == "assembleur-d-ouvrages-en-bois"
    assert (wood.fap_code, wood.riasec_code) == ("F3Z41", "RC")
    assert not JobProfilePage.objects.filter(rome_codes="A1101").exists()  # not an industrial occupation


def test_creating_the_short_profiles_twice_changes_nothing(profile_index, occupations):
    create_occupation_pages(profile_index)
    count = JobProfilePage.objects.count()
    assert create_occupation_pages(profile_index) == []
    assert JobProfilePage.objects.count() == count


def test_the_command_refuses_to_run_before_the_rome_is_imported(profile_index):
    with pytest.raises(CommandError, match="Aucun métier ROME importé"):
        call_command("create_occupation_pages")


# --- What a short profile shows -----------------------------------------------------------------


def test_a_short_profile_shows_official_data_says_it_is_short_and_links_the_official_fiche(
        client, profile_index, occupations):
    create_occupation_pages(profile_index)
    page = JobProfilePage.objects.get(rome_codes="H2201")
    html = client.get(page.url).content.decode()
    assert "Fiche courte" in html
    assert "https://candidat.francetravail.fr/metierscope/fiche-metier/H2201" in html
    assert "Cloueur / Cloueuse de palettes" in html  # the ROME job titles
    assert "Réaliste" in html and "Conventionnel" in html  # interests from the ROME's RIASEC codes
    assert "très forte" in html  # the Dares level of the occupation's own family (F3Z41), in the region
    assert "Ce que vous faites" not in html  # no empty prose sections


def test_a_short_profile_stays_within_the_query_budget(client, profile_index, occupations,
                                                       django_assert_max_num_queries):
    create_occupation_pages(profile_index)
    page = JobProfilePage.objects.get(rome_codes="H2201")
    client.get(page.url)  # warm the site and settings caches
    with django_assert_max_num_queries(20):
        assert client.get(page.url).status_code == 200


def test_the_rome_code_address_redirects_permanently_to_the_occupations_page(client, profile_index, occupations):
    create_occupation_pages(profile_index)
    page = JobProfilePage.objects.get(rome_codes="H2201")
    for address in ("/metiers/H2201/", "/metiers/h2201/"):
        response = client.get(address)
        assert response.status_code == 301
        assert response["Location"] == page.url


def test_a_rome_code_without_a_page_is_not_found(client, profile_index, occupations):
    create_occupation_pages(profile_index)
    assert client.get("/metiers/A1101/").status_code == 404


def test_the_code_address_prefers_the_profile_that_lists_the_code_first(client, profile_index, occupations):
    JobProfilePageFactory(parent=profile_index, rome_codes="H2902, H2913", slug="chaudronnier")
    welder = JobProfilePageFactory(parent=profile_index, rome_codes="H2913", slug="soudeur")
    assert client.get("/metiers/H2913/")["Location"] == welder.url


# --- Enriching a short profile --------------------------------------------------------------------


def test_an_editor_enriches_a_short_profile_by_writing_the_four_texts_together(profile_index, occupations):
    create_occupation_pages(profile_index)
    page = JobProfilePage.objects.get(rome_codes="H2201")
    page.missions = "<p>Assembler des meubles et des palettes.</p>"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert {"easy_read_summary", "skills", "working_conditions"} <= set(error.value.message_dict)
    page.easy_read_summary = "J'assemble des pièces de bois."
    page.skills = "<p>Précision.</p>"
    page.working_conditions = "<p>Atelier.</p>"
    page.full_clean()
    assert not page.is_short


def test_editors_see_the_short_profiles_to_enrich_hardest_to_recruit_first(admin_client, profile_index, occupations):
    create_occupation_pages(profile_index)
    JobProfilePageFactory(parent=profile_index, rome_codes="H2913")  # a full profile: not listed
    response = admin_client.get("/admin/fiches-courtes/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Assembleur ou assembleuse d&#x27;ouvrages en bois" in html
    assert "Soudeur ou soudeuse" not in html
    wood, warehouse = html.index("H2201"), html.index("N1103")
    assert wood < warehouse  # level 5 in the region before an unpublished level
    ascending = admin_client.get("/admin/fiches-courtes/", {"ordering": "tension_level"}).content.decode()
    assert ascending.index("H2201") < ascending.index("N1103")  # unpublished levels stay last


def test_the_report_sorts_short_profiles_by_their_metiers_hiring_projects_in_the_region(
        admin_client, profile_index, occupations):
    from observatory.models import BmoOccupation, Dataset, HiringProjects, RomeBmoLink, RomeOccupation

    create_occupation_pages(profile_index)
    survey = Dataset.objects.create(kind="bmo", vintage=2025, title="BMO 2025", source="France Travail, enquête BMO",
                                    original_filename="bmo.xlsx", checksum="1" * 64, status="published")
    for rome_code, bmo_code, projects in [("H2201", "F3X41", 120), ("N1103", "J1X51", 300)]:
        occupation = BmoOccupation.objects.create(nomenclature="fap2021", code=bmo_code, label=f"Métier {bmo_code}")
        RomeBmoLink.objects.create(rome=RomeOccupation.objects.get(code=rome_code), occupation=occupation)
        HiringProjects.objects.create(dataset=survey, territory=occupations, year=2025, occupation_code=bmo_code,
                                      occupation_label=occupation.label, projects=projects, nomenclature="fap2021")
    html = admin_client.get("/admin/fiches-courtes/", {"ordering": "-hiring_projects"}).content.decode()
    assert html.index("N1103") < html.index("H2201")
    assert "300" in html and "120" in html


def test_short_profiles_are_in_the_sitemap_and_the_job_listing(client, profile_index, occupations):
    create_occupation_pages(profile_index)
    page = JobProfilePage.objects.get(rome_codes="H2201")
    assert page.full_url in client.get("/sitemap.xml").content.decode()
    listing = client.get(profile_index.url).content.decode()
    assert page.title.replace("'", "&#x27;") in listing
    assert "Fiche courte : les données officielles du métier" in listing
