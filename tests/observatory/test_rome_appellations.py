"""ROME job titles (appellations): gendered forms, the search that finds them, the importer that loads them."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from observatory.importers import common, rome
from observatory.importers.parsing import FileRejected, ProblemLog
from observatory.job_titles import Title, TitleIndex, search_key, split_gendered_title, within_one_edit

# --- Gendered forms ------------------------------------------------------------------------------


@pytest.mark.parametrize(("label", "masculine", "feminine"), [
    ("Soudeur / Soudeuse", "Soudeur", "Soudeuse"),
    ("Soudeur / Soudeuse à l''arc électrique", "Soudeur à l'arc électrique", "Soudeuse à l'arc électrique"),
    ("Chef soudeur / Cheffe soudeuse", "Chef soudeur", "Cheffe soudeuse"),
    ("Chef d'équipe / Cheffe d'équipe de production", "Chef d'équipe de production", "Cheffe d'équipe de production"),
    ("Accastilleur-gréeur / Accastilleuse-gréeuse", "Accastilleur-gréeur", "Accastilleuse-gréeuse"),
    ("Chef soudeur / soudeuse", "Chef soudeur", "Chef soudeuse"),
    ("Menuisier", "Menuisier", "Menuisier"),
])
def test_a_rome_label_gives_its_masculine_and_feminine_titles(label, masculine, feminine):
    assert split_gendered_title(label) == (masculine, feminine)


words = st.text(alphabet="abcdéèêëïôùç-", min_size=1, max_size=8)


@given(st.lists(words, min_size=1, max_size=4), words, st.lists(words, max_size=3))
def test_the_two_forms_share_what_comes_before_and_after_the_gendered_word(before, female, after):
    label = " / ".join([" ".join(before), " ".join([female, *after])])
    masculine, feminine = split_gendered_title(label)
    assert masculine == " ".join([*before, *after])
    assert feminine == " ".join([*before[:-1], female, *after])


@given(st.text(max_size=40).filter(lambda text: " / " not in text))
def test_a_label_without_a_slash_is_both_forms(label):
    masculine, feminine = split_gendered_title(label)
    assert masculine == feminine


# --- Search ----------------------------------------------------------------------------------------


def test_the_search_key_drops_accents_case_and_punctuation():
    assert search_key("Régleur-Régleuse d'ŒUVRE") == "regleur regleuse d oeuvre"


@pytest.mark.parametrize(("word", "typed", "expected"), [
    ("menuisier", "menu", True), ("menuisier", "menusier", True), ("menuisier", "menuisire", True),
    ("menuisier", "menuiseir", True), ("soudeur", "sodeur", True), ("soudeur", "sou", True),
    ("soudeur", "sau", False), ("soudeur", "xyzabc", False),
])
def test_one_typo_is_forgiven_in_a_word_of_four_letters_or_more(word, typed, expected):
    assert within_one_edit(word, typed) is expected


@pytest.fixture
def index():
    labels = [(1, "Menuisier / Menuisière d'agencement", "H2206", False),
              (2, "Régleur / Régleuse", "H2903", True),
              (3, "Boulanger / Boulangère", "D1102", True),
              (4, "Soudeur / Soudeuse", "H2913", True),
              (5, "Soudeur / Soudeuse à la flamme", "H2913", False)]
    titles = []
    for ogr, label, code, principal in labels:
        masculine, feminine = split_gendered_title(label)
        titles.append(Title(ogr, label, code, principal, search_key(f"{masculine} {feminine}")))
    return TitleIndex(titles)


@pytest.mark.parametrize(("query", "first"), [
    ("menuisière", 1), ("MENUISIER", 1), ("menusier", 1), ("regleuse", 2), ("Régleur", 2), ("sou", 4),
    ("soudeuse flamme", 5), ("boulang", 3),
])
def test_a_title_is_found_whatever_the_accents_case_gender_or_one_typo(index, query, first):
    assert index.search(query)[0].title.id == first


def test_exact_matches_come_before_matches_with_a_typo_and_main_titles_first(index):
    results = index.search("soudeur")
    assert [match.title.id for match in results] == [4, 5]
    assert all(match.exact for match in results)
    assert [match.exact for match in index.search("menusier")] == [False]


def test_nothing_is_found_for_nothing_typed(index):
    assert index.search("   ") == []
    assert index.search("zzzz") == []


# --- Parser ---------------------------------------------------------------------------------------

KNOWN = common.Known(rome={"H2913", "H2201"})
V4_HEADER = '"code_ogr","libelle_appellation_long","code_rome","classification","code_rome_parent"\n'
V3_HEADER = ('"code_ogr","libelle_appellation_long","libelle_appellation_court","code_rome",'
             '"code_type_section_appellation","libelle_type_section_appellation","statut"\n')


def parse(content: str):
    log = ProblemLog()
    try:
        rows = list(rome.parse_rome_appellations(io.BytesIO(content.encode("utf-8")), "app.csv", log, KNOWN))
    except FileRejected:
        rows = []
    return rows, log


def test_a_rome_4_title_leads_to_its_parent_v3_occupation_and_keeps_its_fiche_and_main_mark():
    rows, log = parse(V4_HEADER + '"38451","Soudeur / Soudeuse MIG MAG","H2917","PRINCIPALE","H2913"\n'
                      '"19457","Soudeur / Soudeuse à la flamme","H2913","SYNONYME","H2913"\n')
    assert log.ok
    assert rows == [rome.AppellationRow(38451, "Soudeur / Soudeuse MIG MAG", "H2913", "H2917", True),
                    rome.AppellationRow(19457, "Soudeur / Soudeuse à la flamme", "H2913", "H2913", False)]


def test_a_rome_v3_title_is_never_marked_main():
    rows, _log = parse(V3_HEADER + '"19458","Soudeur / Soudeuse à l\'\'arc électrique","Soudeur","H2913","1",'
                       '"PRINCIPALE","1"\n')
    assert rows == [rome.AppellationRow(19458, "Soudeur / Soudeuse à l'arc électrique", "H2913", "", False)]


@pytest.mark.parametrize(("line", "column"), [
    ('"abc","Soudeur","H2913","SYNONYME","H2913"', "code_ogr"),
    ('"12","Soudeur","H291","SYNONYME","H2913"', "code_rome"),
    ('"12","","H2913","SYNONYME","H2913"', "libelle_appellation_long"),
    ('"12","Soudeur","H2917","SYNONYME","Z"', "code_rome_parent"),
])
def test_a_bad_cell_is_refused_with_its_line_and_column(line, column):
    rows, log = parse(V4_HEADER + line + "\n")
    assert rows == []
    assert not log.ok
    problem = log.problems[0]
    assert (problem.line, problem.column) == (2, column)


def test_a_title_of_an_occupation_not_imported_is_skipped_with_a_warning():
    rows, log = parse(V4_HEADER + '"10200","Abatteur / Abatteuse de carrière","F1402","SYNONYME","F1402"\n')
    assert rows == [] and log.ok
    assert "absent du référentiel" in log.warnings[0].message


def test_a_file_without_the_title_column_is_refused_before_any_row():
    rows, log = parse('"code_ogr","code_rome"\n"12","H2913"\n')
    assert rows == [] and not log.ok


# --- Import ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_importing_titles_stores_both_genders_and_a_search_key(nomenclatures):
    from observatory.importers.service import run_import
    from observatory.models import RomeAppellation

    content = V4_HEADER + '"38451","Soudeur / Soudeuse MIG MAG","H2917","PRINCIPALE","H2913"\n'
    result = run_import("rome-appellations", io.BytesIO(content.encode()), "app.csv", publish=True)
    assert result.ok, result.log.report_lines()
    title = RomeAppellation.objects.get(code_ogr=38451)
    assert (title.masculine, title.feminine) == ("Soudeur MIG MAG", "Soudeuse MIG MAG")
    assert (title.rome_code, title.rome4_code, title.principal) == ("H2913", "H2917", True)
    assert title.search_key == "soudeur mig mag soudeuse mig mag"


@pytest.mark.django_db
@pytest.mark.shared_data
def test_the_real_rome_4_title_file_imports_every_title_of_a_known_occupation(nomenclatures, shared_data):
    from observatory.importers.service import run_import
    from observatory.models import RomeAppellation

    path = shared_data / "rome-v4" / "unix_referentiel_appellation_v460_utf8.csv"
    with path.open("rb") as stream:
        result = run_import("rome-appellations", stream, path.name, publish=True)
    assert result.ok, result.log.report_lines()
    assert RomeAppellation.objects.count() > 12_000
    assert RomeAppellation.objects.filter(rome_code="H2913", rome4_code="H2913", principal=True).get().label \
        == "Soudeur / Soudeuse"
