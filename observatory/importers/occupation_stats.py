"""DARES « Portrait statistique des métiers » files (one indicator per file).

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
    Column,
    FileRejected,
    ProblemLog,
    RowChecker,
    Table,
    clean,
    normalise_name,
    parse_code,
    parse_float,
    read_header,
)


@dataclass(frozen=True)
class OccupationStatRow:
    line: int
    fap: str
    indicator: str
    dimension: str
    dimension_label: str
    period: str
    value: float | None
    unit: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.fap, self.indicator, self.dimension, self.period)


#: The DARES files accepted, recognised by their header: indicator, unit, columns, value scale.
OCCUPATION_STAT_LAYOUTS: dict[str, dict[str, Any]] = {
    "median_salary": {"needs": {"salaire_median"}, "fap": "Fap3", "period": "Annee", "value": "Salaire_median",
                      "unit": "€", "scale": 1.0},
    "share_women": {"needs": {"part", "fap3"}, "fap": "Fap3", "period": "Annee", "value": "Part",
                    "unit": "%", "scale": 1.0},
    "share_temporary": {"needs": {"stat_sl"}, "fap": "Fap", "period": "annee", "value": "part", "unit": "%",
                        "scale": 100.0, "filter": ("stat_sl", "int")},
    "age_band": {"needs": {"tr_age"}, "fap": "fap", "period": "", "value": "annee_2017_2019",
                 "dimension": "tr_age", "unit": "milliers", "scale": 1.0, "fixed_period": "2017-2019"},
    "diploma": {"needs": {"diplome"}, "fap": "Fap", "period": "Annee", "value": "Pourcentage",
                "dimension": "diplome", "unit": "%", "scale": 100.0},
    "sector": {"needs": {"secteur", "label_secteur"}, "fap": "Fap", "period": "", "value": "Pourcentage",
               "dimension": "Secteur", "dimension_label": "Label_secteur", "unit": "%", "scale": 1.0,
               "fixed_period": "2017-2019"},
}


def detect_occupation_stat_layout(header: list[str]) -> str | None:
    names = {normalise_name(cell) for cell in header}
    for indicator, layout in OCCUPATION_STAT_LAYOUTS.items():
        if layout["needs"] <= names:
            return indicator
    return None


def parse_occupation_stats(stream: IO[bytes], filename: str, log: ProblemLog,
                           known: Known) -> Iterator[OccupationStatRow]:
    """One of the DARES per-FAP files (median salary, share of women, temporary work, age, diploma,
    employing sectors), recognised by its header; rows in long format."""
    indicator = detect_occupation_stat_layout(read_header(stream, filename))
    if indicator is None:
        log.add(1, None, None, "fichier non reconnu : attendu un fichier Dares par FAP (salaire_median, part_femmes, "
                               "part_interim, age, dipl, secteurs_employeurs)")
        raise FileRejected(log)
    layout = OCCUPATION_STAT_LAYOUTS[indicator]
    columns = [Column(layout["fap"], ()), Column(layout["value"], ())]
    for name in ("period", "dimension", "dimension_label"):
        if layout.get(name):
            columns.append(Column(layout[name], ()))
    if layout.get("filter"):
        columns.append(Column(layout["filter"][0], ()))
    for line, row in Table(stream, filename, log, columns):
        check = RowChecker(log, line, row)
        if layout.get("filter") and (clean(row[layout["filter"][0]]) or "") != layout["filter"][1]:
            continue
        fap = parse_code(row[layout["fap"]]) or ""
        if fap not in known.fap:
            # DARES files carry totals (ENS, Ensemble, ZZZ…) and a few pre-2009 codes (T2Z): reported, skipped.
            log.warn(line, layout["fap"], fap, "famille absente de la nomenclature FAP 2009 importée : ligne ignorée")
            continue
        period = layout.get("fixed_period") or clean(row[layout["period"]]) or ""
        if not re.fullmatch(r"\d{4}(-\d{4})?", period):
            check.fail(layout["period"], row.get(layout["period"]), "période attendue (ex. 2017-2019)")
        value = check.get(layout["value"], parse_float)
        dimension = clean(row.get(layout.get("dimension", ""), "")) or ""
        dimension_label = clean(row.get(layout.get("dimension_label", ""), "")) or dimension
        if check.failed:
            continue
        scaled = None if value is None else round(value * layout["scale"], 6)
        yield OccupationStatRow(line, fap, indicator, dimension[:80], dimension_label[:200], period, scaled,
                                layout["unit"])


def period_end_year(period: str) -> int:
    """``"2017-2019"`` → 2019; ``"2019"`` → 2019."""
    return int(period[-4:])
