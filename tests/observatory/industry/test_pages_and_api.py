"""« L'industrie en chiffres », the filière explorer, method pages and the industry API (database)."""

from __future__ import annotations

import pytest
from wagtail.test.utils.form_data import nested_form_data

from observatory.figures import french_number
from observatory.models import (
    Filiere,
    FiliereScope,
    IndustryEmploymentResult,
    IndustryFiguresPage,
    MethodologyPage,
    ObservatoryIndexPage,
)
from tests.observatory.industry.conftest import EMPLOYMENT

FIGURES_URL = "/observatoire/industrie-en-chiffres/"


def shown(value: float) -> str:
    """A number as the pages print it (rounded half up, narrow no-break space between thousands)."""
    return french_number(value)


def published(row: IndustryEmploymentResult, field: str = "jobs") -> str:
    """A job figure of a result row as the pages print it: rounded to the row's step (10 or 100)."""
    return french_number(getattr(row, f"{field}_shown"))


@pytest.fixture
def pages(home_page, industry_world):
    observatory = home_page.add_child(instance=ObservatoryIndexPage(title="Observatoire", slug="observatoire"))
    figures = observatory.add_child(instance=IndustryFiguresPage(
        title="L’industrie en chiffres", slug="industrie-en-chiffres", introduction="Trois façons de compter.",
        explanation="<p>Le secteur ne compte que les usines.</p>"))
    general = observatory.add_child(instance=MethodologyPage(
        title="Comprendre les trois chiffres", slug="comprendre", audience="general",
        body=[("paragraph", "<p>Une usine a externalisé sa maintenance.</p>")]))
    expert = observatory.add_child(instance=MethodologyPage(
        title="Méthode détaillée", slug="methode-experts", audience="expert",
        body=[("paragraph", "<p>L = (I − A)⁻¹</p>")]))
    return {"figures": figures, "general": general, "expert": expert}


def test_figures_page_shows_the_three_definitions_for_the_default_territory(client, pages):
    response = client.get(FIGURES_URL)
    assert response.status_code == 200
    html = response.content.decode()
    region = {r.definition: r for r in IndustryEmploymentResult.objects.filter(territory__key="REG-32",
                                                                                breakdown="total")}
    assert "Hauts-de-France, 2023" in html
    for label in ("Secteur", "Filières", "Entrées-sorties"):
        assert label in html
    assert shown(region["sector"].jobs) == shown(62_000) and shown(62_000) in html
    assert published(region["filiere"]) in html and published(region["io"]) in html
    assert region["filiere"].jobs_shown % 100 == 0 and region["io"].jobs_shown % 100 == 0  # estimates
    assert "Données de démonstration synthétiques" in html
    assert "Insee, comptes nationaux 2018 (2018)" in html  # source and vintage
    # definitions, filières, service branches, and the regionalisation sensitivity (no chart for it)
    assert html.count("<table") == 4 and html.count('class="bar-chart"') == 3
    assert "/observatoire/industrie-en-chiffres/csv/definitions/" in html
    assert "Comprendre les trois chiffres" in html and "Méthode détaillée" in html


def test_figures_page_follows_the_visitors_territory_and_falls_back_to_the_region(client, pages):
    client.cookies["territoire"] = "DEP-59"
    assert "Nord, 2023" in client.get(FIGURES_URL).content.decode()
    client.cookies["territoire"] = "DEP-62"
    html = client.get(FIGURES_URL).content.decode()
    assert "Pas de chiffres publiés pour Pas-de-Calais" in html and "Hauts-de-France, 2023" in html


def test_figures_page_reads_precomputed_results_in_a_bounded_number_of_queries(client, pages,
                                                                                 django_assert_max_num_queries):
    client.get(FIGURES_URL)  # warm Wagtail's site and settings caches
    with django_assert_max_num_queries(16):
        assert client.get(FIGURES_URL).status_code == 200


def test_figures_page_without_results_says_nothing_is_published(client, pages):
    IndustryEmploymentResult.objects.all().delete()
    response = client.get(FIGURES_URL)
    assert response.status_code == 200
    assert "Aucun chiffre de l’emploi industriel n’est encore publié" in response.content.decode()


