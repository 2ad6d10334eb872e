"""Salaried employment by NAF activity × territory × year (long layout).

Pure Python (no Django): parsing, column mapping and row checks. Registered in
:mod:`observatory.importers.registry`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from .common import (
    NAF_SUBCLASS,
    Known,
)
from .parsing import (
    Column,
    FileRejected,
    ProblemLog,
    RowChecker,
    Table,
    clean,
    parse_code,
    parse_int,
    parse_year,
)


@dataclass(frozen=True)
class EmploymentRow:
    line: int
    naf: str
    territory: str
    year: int
    employees: Any  # int | None | SECRET


def normalise_naf(value: str | None) -> str | None:
    """``2562A``, ``25.62a`` or ``25.62A`` → ``25.62A``; None when not a NAF sous-classe code."""
    match = NAF_SUBCLASS.match((clean(value) or "").upper().replace(" ", ""))
    return f"{match.group(1)}.{match.group(2)}{match.group(3)}" if match else None


def parse_employment(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[EmploymentRow]:
    """Salaried employment by NAF sous-classe × territory × year (URSSAF/INSEE open data layout):
    ``annee, territoire (FR, REG-32, DEP-59…) or code_departement or code_region, naf (code APE), effectif``."""
    columns = [
        Column("annee", ("année", "year")),
        Column("territoire", ("territory",), required=False),
        Column("code_departement", ("departement", "dep"), required=False),
        Column("code_region", ("region", "reg"), required=False),
        Column("naf", ("code_naf", "ape", "code_ape", "naf732")),
        Column("effectif", ("effectifs", "effectif_salarie", "effectifs_salaries", "emploi")),
    ]
    table = Table(stream, filename, log, columns)
    if not {"territoire", "code_departement", "code_region"} & set(table.index):
        log.add(table.header_line, "territoire", None,
                "colonne de territoire absente (territoire, code_departement ou code_region)")
        raise FileRejected(log)
    for line, row in table:
        check = RowChecker(log, line, row)
        if "territoire" in row:
            territory = (clean(row["territoire"]) or "").upper()
            column = "territoire"
        elif "code_departement" in row:
            territory, column = f"DEP-{parse_code(row['code_departement'], 2)}", "code_departement"
        else:
            territory, column = f"REG-{parse_code(row['code_region'], 2)}", "code_region"
        if territory not in known.territories:
            check.fail(column, row[column], "territoire inconnu : importez d'abord les territoires")
        naf = normalise_naf(row["naf"])
        if naf is None:
            check.fail("naf", row["naf"], "code NAF de sous-classe attendu (ex. 25.62A)")
        elif naf not in known.naf:
            check.fail("naf", row["naf"], "code NAF inconnu : importez d'abord la nomenclature NAF")
        year = check.get("annee", parse_year)
        employees = check.get("effectif", parse_int, allow_secret=True)
        if check.failed:
            continue
        yield EmploymentRow(line, naf, territory, year, employees)  # type: ignore[arg-type]


