"""InserJeunes (``inserjeunes-cfa``): apprentices' employment rates by CFA, and the rate on a CFA's programmes."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from observatory.apprentices import cfa_outcomes
from observatory.importers import inserjeunes
from observatory.importers.common import Known
from observatory.importers.parsing import FileRejected, ProblemLog
from observatory.models import ApprenticeOutcome, Dataset

from .conftest import import_bytes, import_file

HEADER = ("Année;UAI;Libellé;Région;DEVENIR Part poursuite études;DEVENIR Part en emploi 6 mois;DEVENIR Part autre "
          "situation 6 mois;Part contrats apprentissage interrompus;Taux poursuite études;Taux emploi 6 mois;Taux emploi "
          "6 mois attendu;VA emploi 6 mois;Taux emploi 12 mois;Taux emploi 18 mois;Taux emploi 24 mois;num_ligne\n")


def row(uai="0601500E", cohort="cumul 2023-2024", rate6="72.0", va="1.0", label="PROMEO CFAI Picardie Senlis"):
    return f"{cohort};{uai};{label};HAUTS-DE-FRANCE;12.0;60.0;28.0;;12.0;{rate6};71.0;{va};78.0;;;9001.0\n"


def parse(content: str):
    log = ProblemLog()
    try:
        rows = list(inserjeunes.parse_inserjeunes_cfa(io.BytesIO(content.encode("utf-8-sig")), "cfa.csv", log, Known()))
    except FileRejected:
        rows = []
    return rows, log


def test_the_published_file_is_read_with_empty_cells_kept_unknown():
    rows, log = parse(HEADER + row() + row(uai="0624465S", rate6="", va=""))
    assert log.ok, log.report_lines()
    first, second = rows
    assert (first.uai, first.cohort, first.cohort_end_year) == ("0601500E", "cumul 2023-2024", 2024)
    assert first.rates["employment_6m"] == 72.0 and first.rates["employment_12m"] == 78.0
    assert first.rates["employment_24m"] is None and second.rates["employment_6m"] is None


def test_bad_header_names_the_missing_column():
    _, log = parse(HEADER.replace("Taux emploi 6 mois;", "Taux emploi;", 1) + row())
    assert log.report_lines()[0].startswith("ligne 1, colonne « Taux emploi 6 mois » : colonne obligatoire absente")


def test_bad_rows_are_named_at_their_line():
    _, log = parse(HEADER + row() + row(uai="601500E") + row(rate6="72 %") + row(cohort="2023") + row(rate6="140")
                   + row())
    lines = log.report_lines()
    assert [line.split(",")[0] for line in lines] == ["ligne 3", "ligne 4", "ligne 5", "ligne 6", "ligne 7"]
    assert "colonne « Taux emploi 6 mois »" in lines[1] and "ligne en double" in lines[4]


@given(st.one_of(st.just(""), st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: f"{x:.1f}"),
                 st.text(alphabet="abc%-x ", min_size=1, max_size=5)))
def test_any_rate_cell_is_a_percentage_unknown_or_refused_at_its_line(cell):
    rows, log = parse(HEADER + row(rate6=cell))
    if log.ok:
        rate = rows[0].rates["employment_6m"]
        assert rate is None or 0 <= rate <= 100
    else:
        assert log.report_lines()[0].startswith("ligne 2, colonne « Taux emploi 6 mois »")


def test_import_and_latest_published_rate_per_centre(db):
    result = import_bytes("inserjeunes-cfa", HEADER + row(cohort="cumul 2022-2023", rate6="70.0")
                          + row(cohort="cumul 2023-2024", rate6="72.0") + row(uai="0624465S", rate6=""),
                          publish=True)
    assert result.ok, result.log.report_lines()
    assert (result.dataset.vintage, result.dataset.publisher) == (2024, "Ministère de l'Éducation nationale")
    outcomes = cfa_outcomes(["0601500E", "0624465S", ""])
    assert list(outcomes) == ["0601500E"]  # nothing published for the other centre
    assert (outcomes["0601500E"].employment_6m, outcomes["0601500E"].cohort) == (72.0, "cumul 2023-2024")


def test_a_bad_file_changes_nothing(db):
    result = import_bytes("inserjeunes-cfa", HEADER + row() + row(rate6="n/c?"), publish=True)
    assert not result.ok and "ligne 3" in result.log.report_lines()[0]
    assert not ApprenticeOutcome.objects.exists() and not Dataset.objects.filter(kind="inserjeunes-cfa").exists()


def test_the_shipped_hauts_de_france_extract_imports(db):
    result = import_file("inserjeunes-cfa", "inserjeunes_cfa_hauts_de_france.csv", publish=True)
    assert result.rows == 601
    assert cfa_outcomes(["0601500E"])["0601500E"].cohort == "cumul 2023-2024"


def test_the_national_file_imports(db, shared_data):
    path = shared_data / "inserjeunes" / "fr-en-inserjeunes-cfa.csv"
    from observatory.importers.service import run_import

    with path.open("rb") as stream:
        result = run_import("inserjeunes-cfa", stream, path.name)
    assert result.ok, result.log.report_lines()
    assert result.rows == 11314
