"""Urssaf employment by commune × APE (``employment-urssaf``): the published layout as it is, streamed,
summed by territory into the Employment rows that feed the industry figures."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observatory.importers import urssaf
from observatory.importers.common import Known
from observatory.importers.parsing import SECRET, FileRejected, ProblemLog
from observatory.models import Dataset, Employment

from .conftest import import_bytes, import_file

KNOWN = Known(territories={"FR", "REG-32", "REG-11", "DEP-59", "DEP-62", "DEP-75"},
              naf={"25.62A", "25.62B", "43.99A", "78.20Z"})
LABELS = ("Région;Ancienne région;Département;Zone d'emploi;EPCI;Nom commune;Commune;Grand secteur d'activité;"
          "Secteur NA17;Secteur NA38;Secteur NA88;APE;")
CODES = "Code région;Code ancienne région;Code département;Code zone d'emploi;Code EPCI;Code commune;Code APE"


def header(years=(2021, 2022)) -> str:
    wide = ";".join(f"Nombre d'établissements {y};Effectifs salariés {y}" for y in years)
    return f"{LABELS}{CODES};{wide}\r\n"


def row(commune="59350", ape="2562A", dep="59", reg="32", values=("3", "40", "3", "42")) -> str:
    labels = (f"32 Hauts-de-France;31 Nord-Pas-de-Calais;{dep} Nord;3213 Lille;200093201 Métropole;"
              f"{commune} Lille;{commune} Lille;Industrie;C5 Autres produits industriels;CH Métallurgie;"
              f"25 Fabrication de produits métalliques;{ape} Décolletage;")
    return f"{labels}{reg};31;{dep};3213;200093201;{commune};{ape};{';'.join(values)}\r\n"


def published(*rows: str, years=(2021, 2022)) -> bytes:
    """The file as the portal serves it: UTF-8 with BOM, ``;``, CRLF."""
    return b"\xef\xbb\xbf" + (header(years) + "".join(rows)).encode("utf-8")


def parse(content: bytes, **filters):
    log = ProblemLog()
    try:
        rows = list(urssaf.parse_urssaf(io.BytesIO(content), "urssaf.csv", log, KNOWN, **filters))
    except FileRejected:
        rows = []
    return rows, log


# --- Parsing ----------------------------------------------------------------------------------


def test_the_published_layout_is_read_as_it_is_bom_semicolons_crlf_wide_years_and_labels():
    rows, log = parse(published(row(), row(commune="59009", ape="4399A", values=("1", "", "", ""))))
    assert log.ok, log.report_lines()
    first, second = rows
    assert (first.line, first.region, first.departement, first.commune, first.naf) == (2, "32", "59", "59350", "25.62A")
    assert first.years == (2021, 2022) and first.employees == (40, 42)
    # an empty count where the year has establishments is secret; both empty: no establishment that year
    assert second.employees == (SECRET, None)


def test_year_option_reads_one_year_and_an_absent_year_is_refused_at_the_header():
    rows, log = parse(published(row()), year="2022")
    assert log.ok and rows[0].years == (2022,) and rows[0].employees == (42,)
    rows, log = parse(published(row()), year=2019)
    assert not rows and "ligne 1" in log.report_lines()[0] and "2019 absente" in log.report_lines()[0]


def test_region_and_departement_filters_skip_other_rows_unread():
    content = published(row(), row(commune="75056", dep="75", reg="11", values=("x", "y", "z", "w")))
    rows, log = parse(content, region="32")
    assert log.ok and [r.departement for r in rows] == ["59"]
    rows, log = parse(content, departement="75")
    assert not log.ok and "ligne 3" in log.report_lines()[0]  # the Paris row is read, and is bad
    _, log = parse(content, region="99")
    assert "REG-99 inconnu" in log.report_lines()[0]


def test_bad_header_names_the_missing_column():
    content = published(row()).replace(b"Code APE", b"Code activite")
    rows, log = parse(content)
    assert not rows
    assert log.report_lines()[0].startswith("ligne 1, colonne « Code APE » : colonne obligatoire absente")


def test_shifted_header_is_refused_at_its_line():
    # a title line above the header: the header is not where it should be
    rows, log = parse(b"\xef\xbb\xbfEffectifs salari\xc3\xa9s par commune\r\n" + published(row())[3:])
    assert not rows and "ligne 1" in log.report_lines()[0] and "Code région" in log.report_lines()[0]
    # a data row one cell longer than the header: its values would be read in the wrong columns
    rows, log = parse(published(row(), "x;" + row(commune="59009")))
    assert [r.line for r in rows] == [2]
    assert log.report_lines() == ["ligne 3 : 24 colonne(s) au lieu des 23 de l'en-tête : ligne décalée ou tronquée"]


def test_non_numeric_count_is_refused_with_its_line_and_column():
    rows, log = parse(published(row(), row(commune="59009", values=("3", "40", "3", "4O"))))
    assert [r.line for r in rows] == [2]
    assert log.report_lines() == ["ligne 3, colonne « Effectifs salariés 2022 », valeur « 4O » : nombre entier "
                                  "attendu (case vide si secret ou sans établissement)"]


def test_unknown_codes_and_repeated_activity_are_named():
    _, log = parse(published(row(ape="9999Z"), row(dep="99"), row(commune="5935"), row(), row()))
    lines = log.report_lines()
    assert "ligne 2, colonne « Code APE »" in lines[0]
    assert "ligne 3, colonne « Code département »" in lines[1]
    assert "ligne 4, colonne « Code commune »" in lines[2]
    assert "ligne 6, colonne « Code APE »" in lines[3] and "ligne en double" in lines[3]


def test_totals_by_departement_region_and_france_with_secrecy_as_a_lower_bound():
    rows, log = parse(published(
        row(values=("3", "40", "3", "42")),
        row(commune="59009", values=("1", "5", "2", "")),  # 2022 secret in this commune
        row(commune="62041", dep="62", values=("1", "7", "", "")),
        row(commune="75056", dep="75", reg="11", values=("1", "100", "1", "110")),
    ))
    assert log.ok
    totals = urssaf.aggregate_urssaf(rows, sorted(KNOWN.naf))
    cells = {(territory, year): (jobs, partial) for territory, naf, year, jobs, partial in totals.items()}
    assert cells[("DEP-59", 2021)] == (45, False)
    assert cells[("DEP-59", 2022)] == (42, True)  # « au moins 42 »
    assert cells[("REG-32", 2021)] == (52, False) and ("DEP-62", 2022) not in cells
    assert cells[("FR", 2022)] == (152, True)
    regional = urssaf.aggregate_urssaf(rows[:3], sorted(KNOWN.naf))
    assert not any(territory == "FR" for territory, *_ in regional.items())  # one region never passes for France


def test_a_zone_level_plugs_into_the_aggregation():
    rows, _ = parse(published(row(), row(commune="59009")))
    zones = urssaf.zone_level({"59350": "3213"})
    totals = urssaf.aggregate_urssaf(rows, sorted(KNOWN.naf), levels=(zones, *urssaf.DEFAULT_LEVELS))
    cells = {(territory, year): jobs for territory, naf, year, jobs, _ in totals.items()}
    assert cells[("ZE-3213", 2021)] == 40 and cells[("DEP-59", 2021)] == 80


counts = st.one_of(st.just(""), st.integers(min_value=0, max_value=10**6).map(str))


@given(st.lists(st.tuples(st.sampled_from(["59", "62"]), counts, counts), min_size=1, max_size=30))
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
def test_sums_equal_the_published_values_left_after_secrecy(cases):
    lines = [row(commune=f"{dep}{index:03d}", dep=dep, values=("1", jobs, "1", jobs2))
             for index, (dep, jobs, jobs2) in enumerate(cases)]
    rows, log = parse(published(*lines))
    assert log.ok and len(rows) == len(cases)
    totals = urssaf.aggregate_urssaf(rows, sorted(KNOWN.naf))
    cells = {(territory, year): (jobs, partial) for territory, naf, year, jobs, partial in totals.items()}
    for year, position in ((2021, 1), (2022, 2)):
        values = [case[position] for case in cases]
        known_sum = sum(int(value) for value in values if value)
        expected_jobs = known_sum if any(values) else None
        assert cells[("REG-32", year)] == (expected_jobs, "" in values)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=";\r\n\"\x00"),
               max_size=12))
@settings(max_examples=80)
def test_any_count_cell_is_either_a_whole_number_or_refused_at_its_line(cell):
    rows, log = parse(published(row(values=("1", cell, "1", "5"))))
    if log.ok:
        assert rows[0].employees[0] in (SECRET, None) or isinstance(rows[0].employees[0], int)
    else:
        assert log.report_lines()[0].startswith("ligne 2, colonne « Effectifs salariés 2021 »")


# --- Import ----------------------------------------------------------------------------------


@pytest.fixture
def naf_and_territories(db):
    import_file("territories", "cog_regions.csv")
    import_file("territories", "cog_departements.csv")
    import_file("naf", "naf_rev2.csv")


FILE = published(row(), row(commune="59009", ape="4399A", values=("1", "5", "2", "")),
                 row(commune="62041", dep="62", values=("1", "7", "1", "8")),
                 row(commune="75056", dep="75", reg="11", values=("1", "100", "1", "110")))


def test_import_writes_employment_by_departement_and_region_with_provenance(naf_and_territories):
    result = import_bytes("employment-urssaf", FILE, "etablissements-commune-ape.csv", publish=True)
    assert result.ok, result.log.report_lines()
    dataset = result.dataset
    assert (dataset.kind, dataset.vintage, dataset.publisher, dataset.synthetic) == ("employment-urssaf", 2022,
                                                                                      "Urssaf", False)
    figures = {(r.territory.key, r.naf.code, r.year): (r.employees, r.is_secret)
               for r in Employment.objects.filter(dataset=dataset).select_related("territory", "naf")}
    assert figures[("DEP-59", "43.99A", 2022)] == (None, True)
    assert figures[("REG-32", "25.62A", 2022)] == (50, False)
    assert figures[("FR", "25.62A", 2021)] == (147, False)
    assert "4 ligne(s) commune × APE" in dataset.summary


def test_bad_file_is_refused_whole_and_nothing_changes(naf_and_territories):
    bad = published(row(), row(commune="59009", values=("1", "5", "2", "cinq")))
    result = import_bytes("employment-urssaf", bad, publish=True)
    assert not result.ok and "ligne 3" in result.log.report_lines()[0]
    assert not Employment.objects.exists() and not Dataset.objects.filter(kind="employment-urssaf").exists()


def test_command_takes_region_and_year(naf_and_territories, tmp_path):
    path = tmp_path / "urssaf.csv"
    path.write_bytes(FILE)
    call_command("import_data", "employment-urssaf", str(path), "--region", "32", "--year", "2022", "--publish",
                 stdout=io.StringIO())
    stored = set(Employment.objects.values_list("territory__key", "year"))
    assert stored == {("DEP-59", 2022), ("DEP-62", 2022), ("REG-32", 2022)}  # no France from one region
    with pytest.raises(CommandError, match="n'accepte pas --year"):
        call_command("import_data", "bmo", str(path), "--year", "2022", stdout=io.StringIO())


def test_a_real_file_replaces_the_synthetic_one_in_the_industry_figures(naf_and_territories):
    from observatory.industry_service import recompute_industry
    from observatory.models import IndustryEmploymentResult

    synthetic = import_file("employment", "emploi_synthetique_hdf_2023.csv", publish=True, synthetic=True).dataset
    real = import_bytes("employment-urssaf", published(row(values=("3", "40", "3", "42")), years=(2022, 2023)),
                        filters={"departement": "59"}, publish=True).dataset
    current = Employment.objects.current()
    assert set(current.filter(territory__key="DEP-59", year=2023).values_list("dataset", flat=True)) == {real.pk}
    assert set(current.filter(territory__key="DEP-62", year=2023).values_list("dataset", flat=True)) == {synthetic.pk}
    recompute_industry()
    sector = IndustryEmploymentResult.objects.get(territory__key="DEP-59", year=2023, definition="sector",
                                                  breakdown="total")
    assert (sector.jobs, sector.employment_dataset_id) == (42, real.pk)
    assert IndustryEmploymentResult.objects.get(territory__key="DEP-62", year=2023, definition="sector",
                                                breakdown="total").employment_dataset_id == synthetic.pk
