"""Zones d'emploi 2020 and their communes (``zones-emploi``), and INSEE unemployment rates by zone
(``unemployment-zones``): the published files as they are, line-precise refusals, nothing changed."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observatory.importers import unemployment, urssaf, zones_emploi
from observatory.importers.common import Known
from observatory.importers.parsing import FileRejected, ProblemLog, clean
from observatory.models import Commune, Dataset, Employment, Territory, UnemploymentRate

from .conftest import DATA, import_bytes, import_file

SHARED = Path("/work/shared/data/insee-geo")
KNOWN = Known(territories={"FR", "REG-32", "REG-28", "DEP-59", "DEP-60", "DEP-62", "DEP-80", "DEP-76", "ZE-3216",
                           "ZE-0054-32"})
HEADER = "CODGEO;LIBGEO;ZE2020;LIBZE2020;ZE2020_PARTIE_REG;DEP;REG\n"


def communes(*lines: str, header: str = HEADER) -> bytes:
    return (header + "".join(f"{line}\n" for line in lines)).encode("utf-8")


LILLE = "59350;Lille;3216;Lille;;59;32"
ROUBAIX = "59512;Roubaix;3218;Roubaix-Tourcoing;;59;32"
ARMENTIERES = "59017;Armentières;3216;Lille;;59;32"
HALLUIN = "59279;Halluin;3216;Lille;;59;32"
BETHUNE_IN_LILLE = "62119;Béthune;3216;Lille;;62;32"
BEAUVAIS = "60057;Beauvais;0054;Beauvais;0054-32;60;32"
AUMALE = "76035;Aumale;0058;La Vallée de la Bresle-Vimeu;0058-28;76;28"


def parse_communes(content: bytes, name: str = "communes.csv", **filters):
    log = ProblemLog()
    try:
        rows = list(zones_emploi.parse_communes(io.BytesIO(content), name, log, KNOWN, **filters))
    except FileRejected:
        rows = []
    return rows, log


# --- Parsing: communes ---------------------------------------------------------------------------


def test_composition_communale_is_read_with_regional_parts_as_the_territory():
    rows, log = parse_communes(communes(LILLE, BEAUVAIS, AUMALE))
    assert log.ok, log.report_lines()
    assert [(r.line, r.code, r.zone_key, r.departement) for r in rows] == [
        (2, "59350", "ZE-3216", "59"), (3, "60057", "ZE-0054-32", "60"), (4, "76035", "ZE-0058-28", "76")]
    assert rows[1].is_regional_part and not rows[0].is_regional_part


def test_region_filter_keeps_one_regions_communes():
    rows, _ = parse_communes(communes(LILLE, BEAUVAIS, AUMALE), region="32")
    assert [r.code for r in rows] == ["59350", "60057"]


def test_missing_column_is_named_at_the_header_line():
    rows, log = parse_communes(communes(LILLE, header=HEADER.replace("ZE2020;", "ZONE;", 1)))
    assert not rows
    assert log.report_lines()[0].startswith("ligne 1, colonne « ZE2020 » : colonne obligatoire absente")


def test_a_title_line_above_a_csv_header_is_a_shifted_header():
    rows, log = parse_communes(b"Zones d'emploi 2020\n" + communes(LILLE))
    assert not rows and log.report_lines()[0].startswith("ligne 1, colonne « CODGEO »")


def test_a_shifted_line_and_bad_codes_are_refused_at_their_line():
    _, log = parse_communes(communes(LILLE, "x;" + ROUBAIX, "5935;Lille;3216;Lille;;59;32",
                                     "59350;Lille;32A6;Lille;;59;32", "60057;Beauvais;0054;Beauvais;0058-32;60;32",
                                     LILLE, "59009;Villeneuve-d'Ascq;3216;Lille;;99;32"))
    lines = log.report_lines()
    assert lines[0] == "ligne 3 : 8 colonne(s) au lieu des 7 de l'en-tête : ligne décalée"
    assert lines[1].startswith("ligne 4, colonne « CODGEO », valeur « 5935 »")
    assert lines[2].startswith("ligne 5, colonne « ZE2020 », valeur « 32A6 »")
    assert lines[3].startswith("ligne 6, colonne « ZE2020_PARTIE_REG », valeur « 0058-32 »")
    assert lines[4].startswith("ligne 7, colonne « CODGEO », valeur « 59350 » : commune en double")
    assert lines[5].startswith("ligne 8, colonne « DEP », valeur « 99 » : département inconnu")


@pytest.mark.skipif(not SHARED.exists(), reason="INSEE's published files are not here")
def test_insees_workbook_is_read_below_its_title_lines():
    with (SHARED / "ZE2020_au_01-01-2023.xlsx").open("rb") as stream:
        log = ProblemLog()
        rows = list(zones_emploi.parse_communes(stream, "ZE2020_au_01-01-2023.xlsx", log, KNOWN, departement="60"))
    assert log.ok and len(rows) == 679
    assert {row.zone_key for row in rows} >= {"ZE-0054-32", "ZE-3210", "ZE-3211"}


# --- Parsing: unemployment ------------------------------------------------------------------------

TXCHO = "ZE2020;LIBZE2020;REG;LIBREG;2023-T1;2023-T2;2023-T3\n"
PARTS = "ZER2020;LIBZER2020;2023-T1;2023-T2;2023-T3\n"


def parse_rates(content: str | bytes, name: str = "txcho.csv"):
    log = ProblemLog()
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        rows = list(unemployment.parse_unemployment(io.BytesIO(data), name, log, KNOWN))
    except FileRejected:
        rows = []
    return rows, log


def test_zone_rates_are_read_by_quarter_and_interregional_zones_skipped():
    rows, log = parse_rates(TXCHO + "3216;Lille;32;HAUTS DE FRANCE;7,5;7.4;\n0054;Beauvais;00;INTERRÉGIONAL ;7.6;7.5;7.4\n"
                            "1101;Paris;11;ILE DE FRANCE;6.1;6.0;6.2\n")
    assert log.ok
    assert [(r.territory, r.year, r.quarter, r.rate) for r in rows] == [("ZE-3216", 2023, 1, 7.5),
                                                                       ("ZE-3216", 2023, 2, 7.4)]
    assert "2 zone(s) hors des territoires chargés" in str(log.warnings[0])


def test_regional_parts_are_insees_rrxx_codes():
    rows, log = parse_rates(PARTS + "3254;Beauvais - partie Hauts de France;7.6;7.7;7.8\n")
    assert log.ok and [r.territory for r in rows] == ["ZE-0054-32"] * 3
    assert unemployment.territory_for("2851", is_part=True) == "ZE-0051-28"


def test_bad_rates_missing_column_and_shifted_lines_are_refused_at_their_line():
    _, log = parse_rates(TXCHO + "3216;Lille;32;HDF;7.5;sept;7.3\n3216;Lille;32;HDF;7.5;7.4;107\n"
                         "x;3216;Lille;32;HDF;7.5;7.4;7.3\n")
    assert log.report_lines() == [
        "ligne 2, colonne « 2023-T2 », valeur « sept » : taux de chômage attendu (nombre, ex. 7,6)",
        "ligne 3, colonne « 2023-T3 », valeur « 107 » : taux de chômage attendu entre 0 et 100 %",
        "ligne 4 : 8 colonne(s) au lieu des 7 de l'en-tête : ligne décalée",
    ]
    rows, log = parse_rates(TXCHO.replace("ZE2020;", "ZONE;") + "3216;Lille;32;HDF;7.5;7.4;7.3\n")
    assert not rows and log.report_lines()[0].startswith("ligne 1, colonne « ZE2020 » : colonne obligatoire absente")


rate_cells = st.one_of(st.just(""), st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: f"{x:.1f}"),
                       st.text(alphabet="abc,.-x* ", min_size=1, max_size=4))


@given(st.lists(rate_cells, min_size=3, max_size=3))
@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
def test_any_rate_cell_is_a_number_from_0_to_100_empty_or_refused_at_its_line(cells):
    rows, log = parse_rates(TXCHO + f"3216;Lille;32;HDF;{';'.join(cells)}\n")
    for problem in log.problems:
        assert problem.line == 2 and problem.column in {"2023-T1", "2023-T2", "2023-T3"}
    if log.ok:
        assert all(0 <= row.rate <= 100 for row in rows)
        assert len(rows) == sum(1 for cell in cells if clean(cell) is not None)  # « - », « NA »: no rate
    else:
        assert rows == []


# --- Import ---------------------------------------------------------------------------------------


@pytest.fixture
def territories(db):
    import_file("territories", "cog_regions.csv")
    import_file("territories", "cog_departements.csv")


def test_import_creates_zones_under_their_main_departement_and_the_communes(territories):
    content = communes(LILLE, ARMENTIERES, HALLUIN, BETHUNE_IN_LILLE, ROUBAIX, BEAUVAIS, AUMALE)
    result = import_bytes("zones-emploi", content, "communes.csv", filters={"region": "32"})
    assert result.ok, result.log.report_lines()
    lille = Territory.objects.get(key="ZE-3216")
    assert (lille.level, lille.name, lille.parent.key) == ("zone_emploi", "Lille", "DEP-59")
    beauvais = Territory.objects.get(key="ZE-0054-32")
    assert (beauvais.code, beauvais.name, beauvais.parent.key) == ("0054-32", "Beauvais (partie Hauts-de-France)",
                                                                   "DEP-60")
    assert not Territory.objects.filter(key__startswith="ZE-0058").exists()  # filtered out (région 28)
    bethune = Commune.objects.get(code="62119")
    assert (bethune.departement, bethune.zone.key, bethune.search_key) == ("62", "ZE-3216", "bethune")
    assert Commune.objects.count() == 6 and result.created == 6
    assert "6 ligne(s) valide(s)" in result.summary_lines()[0]
    again = import_bytes("zones-emploi", communes(LILLE.replace("Lille;3216", "Lille-Centre;3216")), "c.csv")
    assert (again.created, again.updated) == (0, 1) and Commune.objects.get(code="59350").name == "Lille-Centre"


def test_bad_file_is_refused_whole_and_dry_run_writes_nothing(territories):
    result = import_bytes("zones-emploi", communes(LILLE, "59512;Roubaix;3218;Roubaix-Tourcoing;;59;3X"))
    assert not result.ok and result.log.report_lines()[0].startswith("ligne 3, colonne « REG »")
    assert not Commune.objects.exists() and not Territory.objects.filter(level="zone_emploi").exists()
    assert import_bytes("zones-emploi", communes(LILLE), dry_run=True).ok
    assert not Commune.objects.exists() and not Dataset.objects.filter(kind="zones-emploi").exists()


def test_command_imports_the_demo_files_of_both_kinds(territories):
    call_command("import_data", "zones-emploi", str(DATA / "communes_hauts_de_france_geo2023.csv"),
                 stdout=io.StringIO())
    zones = Territory.objects.filter(level="zone_emploi")
    assert zones.count() == 24 and Commune.objects.count() == 3787
    assert set(zones.filter(code__contains="-").values_list("key", flat=True)) == {"ZE-0054-32", "ZE-0058-32"}
    assert set(zones.values_list("parent__parent__key", flat=True)) == {"REG-32"}
    out = io.StringIO()
    call_command("import_data", "unemployment-zones", str(DATA / "chomage_zones_emploi_hauts_de_france.xlsx"),
                 "--publish", stdout=out)
    dataset = Dataset.objects.get(kind="unemployment-zones")
    assert (dataset.vintage, dataset.source, dataset.publisher) == (2023, "Insee, taux de chômage localisés", "Insee")
    assert UnemploymentRate.objects.count() == 24 * 83
    beauvais = UnemploymentRate.objects.get(territory__key="ZE-0054-32", year=2023, quarter=3)
    assert beauvais.rate == 7.8 and beauvais.period == "2023-T3"  # the Hauts-de-France part, not the whole zone


def test_bad_unemployment_file_changes_nothing(territories):
    import_file("zones-emploi", "communes_hauts_de_france_geo2023.csv")
    result = import_bytes("unemployment-zones", TXCHO + "3216;Lille;32;HDF;7.5;7.4;7.3\n3218;RT;32;HDF;7.5;n.c.;7\n",
                          publish=True)
    assert not result.ok and result.log.report_lines()[0].startswith("ligne 3, colonne « 2023-T2 »")
    assert not UnemploymentRate.objects.exists() and not Dataset.objects.filter(kind="unemployment-zones").exists()


def test_urssaf_employment_is_summed_to_the_zones_of_the_stored_communes(territories, tmp_path):
    import_file("naf", "naf_rev2.csv")
    import_file("zones-emploi", "communes_hauts_de_france_geo2023.csv")
    header = ("Code région;Code département;Code commune;Code APE;Nombre d'établissements 2022;"
              "Effectifs salariés 2022\r\n")
    content = header + "32;59;59350;2562A;3;40\r\n32;59;59512;2562A;1;12\r\n32;59;59017;2562A;1;5\r\n"
    result = import_bytes("employment-urssaf", content, publish=True)
    assert result.ok, result.log.report_lines()
    jobs = dict(Employment.objects.filter(naf__code="25.62A").values_list("territory__key", "employees"))
    assert (jobs["ZE-3216"], jobs["ZE-3218"], jobs["DEP-59"], jobs["REG-32"]) == (45, 12, 57, 57)
    assert "par zone d’emploi, département et région" in result.dataset.summary


def test_zone_level_is_unchanged_for_the_pure_aggregation():
    assert urssaf.zone_level({"60057": "0054-32"})(type("Row", (), {"commune": "60057"})()) == "ZE-0054-32"


def test_demo_data_files_are_in_the_demo_list():
    from demo.loaders.observatory_data import DEMO_FILES

    assert ("zones-emploi", "communes_hauts_de_france_geo2023.csv") in DEMO_FILES
    assert ("unemployment-zones", "chomage_zones_emploi_hauts_de_france.xlsx") in DEMO_FILES
    assert shutil.disk_usage(DATA)  # the files ship in observatory/data
    assert (DATA / "chomage_zones_emploi_hauts_de_france.xlsx").stat().st_size < 100_000
