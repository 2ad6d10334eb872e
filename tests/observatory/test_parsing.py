"""The pure parsing layer: encodings, delimiters, quirks, and precise problem reports (no database)."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from observatory.importers import bmo, common, fap, tension, territories
from observatory.importers.parsing import (
    MAX_REPORTED_PROBLEMS,
    SECRET,
    FileRejected,
    ProblemLog,
    a38_for_division,
    detect_encoding,
    normalise_name,
    parse_code,
    parse_int,
    sniff_delimiter,
)

TENSION_HEADER = ("fap,Emploi moyen,Tension ,Catégorie Tension,Intensité d'embauches,Lien formation-emploi,"
                  "Manque de main-d'œuvre disponible,Non-durabilité de l'emploi,Conditions de travail contraignantes,"
                  "Inadéquation géographique,Année,niveau_geo,niveau_fap,reg,dep\n")
GOOD_ROWS = [
    "D1Z40,21400,0.61,5.0,4.0,5.0,4.0,2.0,3.0,3.0,2019,nat,fap 225,,\n",
    "D1Z40,2600,0.72,5.0,4.0,5.0,5.0,2.0,3.0,3.0,2019,reg ,fap 225,32.0,\n",
    "D1Z40,900,NA,,4.0,5.0,5.0,2.0,3.0,3.0,2019,dep,fap 225,,59\n",
]
KNOWN = common.Known(territories={"FR", "REG-32", "DEP-59"}, rome={"H2913"}, fap={"D": 22, "D1Z": 87, "D1Z40": 225})


def parse(parser, content: bytes | str, name: str = "f.csv", known: common.Known = KNOWN):
    data = content.encode("utf-8") if isinstance(content, str) else content
    log = ProblemLog()
    try:
        rows = list(parser(io.BytesIO(data), name, log, known))
    except FileRejected:
        rows = []
    return rows, log


def test_encoding_is_detected_for_utf8_bom_and_latin1():
    assert detect_encoding("é".encode()) == "utf-8"
    assert detect_encoding(b"\xef\xbb\xbfcode") == "utf-8-sig"
    assert detect_encoding("œuvre é".encode("cp1252")) == "cp1252"


def test_utf16_file_is_refused_with_a_message():
    with pytest.raises(ValueError, match="UTF-16"):
        detect_encoding("code".encode("utf-16"))


def test_delimiter_is_sniffed_outside_quotes():
    assert sniff_delimiter('"a;b",c,d\n') == ","
    assert sniff_delimiter("Fap;Rome;intitule_rome\n") == ";"
    assert sniff_delimiter("code\n") == ","


def test_header_names_compare_without_trailing_spaces_accents_or_curly_apostrophes():
    assert normalise_name("Tension ") == "tension"
    assert normalise_name("Manque de main-d’œuvre disponible") == normalise_name("manque de main-d'oeuvre disponible")


def test_codes_written_as_floats_become_official_codes():
    assert parse_code("32.0") == "32"
    assert parse_code("1.0", 2) == "01"
    assert parse_code("2a", 2) == "2A"
    assert parse_code("NA") is None


def test_star_is_secret_only_where_allowed():
    assert parse_int("*", allow_secret=True) is SECRET
    with pytest.raises(ValueError):
        parse_int("*")
    assert parse_int("1 234") == 1234
    assert parse_int("63100.0") == 63100


def test_a38_branch_follows_from_the_division():
    assert a38_for_division("10") == "CA"
    assert a38_for_division("25") == "CH"
    assert a38_for_division("70") == "MA"
    assert a38_for_division("80") == "NZ"


def test_tension_file_quirks_are_normalised():
    rows, log = parse(tension.parse_tension, TENSION_HEADER + "".join(GOOD_ROWS))
    assert log.ok, log.report_lines()
    assert [row.territory for row in rows] == ["FR", "REG-32", "DEP-59"]
    assert rows[0].score == pytest.approx(0.61) and rows[0].level == 5 and rows[0].employment == 21400
    assert rows[2].score is None and rows[2].level is None


def test_latin1_semicolon_file_reads_like_the_utf8_one():
    content = (TENSION_HEADER + GOOD_ROWS[0]).replace(",", ";").encode("cp1252")
    rows, log = parse(tension.parse_tension, content)
    assert log.ok, log.report_lines()
    assert rows[0].fap == "D1Z40"


def test_bad_header_names_the_missing_column():
    rows, log = parse(tension.parse_tension, TENSION_HEADER.replace("Catégorie Tension", "Categorie") + GOOD_ROWS[0])
    assert not rows
    assert log.problems[0].column == "Catégorie Tension"
    assert "colonne obligatoire absente" in log.problems[0].message


def test_letter_in_a_number_is_reported_with_line_column_and_value():
    bad = GOOD_ROWS[1].replace("2600", "26OO")
    _rows, log = parse(tension.parse_tension, TENSION_HEADER + GOOD_ROWS[0] + bad)
    problem = log.problems[0]
    assert (problem.line, problem.column, problem.value) == (3, "Emploi moyen", "26OO")
    assert "ligne 3" in str(problem) and "26OO" in str(problem)


def test_truncated_file_reports_the_incomplete_line():
    content = TENSION_HEADER + GOOD_ROWS[0] + GOOD_ROWS[1][:25]
    _rows, log = parse(tension.parse_tension, content)
    assert log.problems[0].line == 3
    assert "incomplète" in log.problems[0].message


def test_unknown_territory_code_is_reported():
    _rows, log = parse(tension.parse_tension, TENSION_HEADER + GOOD_ROWS[2].replace(",59", ",99"))
    assert log.problems[0].column == "dep"
    assert "DEP-99" in log.problems[0].message


def test_only_the_first_fifty_problems_are_listed_then_counted():
    rows = "".join(GOOD_ROWS[0].replace("21400", f"x{i}") for i in range(120))
    _, log = parse(tension.parse_tension, TENSION_HEADER + rows)
    assert log.count == 120
    assert len(log.problems) == MAX_REPORTED_PROBLEMS
    assert log.report_lines()[-1] == "… et 70 autre(s) problème(s)."


def test_bmo_secret_cells_are_left_out_of_sums_and_flagged():
    header = "annee;Code métier BMO;Nom métier BMO;REG;Dept;BE24;NOMBE24;met;xmet;smet\n"
    content = header + "2024;D1Z40;Usineurs;32;59;3201;Lille;120;80;*\n2024;D1Z40;Usineurs;32;59;3202;Roubaix;*;*;*\n"
    rows, log = parse(bmo.parse_bmo, content)
    assert log.ok, log.report_lines()
    totals = bmo.aggregate_bmo(iter(rows))
    department = totals[("DEP-59", "D1Z40", 2024)]
    assert (department.projects, department.difficult, department.seasonal) == (120, 80, None)
    assert department.has_secret


def test_bmo_duplicate_row_is_reported():
    header = "annee,Code métier BMO,Nom métier BMO,REG,Dept,BE24,NOMBE24,met,xmet,smet\n"
    line = "2024,D1Z40,Usineurs,32,59,3201,Lille,120,80,10\n"
    _, log = parse(bmo.parse_bmo, header + line + line)
    assert log.problems[0].line == 3
    assert "double" in log.problems[0].message


def test_sas_crosswalk_maps_rome_codes_with_qualification_digit():
    content = ('"H2913","H2914"   =\t"D1Z40"\r\n value $FAP9RAQ\r\n"H29136","H29137" = "D1Z40"\r\n'
               ' Other = "ZZZZZ";\r\n').encode("cp1252")
    known = common.Known(rome={"H2913", "H2914"}, fap={"D1Z40": 225})
    rows, log = parse(fap.parse_fap_rome, content, "passage.txt", known)
    assert log.ok
    assert {(row.fap, row.rome) for row in rows} == {("D1Z40", "H2913"), ("D1Z40", "H2914")}


def test_sas_crosswalk_keeps_which_qualification_levels_lead_to_each_family():
    content = ('"H29130","H29133","H29134" = "D2Z42"\r\n"H29131","H29132","H29135" = "D3Z20"\r\n'
               '"H2914" = "D2Z42"\r\n"H29149" = "D3Z20"\r\n').encode("cp1252")
    known = common.Known(rome={"H2913", "H2914"}, fap={"D2Z42": 225, "D3Z20": 225})
    rows, log = parse(fap.parse_fap_rome, content, "passage.txt", known)
    assert log.ok
    assert {(row.rome, row.fap, row.qualifications) for row in rows} == {
        ("H2913", "D2Z42", "034"), ("H2913", "D3Z20", "125"),
        ("H2914", "D2Z42", ""),  # a bare code: every level
        ("H2914", "D3Z20", "9"),
    }


def test_a_sixth_character_that_is_not_a_digit_is_reported_on_its_line():
    content = '"H2913A" = "D2Z42"\r\n'.encode("cp1252")
    known = common.Known(rome={"H2913"}, fap={"D2Z42": 225})
    rows, log = parse(fap.parse_fap_rome, content, "passage.txt", known)
    assert rows == [] and log.problems[0].line == 1 and "qualification" in log.problems[0].message


@pytest.mark.parametrize(("geography", "column"), [
    ("nat,fap 225,32.0,", "reg"), ("nat,fap 225,,59", "dep"), ("reg,fap 225,32.0,59", "dep"),
])
def test_geography_columns_that_contradict_each_other_are_refused_on_their_line(geography, column):
    row = "D1Z40,21400,0.61,5.0,4.0,5.0,4.0,2.0,3.0,3.0,2019," + geography + "\n"
    rows, log = parse(tension.parse_tension, TENSION_HEADER + GOOD_ROWS[0] + row)
    assert len(rows) == 1  # the good row
    assert [(problem.line, problem.column) for problem in log.problems] == [(3, column)]
    assert "contradictoires" in log.problems[0].message


# --- Hypothesis: whatever goes wrong in a row, the report points at it -----------------------

NUMERIC_COLUMNS = ["Emploi moyen", "Tension", "Catégorie Tension", "Année"]
POSITIONS = {"Emploi moyen": 1, "Tension": 2, "Catégorie Tension": 3, "Année": 10}


@settings(max_examples=60, deadline=None)
@given(
    good_before=st.integers(min_value=0, max_value=20),
    column=st.sampled_from(NUMERIC_COLUMNS),
    garbage=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=6),
)
def test_any_letter_in_a_numeric_cell_is_reported_at_its_line_and_column(good_before, column, garbage):
    cells = GOOD_ROWS[0].rstrip("\n").split(",")
    cells[POSITIONS[column]] = "1" + garbage
    lines = [GOOD_ROWS[0]] * good_before + [",".join(cells) + "\n"]
    rows, log = parse(tension.parse_tension, TENSION_HEADER + "".join(lines))
    assert len(rows) == good_before
    assert log.count == 1
    assert (log.problems[0].line, log.problems[0].column) == (good_before + 2, column)


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.sampled_from(GOOD_ROWS), min_size=1, max_size=15), cut=st.integers(min_value=1, max_value=40),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]), delimiter=st.sampled_from([",", ";"]))
def test_truncated_files_in_any_encoding_never_pass_silently(rows, cut, encoding, delimiter):
    text = (TENSION_HEADER + "".join(rows)).replace(",", delimiter)
    truncated = text[: len(text) - cut]
    parsed, log = parse(tension.parse_tension, truncated.encode(encoding))
    complete_lines = {row.rstrip("\n").replace(",", delimiter) for row in rows}
    last_line_intact = truncated.endswith("\n") or truncated.rsplit("\n", 1)[-1] in complete_lines
    if not last_line_intact:
        assert not log.ok or len(parsed) < len(rows)
    assert all(problem.line is not None for problem in log.problems)


@settings(max_examples=30, deadline=None)
# A header line of spaces and commas only is a blank line: skipped, the next line becomes the header.
@given(header=st.lists(st.text(alphabet="abcdefghijklmnop _", min_size=1, max_size=12), min_size=1, max_size=8)
       .filter(lambda names: "".join(names).strip()))
def test_random_headers_are_rejected_with_the_missing_columns_named(header):
    content = ",".join(header) + "\n" + ",".join("1" for _ in header) + "\n"
    rows, log = parse(tension.parse_tension, content)
    assert rows == []
    assert not log.ok
    assert all(problem.line == 1 for problem in log.problems)


def test_zones_d_emploi_file_is_read_with_its_region_as_parent():
    content = "ZE2020;LIBZE2020;REG\n3201;Lille;32\n3299;Inconnue;99\n32X;Mauvais code;32\n"
    rows, log = parse(territories.parse_territories, content.encode("cp1252"))
    assert [(row.key, row.parent_key) for row in rows] == [("ZE-3201", "REG-32")]
    assert [(problem.line, problem.column) for problem in log.problems] == [(3, "REG"), (4, "ZE")]


def test_generic_territory_file_accepts_level_names():
    content = "niveau,code,libelle,parent\ndepartement,59,Nord,REG-32\nzone d'emploi,3201,Lille,REG-32\ncanton,1,X,\n"
    rows, log = parse(territories.parse_territories, content)
    assert [row.key for row in rows] == ["DEP-59", "ZE-3201"]
    assert log.problems[0].column == "niveau"


def _workbook(rows: list[list[object]], extra_member: tuple[str, bytes] | None = None) -> bytes:
    import zipfile

    import openpyxl

    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    if extra_member is not None:
        with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(*extra_member)
    return buffer.getvalue()


def test_a_workbook_that_unpacks_beyond_the_bound_is_refused_before_it_is_read(monkeypatch):
    from observatory.importers import parsing

    monkeypatch.setattr(parsing, "MAX_XLSX_UNCOMPRESSED_BYTES", 1024 * 1024)
    bomb = _workbook([["annee", "met"], [2025, 10]], ("xl/padding.xml", b"0" * (2 * 1024 * 1024)))
    assert len(bomb) < 100 * 1024  # small on disk…
    rows, log = parse(bmo.parse_bmo, bomb, "bmo.xlsx")
    assert rows == [] and "se décompresse" in log.problems[0].message  # …refused for what it would become


def test_a_sheet_declaring_thousands_of_columns_is_read_only_up_to_the_bound():
    from observatory.importers.parsing import MAX_XLSX_COLUMNS, iter_raw_rows

    row = ["x"] * 3 + [None] * 5000 + ["far"]
    lines = list(iter_raw_rows(io.BytesIO(_workbook([row])), "large.xlsx", ProblemLog()))
    assert len(lines[0][1]) == MAX_XLSX_COLUMNS
