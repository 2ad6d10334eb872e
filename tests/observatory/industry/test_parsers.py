"""Parsers of the UN-handbook layout and of the INSEE A38 extraction (no database)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from observatory.industry import io_algebra
from observatory.industry.parsers import (
    INSEE_PARTS,
    TableError,
    decode,
    jobs_per_million_euros_factor,
    parse_employment_concepts,
    parse_employment_rows,
    parse_insee_a38,
    parse_number,
    parse_un_symmetric_table,
)

DATA = Path(__file__).resolve().parents[3] / "observatory" / "data" / "input-output"
UN_TEXT = (DATA / "un_handbook_germany_2009.csv").read_text()


def insee_files() -> dict[str, str]:
    return {part: (DATA / f"insee_a38_2018_{part}.csv").read_text() for part in INSEE_PARTS}


def test_un_table_is_read_with_its_branches_final_demand_and_employment():
    table = parse_un_symmetric_table(UN_TEXT)
    assert table.codes == ("Agriculture", "Manufacturing", "Construction", "Trade_transport_comm",
                           "Finance_and_business_services", "Other_services")
    assert table.labels[1] == "Industrial products (except construction works)"
    assert table.flows[1, 1] == 394
    np.testing.assert_allclose(table.output, [42, 1451, 234, 907, 1010, 721])
    np.testing.assert_allclose(table.final_demand, [17, 905, 159, 488, 407, 623])
    assert table.final_demand_components["inventory_change"][1] == -58
    assert set(table.employment) == {"total", "salaried"}
    np.testing.assert_allclose(table.employment["salaried"], [12921, 10491, 14242, 16472, 9560, 19257])
    np.testing.assert_allclose(table.employment["total"], [22796, 11494, 17034, 18686, 11194, 21180])


def test_un_table_leaves_out_employment_rows_that_are_no_published_concept():
    without_total = "\n".join(line for line in UN_TEXT.splitlines() if not line.startswith("EMP,"))
    table = parse_un_symmetric_table(without_total)
    assert list(table.employment) == ["salaried"]  # EMP-FTE (self-employed) is never taken for total employment
    no_employment = "\n".join(line for line in UN_TEXT.splitlines() if not line.startswith("EMP"))
    assert parse_un_symmetric_table(no_employment).employment == {}


def test_un_employment_file_gives_both_concepts_and_a_file_without_them_is_refused():
    text = (DATA / "un_handbook_germany_2009_employment.txt").read_text()
    concepts = parse_employment_concepts(text, 6)
    np.testing.assert_allclose(concepts["salaried"], [12921, 10491, 14242, 16472, 9560, 19257])
    np.testing.assert_allclose(concepts["total"], [22796, 11494, 17034, 18686, 11194, 21180])
    with pytest.raises(TableError, match=r"aucune ligne d’emploi reconnue.*Self-employed"):
        parse_employment_concepts("Self-employed,1,2,3,4,5,6\n", 6)


def test_employment_per_money_unit_is_converted_to_jobs_per_million_euros():
    assert jobs_per_million_euros_factor("milliards d’euros", "milliers de personnes") == 1.0
    assert jobs_per_million_euros_factor("millions d'euros", "emplois") == 1.0
    assert jobs_per_million_euros_factor("milliards d’euros", "emplois") == 0.001
    with pytest.raises(ValueError, match="unités inconnues"):
        jobs_per_million_euros_factor("dollars", "emplois")


def test_un_employment_file_is_read_from_the_wage_and_salary_row():
    text = (DATA / "un_handbook_germany_2009_employment.txt").read_text()
    np.testing.assert_allclose(parse_employment_rows(text, 6, row_label="Total"),
                               [22796, 11494, 17034, 18686, 11194, 21180])
    with pytest.raises(TableError, match="7 valeurs attendues"):
        parse_employment_rows(text, 7)
    with pytest.raises(TableError, match="« Salariés » introuvable"):
        parse_employment_rows(text, 6, row_label="Salariés")


def test_un_bad_header_names_the_missing_column():
    with pytest.raises(TableError, match="colonne\\(s\\) manquante\\(s\\) : total_output_bp"):
        parse_un_symmetric_table(UN_TEXT.replace("total_output_bp", "output"))


def test_un_letter_in_a_number_is_reported_with_line_and_column():
    broken = UN_TEXT.replace("CPA_F,Constructions and construction works,3,10,construction,1,11,18",
                             "CPA_F,Constructions and construction works,3,10,construction,1,1l,18")
    with pytest.raises(TableError) as caught:
        parse_un_symmetric_table(broken, file="de.csv")
    assert "de.csv, ligne 4, colonne « Manufacturing » : nombre attendu (valeur : « 1l »)" in str(caught.value)


def test_un_unbalanced_row_is_reported():
    broken = UN_TEXT.replace("industry_group,7,394,48", "industry_group,7,494,48")
    with pytest.raises(TableError, match=r"ligne 3.*ligne déséquilibrée"):
        parse_un_symmetric_table(broken)


def test_un_negative_flow_is_refused_but_negative_inventory_change_is_accepted():
    broken = UN_TEXT.replace("agriculture_group,3,20", "agriculture_group,-3,26")
    with pytest.raises(TableError, match="valeur négative interdite"):
        parse_un_symmetric_table(broken)
    assert parse_un_symmetric_table(UN_TEXT).final_demand_components["inventory_change"].min() < 0


def test_un_truncated_file_is_reported():
    truncated = "\n".join(UN_TEXT.splitlines()[:4]) + "\nCPA_J-N,Products of business services,5,10"
    with pytest.raises(TableError, match="colonnes attendues"):
        parse_un_symmetric_table(truncated)


def test_un_missing_product_row_makes_the_table_not_square():
    lines = [line for line in UN_TEXT.splitlines() if not line.startswith("CPA_O-T")]
    with pytest.raises(TableError, match="tableau non carré : 5 lignes"):
        parse_un_symmetric_table("\n".join(lines))


def test_un_output_row_must_match_product_output():
    broken = UN_TEXT.replace("P1,Output,16,20,output,42,1451", "P1,Output,16,20,output,42,1551")
    with pytest.raises(TableError, match="production de la branche"):
        parse_un_symmetric_table(broken)


def test_un_singular_table_is_refused():
    # Agriculture consumes as much agriculture as it produces: I − A is singular.
    rows = UN_TEXT.splitlines()
    rows[1] = rows[1].replace("agriculture_group,3,20,0,0,0,1,24,9,0,0,3,5,42",
                              "agriculture_group,42,0,0,0,0,0,42,0,0,0,0,0,42")
    with pytest.raises(TableError, match="I − A"):
        parse_un_symmetric_table("\n".join(rows))


def test_insee_a38_rebuilds_domestic_flows_from_shares():
    table = parse_insee_a38(insee_files(), year="2018")
    assert len(table.codes) == 37 and table.codes[0] == "AZ" and table.codes[-1] == "TZ"
    assert table.labels[table.codes.index("CH")] == "Métallurgie et produits métalliques"
    i, j = table.codes.index("CH"), table.codes.index("CL")
    shares = [line.split(";") for line in insee_files()["tei"].splitlines()]
    tei_cl_ch = float(shares[j + 1][i + 1])
    domestic = 87579 / 129235  # RESS / TRESS of product CH
    assert table.flows[i, j] == pytest.approx(tei_cl_ch * 112089 * domestic)
    assert table.output[j] == 144733
    # Each branch's purchases (imports included) add up to its intermediate consumption.
    multipliers = io_algebra.output_multipliers(io_algebra.leontief_inverse(table.coefficients))
    assert np.all(multipliers >= 1)


def test_insee_missing_part_is_named():
    files = insee_files()
    del files["ere"]
    with pytest.raises(TableError, match=re.escape("insee_a38_*_ere.csv")):
        parse_insee_a38(files)


def test_insee_shares_not_summing_to_one_are_reported_with_the_branch():
    files = insee_files()
    lines = files["tei"].splitlines()
    cells = lines[3].split(";")
    cells[3] = "0.9"
    lines[3] = ";".join(cells)
    files["tei"] = "\n".join(lines)
    with pytest.raises(TableError, match=re.escape("tei.csv, ligne 4 : les parts d’achats de CA totalisent")):
        parse_insee_a38(files, year="2018")


def test_insee_accounts_identity_is_checked():
    files = insee_files()
    files["cpeb"] = files["cpeb"].replace('"CH";87559;61475', '"CH";97559;61475')
    with pytest.raises(TableError, match="IC \\+ CFC \\+ NVA = 87559 ≠ PRD = 97559 pour CH"):
        parse_insee_a38(files, year="2018")


def test_insee_branches_out_of_order_are_refused():
    files = insee_files()
    files["ere"] = files["ere"].replace('"AZ";77878', '"ZZ";77878')
    with pytest.raises(TableError, match="mêmes codes"):
        parse_insee_a38(files)


@pytest.mark.shared_data
def test_insee_shared_files_parse_like_the_shipped_copy(shared_data):
    folder = shared_data / "input-output"
    files = {part: (folder / f"insee_a38_2018_{part}.csv").read_text() for part in INSEE_PARTS}
    np.testing.assert_allclose(parse_insee_a38(files).flows, parse_insee_a38(insee_files()).flows)


@pytest.mark.shared_data
def test_real_tables_carry_the_employment_concepts_the_api_offers(shared_data):
    """INSEE's A38 extraction carries no employment row; the UN example carries total and salaried."""
    folder = shared_data / "input-output"
    files = {part: (folder / f"insee_a38_2018_{part}.csv").read_text() for part in INSEE_PARTS}
    assert parse_insee_a38(files).employment == {}
    un = parse_un_symmetric_table((folder / "un_handbook_germany_2009.csv").read_text())
    assert set(un.employment) == {"total", "salaried"} and set(un.employment) <= set(io_algebra.EMPLOYMENT_CONCEPTS)
    from_file = parse_employment_concepts((folder / "un_handbook_germany_2009_employment.txt").read_text(), 6)
    for concept in ("total", "salaried"):
        np.testing.assert_allclose(from_file[concept], un.employment[concept])


def test_decode_accepts_utf8_bom_and_latin1():
    assert decode("é;1".encode("utf-8-sig")) == "é;1"
    assert decode("é;1".encode("latin-1")) == "é;1"


@settings(max_examples=200)
@given(st.floats(-1e9, 1e9, allow_nan=False))
def test_parse_number_round_trips_python_and_french_notations(value):
    assert parse_number(repr(value)) == value
    assert parse_number(f"{value:.2f}".replace(".", ",")) == pytest.approx(round(value, 2))


@given(st.text(alphabet="abcxyz-", min_size=1).filter(lambda s: s.strip("-") != ""))
def test_parse_number_refuses_words(text):
    with pytest.raises(ValueError):
        parse_number(text)