def test_filiere_explorer_shows_scope_figures_and_job_profile_link(client, pages):
    response = client.get(FIGURES_URL + "filieres/automobile/")
    assert response.status_code == 200
    html = response.content.decode()
    row = IndustryEmploymentResult.objects.get(territory__key="REG-32", definition="filiere", code="automobile")
    assert "Automobile" in html and "Ce que la filière comprend" in html
    assert "78.20Z" in html and "Insee, comptes nationaux 2018" in html  # shares with their source
    assert published(row, "reference_jobs") in html and published(row) in html
    assert html.count('class="bar-chart"') == 1
    assert 'href="/metiers/?filiere=automobile"' in html
    assert "Données de démonstration synthétiques" in html


def test_filiere_explorer_query_count_is_bounded(client, pages, django_assert_max_num_queries):
    client.get(FIGURES_URL + "filieres/automobile/")
    with django_assert_max_num_queries(22):
        assert client.get(FIGURES_URL + "filieres/automobile/").status_code == 200


def test_unknown_filiere_is_a_404(client, pages):
    assert client.get(FIGURES_URL + "filieres/spatial-lunaire/").status_code == 404
    assert client.get(FIGURES_URL + "csv/inconnu/").status_code == 404


def test_every_table_downloads_as_csv_with_source_and_vintage(client, pages):
    for table, expected in (("definitions", "filiere"), ("filieres", "automobile"), ("branches", "NZ")):
        response = client.get(f"{FIGURES_URL}csv/{table}/")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        text = response.content.decode("utf-8-sig")
        assert expected in text and "REG-32" in text and "Insee, comptes nationaux 2018 (2018)" in text
    scope = client.get(FIGURES_URL + "filieres/automobile/csv/").content.decode("utf-8-sig")
    assert scope.startswith("filiere,code,libelle,nature,part,source_de_la_part")
    assert "automobile,29," in scope


def test_a_scope_edit_reaches_the_page_and_the_api_after_recompute(client, pages):
    from observatory.industry_service import recompute_industry

    FiliereScope.objects.filter(filiere__slug="automobile", code="78.20Z").update(share=0.5)
    recompute_industry()
    row = IndustryEmploymentResult.objects.get(territory__key="REG-32", definition="filiere", code="automobile")
    api = client.get("/api/v1/industry-employment/?territory=REG-32&definition=filiere&breakdown=filiere").json()
    assert next(r for r in api["results"] if r["code"] == "automobile")["jobs"] == row.jobs_shown
    assert published(row) in client.get(FIGURES_URL).content.decode()


def test_methodology_pages_render_and_link_to_the_figures(client, pages):
    html = client.get("/observatoire/comprendre/").content.decode()
    assert "Une usine a externalisé sa maintenance." in html
    assert FIGURES_URL in html and "/observatoire/methode-experts/" in html


# --- API --------------------------------------------------------------------------------------


def test_api_lists_industry_employment_with_provenance(client, industry_world):
    response = client.get("/api/v1/industry-employment/?territory=REG-32&year=2023&definition=sector&breakdown=total")
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["jobs"] == 62_000 and row["gap_percent"] == 0.0
    assert row["dataset"]["source"] == "Données de démonstration synthétiques" and row["dataset"]["vintage"] == 2023
    io_row = client.get("/api/v1/industry-employment/?territory=REG-32&definition=io&breakdown=total").json()[
        "results"][0]
    assert io_row["io_dataset"]["vintage"] == 2018 and io_row["method"] == "flq"


