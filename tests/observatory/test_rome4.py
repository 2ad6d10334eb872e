"""ROME 4.0 (``rome`` kind, v3 or 4.0 files): fiches with their version and v3 parent, the path a 4.0 code
takes to a FAP 2009 family (Dares figures), and the 4.0 codes on job profiles."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from observatory.importers import rome
from observatory.importers.common import Known
from observatory.importers.parsing import FileRejected, ProblemLog
from observatory.models import Dataset, Rome4Occupation, RomeOccupation
from observatory.rome4 import fap_path, rome4_codes_for

from .conftest import import_bytes, import_file

V4_HEADER = ('"code_rome","code_fiche_metier","code_ogr","libelle_rome","transition_eco","transition_num",'
             '"transition_demo","emploi_reglemente","emploi_cadre","code_rome_parent"\n')


def v4_row(code="H2917", parent="H2913", label="Soudeur / Soudeuse MIG MAG", ogr="489194", cadre="N"):
    return f'"{code}","32905","{ogr}","{label}","Emploi Blanc","N","N","N","{cadre}","{parent}"\n'


def parse(content: str, name="unix_referentiel_code_rome_v460_utf8.csv"):
    log = ProblemLog()
    try:
        rows = list(rome.parse_rome(io.BytesIO(content.encode()), name, log, Known()))
    except FileRejected:
        rows = []
    return rows, log


def test_a_rome_4_file_is_told_by_its_header_and_keeps_version_and_parent():
    rows, log = parse(V4_HEADER + v4_row() + v4_row("H2913", label="Soudeur / Soudeuse", cadre="O"))
    assert log.ok, log.report_lines()
    first, second = rows
    assert isinstance(first, rome.Rome4Row)
    assert (first.code, first.parent, first.version, first.code_ogr) == ("H2917", "H2913", "4.0 v460", 489194)
    assert second.executive and not first.executive


def test_a_rome_v3_file_still_gives_v3_rows():
    rows, log = parse("code_rome,libelle_rome\nH2913,Soudage manuel\n", "referentiel_code_rome_v347.csv")
    assert log.ok and rows == [rome.RomeRow("H2913", "Soudage manuel")]


def test_a_fiche_without_a_valid_parent_is_refused_at_its_line():
    _, log = parse(V4_HEADER + v4_row() + v4_row("H2918", parent="") + v4_row("H2919", parent="XX"))
    assert [line.split(",")[0] for line in log.report_lines()] == ["ligne 3", "ligne 4"]
    assert "colonne « code_rome_parent »" in log.report_lines()[0]


def test_the_path_to_fap_is_written_out_and_says_where_it_stops():
    assert fap_path("H2917", "H2913", {"H2913"}, {"H2913": "D2Z42"}).description == \
        "H2917 (ROME 4.0) → H2913 (ROME v3) → FAP D2Z42"
    stopped = fap_path("K1707", "K1707", set(), {})
    assert stopped.fap is None and "absente du référentiel" in stopped.description
    assert "pas de famille FAP" in fap_path("K1707", "K1707", {"K1707"}, {}).description


@given(st.from_regex(r"[A-N]\d{4}", fullmatch=True), st.from_regex(r"[A-N]\d{4}", fullmatch=True),
       st.booleans(), st.booleans())
def test_every_path_starts_from_the_code_through_its_parent(code, parent, known, linked):
    path = fap_path(code, parent, {parent} if known else set(), {parent: "D2Z42"} if linked else {})
    assert path.description.startswith(f"{code} (ROME 4.0) → {parent} (ROME v3)")
    assert (path.fap == "D2Z42") == (known and linked)


def test_import_stores_fiches_and_their_path_and_leaves_v3_rows_alone(nomenclatures):
    v3_before = list(RomeOccupation.objects.order_by("code").values_list("code", "label"))
    result = import_bytes("rome", V4_HEADER + v4_row() + v4_row("H2913", label="Soudeur / Soudeuse"),
                          "unix_referentiel_code_rome_v460_utf8.csv")
    assert result.ok, result.log.report_lines()
    assert list(RomeOccupation.objects.order_by("code").values_list("code", "label")) == v3_before
    fiche = Rome4Occupation.objects.get(code="H2917")
    assert (fiche.parent_code, fiche.version, fiche.fap_id is not None) == ("H2913", "4.0 v460", True)
    assert fiche.fap_path == f"H2917 (ROME 4.0) → H2913 (ROME v3) → FAP {fiche.fap.code}"
    assert "ROME 4.0 v460" in Dataset.objects.get(pk=result.dataset.pk).summary
    assert rome4_codes_for(["H2913"]) == ["H2913", "H2917"]


def test_a_bad_rome_4_file_changes_nothing(nomenclatures):
    result = import_bytes("rome", V4_HEADER + v4_row() + v4_row("H2918", parent="?"))
    assert not result.ok and "ligne 3" in result.log.report_lines()[0]
    assert not Rome4Occupation.objects.exists()


@pytest.mark.shared_data
def test_the_published_rome_4_referential_reaches_fap_through_its_parents(nomenclatures, shared_data):
    path = shared_data / "rome-v4" / "unix_referentiel_code_rome_v460_utf8.csv"
    with path.open("rb") as stream:
        from observatory.importers.service import run_import

        result = run_import("rome", stream, path.name)
    assert result.ok, result.log.report_lines()
    assert Rome4Occupation.objects.count() == 1584
    assert Rome4Occupation.objects.values("parent_code").distinct().count() == 532
    reached = Rome4Occupation.objects.filter(fap__isnull=False).count()
    assert reached > 1500  # the rest descend from v3 codes the crosswalk or the v3.47 file lacks
    assert Rome4Occupation.objects.get(code="H2917").fap_path.startswith("H2917 (ROME 4.0) → H2913 (ROME v3) → FAP ")


def test_the_shipped_rome_4_file_imports(nomenclatures):
    import_file("rome", "unix_referentiel_code_rome_v460_utf8.csv")
    assert Rome4Occupation.objects.count() == 1584
