"""France Travail « Besoins en main-d'œuvre » (BMO) survey.

Pure Python (no Django): parsing, column mapping and row checks. Registered in
:mod:`observatory.importers.registry`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from .common import (
    Known,
)
from .parsing import (
    SECRET,
    Column,
    ProblemLog,
    RowChecker,
    Table,
    clean,
    parse_code,
    parse_int,
    parse_year,
)


@dataclass(frozen=True)
class BmoRow:
    line: int
    year: int
    occupation_code: str
    occupation_label: str
    region: str
    departement: str
    basin: str
    projects: Any  # int | None | SECRET
    difficult: Any
    seasonal: Any


def parse_bmo(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[BmoRow]:
    """France Travail « Besoins en main-d'œuvre » (CSV or XLSX): ``annee, Code métier BMO, Nom métier BMO,
    REG, Dept, BE<yy>, NOMBE<yy>, met, xmet, smet`` — one row per employment area (bassin) × occupation;
    ``*`` marks a figure withheld for statistical secrecy."""
    columns = [
        Column("annee", ("année", "year")), Column("Code métier BMO", ("code_metier_bmo", "metier")),
        Column("Nom métier BMO", ("nom_metier_bmo", "libelle_metier")), Column("REG", ("code_reg",)),
        Column("Dept", ("dep", "departement", "code_dept")), Column("BE", (), pattern=r"be\d*|bassin"),
        Column("met", ("projets",)), Column("xmet", ("difficiles",)), Column("smet", ("saisonniers",)),
    ]
    seen: set[tuple[int, str, str]] = set()
    for line, row in Table(stream, filename, log, columns):
        check = RowChecker(log, line, row)
        year = check.get("annee", parse_year)
        code = parse_code(row["Code métier BMO"]) or ""
        if not re.fullmatch(r"[A-Z0-9]{3,8}", code):
            check.fail("Code métier BMO", row["Code métier BMO"], "code métier BMO attendu (ex. D2Z40)")
        label = clean(row["Nom métier BMO"]) or ""
        region = parse_code(row["REG"], 2) or ""
        departement = parse_code(row["Dept"], 2) or ""
        basin = parse_code(row["BE"]) or ""
        if f"REG-{region}" not in known.territories:
            check.fail("REG", row["REG"], "région inconnue : importez d'abord les territoires")
        if f"DEP-{departement}" not in known.territories:
            check.fail("Dept", row["Dept"], "département inconnu : importez d'abord les territoires")
        projects = check.get("met", parse_int, allow_secret=True)
        difficult = check.get("xmet", parse_int, allow_secret=True)
        seasonal = check.get("smet", parse_int, allow_secret=True)
        for column, part in (("xmet", difficult), ("smet", seasonal)):
            if isinstance(part, int) and isinstance(projects, int) and part > projects:
                check.fail(column, row[column], "plus grand que le nombre total de projets (met)")
        if not check.failed:
            key = (year, code, basin)
            if key in seen:
                check.fail("Code métier BMO", code, f"ligne en double (même année, métier et bassin {basin})")
            seen.add(key)
        if check.failed:
            continue
        yield BmoRow(line, year, code, label, region, departement, basin, projects, difficult, seasonal)  # type: ignore[arg-type]


@dataclass
class BmoTotal:
    """Sums of one occupation × territory × year; secret cells are left out and flagged."""

    label: str
    projects: int | None = None
    difficult: int | None = None
    seasonal: int | None = None
    has_secret: bool = False

    def add(self, row: BmoRow) -> None:
        for name in ("projects", "difficult", "seasonal"):
            value = getattr(row, name)
            if value is SECRET:
                self.has_secret = True
            elif value is not None:
                setattr(self, name, (getattr(self, name) or 0) + value)


def aggregate_bmo(rows: Iterator[BmoRow]) -> dict[tuple[str, str, int], BmoTotal]:
    """Totals per (territory key, occupation code, year) for the département, the region and France.

    Memory is bounded by the number of occupations × territories (not by file rows).
    """
    totals: dict[tuple[str, str, int], BmoTotal] = {}
    for row in rows:
        for territory in (f"DEP-{row.departement}", f"REG-{row.region}", "FR"):
            key = (territory, row.occupation_code, row.year)
            total = totals.get(key)
            if total is None:
                total = totals[key] = BmoTotal(row.occupation_label)
            total.add(row)
    return totals