def test_api_answers_csv(client, industry_world):
    response = client.get("/api/v1/industry-employment/?territory=DEP-59&definition=filiere&format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("territory,territory_name,year,definition")
    assert "DEP-59,Nord,2023,filiere" in text


@pytest.mark.parametrize(("query", "field", "message"), [
    ("definition=filière", "definition", "sector, filiere, io"),
    ("year=deux-mille", "year", "année attendue"),
    ("territory=Nord", "territory", "clé de territoire attendue"),
    ("breakdown=commune", "breakdown", "total, branch, filiere"),
    ("pays=FR", "paramètres", "Paramètre(s) inconnu(s)"),
])
def test_api_bad_parameters_answer_400_with_a_message(client, industry_world, query, field, message):
    response = client.get(f"/api/v1/industry-employment/?{query}")
    assert response.status_code == 400
    assert message in response.json()[field]


def test_api_unknown_territory_answers_404_naming_the_list_of_territories(client, industry_world):
    response = client.get("/api/v1/industry-employment/?territory=REG-99")
    assert response.status_code == 404
    assert "Territoire inconnu : REG-99" in response.json()["territory"]


def test_api_multipliers_of_the_latest_table_and_of_a_given_dataset(client, industry_world, insee_table):
    rows = client.get("/api/v1/io/multipliers/").json()
    assert len(rows) == 37 and rows[0]["branch"] == "AZ"
    assert all(row["output_multiplier"] >= 1 for row in rows)
    assert rows[0]["dataset"]["vintage"] == 2018
    same = client.get(f"/api/v1/io/multipliers/?dataset={insee_table.dataset_id}").json()
    assert same == rows
    csv_text = client.get("/api/v1/io/multipliers/?format=csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("branch,label,output,output_multiplier")


@pytest.mark.django_db
def test_api_multipliers_include_employment_multipliers_when_the_table_has_employment(client):
    from pathlib import Path

    from django.core.management import call_command

    data = Path(__file__).resolve().parents[3] / "observatory" / "data" / "input-output"
    call_command("import_data", "io-table", str(data / "un_handbook_germany_2009.csv"), "--publish")
    rows = client.get("/api/v1/io/multipliers/").json()
    assert [round(r["output_multiplier"], 4) for r in rows] == [1.8759, 1.8696, 1.8697, 1.7045, 1.5641, 1.4030]
    # Default concept: total employment (EMP row), in jobs per million euros of final demand.
    assert rows[0]["employment_concept"] == "total"
    assert rows[0]["employment_multiplier_unit"] == "emplois par million d'euros de demande finale"
    salaried = client.get("/api/v1/io/multipliers/?employment=salaried").json()
    assert salaried[0]["employment_concept"] == "salaried" and salaried[0]["employment_concept_label"] == "emploi salarié"
    assert round(salaried[0]["employment_multiplier"], 4) == 343.3420  # the UN handbook's wage-earner value
    assert rows[0]["employment_multiplier"] > salaried[0]["employment_multiplier"]  # self-employed farmers
    # Type I is the ratio to the direct coefficient (e/x of agriculture: 12 921 / 42 salaried jobs per M€).
    assert salaried[0]["employment_multiplier_type_i"] == pytest.approx(343.3420 / (12921 / 42), abs=1e-4)


def test_api_multipliers_of_a_table_without_employment_say_the_concept_and_give_null(client, industry_world):
    rows = client.get("/api/v1/io/multipliers/?employment=salaried").json()
    assert rows and all(row["employment_multiplier"] is None for row in rows)  # INSEE's A38 files carry no jobs
    assert rows[0]["employment_concept"] == "salaried"
    assert rows[0]["employment_multiplier_unit"] == "emplois par million d'euros de demande finale"
    text = client.get("/api/v1/io/multipliers/?employment=salaried&format=csv-fr").content.decode("utf-8-sig")
    assert "employment_concept" in text.splitlines()[0] and ";salaried;" in text


@pytest.mark.parametrize("value", ["salarie", "TOTAL", ""])
def test_api_multipliers_bad_employment_concept_is_a_400_in_french(client, industry_world, value):
    response = client.get("/api/v1/io/multipliers/", {"employment": value})
    assert response.status_code == 400
    assert "concept d'emploi attendu(e) parmi : total, salaried" in response.json()["employment"]


def test_openapi_schema_names_the_employment_concepts_and_the_multiplier_unit(client, industry_world):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/io/multipliers/"]["get"]
    parameter = next(p for p in operation["parameters"] if p["name"] == "employment")
    assert parameter["schema"]["enum"] == ["total", "salaried"] and "défaut" in parameter["description"]
    properties = schema["components"]["schemas"]["IOMultiplier"]["properties"]
    assert "emplois par million d'euros de demande finale" in properties["employment_multiplier"]["description"]
    assert "Multiplicateur d'emploi simple" in properties["employment_multiplier"]["description"]
    assert "type I" in properties["employment_multiplier_type_i"]["description"]


@pytest.mark.parametrize("value", ["abc", "0", "1668071890880364384515784704"])
def test_api_multipliers_malformed_dataset_is_a_400(client, industry_world, value):
    response = client.get(f"/api/v1/io/multipliers/?dataset={value}")
    assert response.status_code == 400 and "dataset" in response.json()


def test_api_multipliers_unknown_dataset_is_a_404(client, industry_world):
    response = client.get("/api/v1/io/multipliers/?dataset=999999")
    assert response.status_code == 404 and "dataset" in response.json()


def test_api_multipliers_refuse_a_dataset_that_is_not_a_table(client, industry_world, employment_dataset):
    response = client.get(f"/api/v1/io/multipliers/?dataset={employment_dataset.pk}")
    assert response.status_code == 404
    assert "n'est pas un tableau entrées-sorties publié" in response.json()["dataset"]


# --- Admin: filière snippet -----------------------------------------------------------------------


def _filiere_form(filiere: Filiere, scopes: list[dict]) -> dict:
    return nested_form_data({
        "name": filiere.name, "slug": filiere.slug, "summary": filiere.summary, "fap_families": filiere.fap_families,
        "sort_order": filiere.sort_order,
        "scopes": {"TOTAL_FORMS": len(scopes), "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000,
                   **{str(i): {**scope, "ORDER": i + 1, "DELETE": "", "id": ""} for i, scope in enumerate(scopes)}},
    })


def test_admin_refuses_a_scope_that_would_count_jobs_twice(admin_client, industry_world):
    automobile = Filiere.objects.get(slug="automobile")
    automobile.scopes.all().delete()
    data = _filiere_form(automobile, [{"code": "29", "share": "1", "kind": "core", "source": "NAF"},
                                      {"code": "10.11Z", "share": "1", "kind": "core", "source": "erreur"}])
    response = admin_client.post(f"/admin/snippets/observatory/filiere/edit/{automobile.pk}/", data)
    assert response.status_code == 200
    assert "10.11Z" in response.content.decode() and "deux fois" in response.content.decode()
    assert not automobile.scopes.exists()


def test_admin_saves_a_valid_scope_and_recomputes(admin_client, industry_world, django_capture_on_commit_callbacks):
    from django.db import connection

    automobile = Filiere.objects.get(slug="automobile")
    automobile.scopes.all().delete()
    data = _filiere_form(automobile, [{"code": "2910z", "share": "1", "kind": "core", "source": "NAF"},
                                      {"code": "78.20Z", "share": "0.3", "kind": "service", "source": "Dares"}])
    connection.run_on_commit.clear()  # the fixtures' pending recompute: the test transaction never commits
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/snippets/observatory/filiere/edit/{automobile.pk}/", data)
    assert response.status_code == 302
    assert list(automobile.scopes.values_list("code", flat=True)) == ["29.10Z", "78.20Z"]
    row = IndustryEmploymentResult.objects.get(territory__key="REG-32", definition="filiere", code="automobile")
    # The 78.20Z line weighs 0.3 against the other filières' lines; together they count the sourced 42.7 %.
    temporary_lines = sum(float(share) for share in FiliereScope.objects.filter(code="78.20Z").values_list(
        "share", flat=True))
    assert row.jobs == pytest.approx(EMPLOYMENT["REG-32"]["29.10Z"]
                                     + 0.427 * 0.3 / temporary_lines * EMPLOYMENT["REG-32"]["78.20Z"], abs=0.1)


def test_admin_lists_the_filieres_with_their_scope_size(admin_client, industry_world):
    response = admin_client.get("/admin/snippets/observatory/filiere/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Métallurgie, mécanique et équipements" in html and "lignes du périmètre" in html
    edit = admin_client.get(f"/admin/snippets/observatory/filiere/edit/{Filiere.objects.get(slug='energie').pk}/")
    assert edit.status_code == 200
    assert "jamais compté deux fois" in edit.content.decode()
    assert "<strong>Périmètre.</strong>" in edit.content.decode()  # the help panel is rendered as HTML


def test_jobs_are_rounded_to_the_ten_or_hundred_alike_on_the_page_its_csv_and_the_api(client, pages):
    import csv as csv_module
    import io

    rows = list(IndustryEmploymentResult.objects.filter(territory__key="REG-32", breakdown="total"))
    assert any(row.jobs != int(row.jobs) for row in IndustryEmploymentResult.objects.all())  # raw tenths exist
    for row in rows:
        step = 10 if row.definition == "sector" else 100  # REG-32's totals are all above 1 000 jobs
        assert row.rounding_step == step and row.jobs_shown % step == 0 and abs(row.jobs_shown - row.jobs) <= step / 2
    page = client.get(FIGURES_URL).content.decode()
    page_csv = list(csv_module.DictReader(io.StringIO(
        client.get(f"{FIGURES_URL}csv/definitions/").content.decode("utf-8-sig"))))
    api = client.get("/api/v1/industry-employment/", {"territory": "REG-32", "breakdown": "total"}).json()["results"]
    api_csv = list(csv_module.DictReader(io.StringIO(client.get(
        "/api/v1/industry-employment/", {"territory": "REG-32", "breakdown": "total", "format": "csv"}
    ).content.decode("utf-8-sig"))))
    api_csv_fr = list(csv_module.DictReader(io.StringIO(client.get(
        "/api/v1/industry-employment/", {"territory": "REG-32", "breakdown": "total", "format": "csv-fr"}
    ).content.decode("utf-8-sig")), delimiter=";"))
    for row in rows:
        assert published(row) in page
        assert next(r for r in page_csv if r["definition"] == row.definition)["emplois"] == str(row.jobs_shown)
        found = next(r for r in api if r["definition"] == row.definition)
        assert found["jobs"] == row.jobs_shown and isinstance(found["jobs"], int)
        assert found["gap_jobs"] == row.gap_jobs_shown
        for table in (api_csv, api_csv_fr):
            assert next(r for r in table if r["definition"] == row.definition)["jobs"] == str(row.jobs_shown)


def test_a_small_estimate_is_rounded_to_the_ten_not_to_zero():
    from observatory.figures import jobs_rounding_step, round_jobs

    assert jobs_rounding_step(940, estimate=True) == 10 and round_jobs(944.9, 10) == 940
    assert jobs_rounding_step(62_345, estimate=True) == 100 and round_jobs(62_350, 100) == 62_400
    assert jobs_rounding_step(62_345, estimate=False) == 10 and round_jobs(62_345, 10) == 62_350
    assert round_jobs(-6_706.2, 100) == -6_700 and round_jobs(None, 10) is None


def test_the_filiere_gap_shows_both_the_services_added_and_the_sector_jobs_left_out(client, pages):
    from observatory.industry_pages_data import industry_figures
    from observatory.models import Territory

    figures = industry_figures(Territory.objects.get(key="REG-32"))
    effects = figures.filiere_effects
    net = figures.total("filiere").jobs - figures.total("sector").jobs
    assert effects["services_added"] > 0
    assert effects["services_added"] - effects["sector_outside"] == pytest.approx(net, abs=60)  # both rounded
    assert effects["services_added"] % 100 == 0 and effects["sector_outside"] % 10 == 0
    html = client.get(FIGURES_URL).content.decode()
    assert "Deux effets" in html and shown(effects["services_added"]) in html


def test_agriculture_and_construction_are_not_services():
    from observatory.industry.definitions import INDUSTRIAL_A38, SERVICE_A38

    assert "AZ" not in SERVICE_A38 and "FZ" not in SERVICE_A38
    assert not set(SERVICE_A38) & set(INDUSTRIAL_A38) and {"GZ", "HZ", "MA", "NZ"} <= set(SERVICE_A38)


def test_the_regional_io_figure_is_shown_with_its_sensitivity_to_the_regionalisation_choice(client, pages):
    from observatory.industry.definitions import SENSITIVITY_METHODS
    from observatory.models import IndustryEmploymentResult

    variants = {row.code: row for row in IndustryEmploymentResult.objects.filter(
        territory__key="REG-32", definition="io", breakdown="variant")}
    assert set(variants) == {code for code, _ in SENSITIVITY_METHODS}
    headline = IndustryEmploymentResult.objects.get(territory__key="REG-32", definition="io", breakdown="total")
    assert variants["flq"].jobs == headline.jobs  # the first line is the published figure
    assert len({round(row.jobs) for row in variants.values()}) == 3  # the choice does change the figure
    html = client.get(FIGURES_URL).content.decode()
    assert "à coefficients 2018" in html and "Ce chiffre dépend d’un choix de méthode" in html
    for row in variants.values():
        assert published(row) in html
    assert not IndustryEmploymentResult.objects.filter(territory__key="FR", breakdown="variant").exists()


# --- Temporary work: the statisticians' sourced share -------------------------------------------


def test_method_pages_state_the_temporary_work_share_its_source_vintage_and_the_rounding(client, pages):
    from observatory.models.industry import TemporaryWorkShare

    for url in ("/observatoire/comprendre/", "/observatoire/methode-experts/"):
        html = client.get(url).content.decode()
        assert "42,7\u202f%" in html and "fin du 2e trimestre 2013" in html
        assert "Dares, L&#x27;emploi intérimaire au 2e trimestre 2013 (Dares Indicateurs), tableau 2" in html
        assert 'href="https://dares.travail-emploi.gouv.fr/donnees/lemploi-interimaire"' in html
        assert "221\u202f000 intérimaires dans l’industrie sur 517\u202f300" in html
        assert "arrondis à la dizaine" in html and "arrondis à la centaine" in html
    assert "remises à l’échelle" in client.get("/observatoire/methode-experts/").content.decode()
    setting = TemporaryWorkShare.load()
    setting.industry_share, setting.industry_temps, setting.all_temps = 38, None, None
    setting.vintage = "fin du 1er trimestre 2025"
    setting.save()
    html = client.get("/observatoire/comprendre/").content.decode()
    assert "38,0\u202f%" in html and "fin du 1er trimestre 2025" in html and "42,7" not in html


def test_filiere_explorer_shows_the_temporary_work_share_actually_used_with_its_source(client, pages):
    from observatory.industry_pages_data import effective_temporary_work_shares
    from observatory.industry_service import temporary_work_share

    used = effective_temporary_work_shares(temporary_work_share())
    assert sum(used.values()) == pytest.approx(0.427)
    html = client.get(FIGURES_URL + "filieres/automobile/").content.decode()
    assert french_number(used["automobile"] * 100, 1) + "\u202f%" in html
    assert "des intérimaires travaillent dans l’industrie (Dares" in html
    scope_csv = client.get(FIGURES_URL + "filieres/automobile/csv/").content.decode("utf-8-sig")
    line = next(line for line in scope_csv.splitlines() if line.startswith("automobile,78.20Z,"))
    assert f",{round(used['automobile'], 4)}," in line and "Dares" in line
    assert "Intérim : 42,7\u202f% des intérimaires sont comptés dans l’industrie" in client.get(FIGURES_URL).content.decode()


def test_statisticians_may_edit_the_temporary_work_share_in_the_settings(client, django_user_model, industry_world):
    from django.contrib.auth.models import Group

    from website.roles import STATISTICIANS, apply_roles

    apply_roles()
    user = django_user_model.objects.create_user("statisticienne", password="x")
    user.groups.add(Group.objects.get(name=STATISTICIANS))
    assert user.has_perm("observatory.change_temporaryworkshare")
    client.force_login(user)
    response = client.get("/admin/settings/observatory/temporaryworkshare/")
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        response = client.get(response["Location"])
    assert response.status_code == 200 and "Intérimaires en mission" in response.content.decode()
