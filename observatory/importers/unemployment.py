"""INSEE localised unemployment rates by zone d'emploi, quarterly (``unemployment-zones``).

« Taux de chômage localisés » (ILO definition, %, seasonally adjusted quarterly averages), published
wide: one line per zone, one column per quarter (``2003-T1`` … ``2023-T3``). Three layouts, all read
as published:

- the zones sheet (``txcho_ze``; CSV ``ZE2020;LIBZE2020;REG;LIBREG;2003-T1;…``): an inter-régional
  zone carries ``REG`` ``00`` and its rate is that of the whole zone, across both régions;
- the regional parts sheet (``txcho_parties reg``; CSV ``ZER2020;LIBZER2020;2003-T1;…``): INSEE codes
  the part of zone ``00XX`` in région ``RR`` as ``RRXX`` (``3254``: Beauvais, Hauts-de-France part),
  which is the site's territory ``ZE-0054-32`` (the code of the « composition communale »);
- INSEE's workbook ``chomage-zone-t1-2003-t3-2023.xlsx``: both sheets at once (title lines, then
  a header of labels and one of codes), its « Documentation » sheet skipped.

Rates of zones that are not loaded territories (other régions, whole inter-régional zones) are
skipped and counted. Pure Python (no Django). Registered in :mod:`observatory.importers.registry`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from .common import Known
from .parsing import Column, FileRejected, ProblemLog, clean, find_header, iter_sheets, parse_float
from .zones_emploi import refuse_header, row_width_problem

QUARTER = re.compile(r"^(\d{4})-T([1-4])$", re.IGNORECASE)

COLUMNS = [
    Column("ZE2020", (), pattern=r"zer?2020"),
    Column("LIBZE2020", (), pattern=r"libzer?2020"),
    Column("REG", (), required=False),
    Column("2003-T1", (), pattern=r"\d{4}-t[1-4]"),
]


@dataclass(frozen=True)
class UnemploymentRow:
    line: int
    territory: str  # the territory key: ZE-3216, ZE-0054-32
    year: int
    quarter: int
    rate: float


def territory_for(code: str, is_part: bool) -> str:
    """The site's territory key for a zone code of the unemployment files.

    ``3216`` → ``ZE-3216``; a regional part ``3254`` (région 32, zone 0054) → ``ZE-0054-32``.
    """
    if is_part:
        return f"ZE-00{code[2:]}-{code[:2]}"
    return f"ZE-{code}"


def parse_unemployment(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[UnemploymentRow]:
    """One row per zone × quarter with a published rate; line-precise refusals (missing column, title
    line above a CSV header, shifted or truncated line, non-numeric or impossible rate, bad zone code)."""
    read_any = False
    skipped: set[str] = set()
    for name, rows in iter_sheets(stream, filename, log):
        line, header, index = find_header(rows, COLUMNS, titles_allowed=bool(name))
        if index is None:
            if not name:  # a CSV file: its first line must be the header
                refuse_header(log, line, header, COLUMNS)
            continue
        read_any = True
        yield from _sheet_rows(rows, header, index, log, known, skipped)
    if not read_any:
        log.add(None, "ZE2020", None, "aucune feuille du classeur n'a l'en-tête des taux de chômage "
                                      "(ZE2020 ou ZER2020, LIBZE2020, trimestres 2003-T1…)")
        raise FileRejected(log)
    if skipped:
        log.warn(None, None, None, f"{len(skipped)} zone(s) hors des territoires chargés (autres régions, zones "
                                   "interrégionales entières) ignorée(s)")


def _sheet_rows(rows: Iterator[tuple[int, list[str]]], header: list[str], index: dict[str, int], log: ProblemLog,
                known: Known, skipped: set[str]) -> Iterator[UnemploymentRow]:
    is_part = header[index["ZE2020"]].strip().upper().startswith("ZER")
    quarters = [(position, int(match.group(1)), int(match.group(2)), cell)
                for position, cell in enumerate(header) if (match := QUARTER.match(cell.strip()))]
    index = {**index, "_last": max(position for position, *_ in quarters)}
    for line, cells in rows:
        if (problem := row_width_problem(cells, header, index)) is not None:
            log.add(line, None, None, problem)
            continue
        code = (clean(cells[index["ZE2020"]]) or "").zfill(4)
        if not re.fullmatch(r"\d{4}", code):
            log.add(line, header[index["ZE2020"]], cells[index["ZE2020"]], "code de zone d'emploi attendu "
                                                                            "(4 chiffres, ex. 3216)")
            continue
        territory = territory_for(code, is_part)
        values: list[UnemploymentRow] = []
        failed = False
        for position, year, quarter, column in quarters:
            raw = cells[position]
            try:
                rate = parse_float(raw)
            except ValueError:
                log.add(line, column, raw, "taux de chômage attendu (nombre, ex. 7,6)")
                failed = True
                continue
            if rate is None:
                continue
            if not 0 <= rate <= 100:  # type: ignore[operator]
                log.add(line, column, raw, "taux de chômage attendu entre 0 et 100 %")
                failed = True
                continue
            values.append(UnemploymentRow(line, territory, year, quarter, float(rate)))  # type: ignore[arg-type]
        if failed:
            continue
        if territory not in known.territories:
            skipped.add(territory)
            continue
        yield from values
