"""INSEE zones d'emploi 2020 and their communes (``zones-emploi``).

A *zone d'emploi* is INSEE's area within which most people both live and work (306 in France,
zoning of 2020, geography of 1 January 2023). The file is the « composition communale »: one line
per commune with its zone; a zone that straddles two régions (``0054`` Beauvais) is split into
*parties régionales* (``ZE2020_PARTIE_REG`` ``0054-32``), and the site's territory is that regional
part, since every figure it shows is regional.

Read as published: the CSV (``;``, UTF-8, header on line 1) or INSEE's workbook
``ZE2020_au_01-01-2023.xlsx`` (sheet « Composition_communale », title lines then a header of labels
and one of codes). Pure Python (no Django). Registered in :mod:`observatory.importers.registry`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from .common import DEPARTEMENT_CODE, REGION_CODE, Known
from .parsing import Column, FileRejected, ProblemLog, clean, find_header, iter_sheets, parse_code

COMMUNE_CODE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$")
ZONE_CODE = re.compile(r"^\d{4}$")
ZONE_PART_CODE = re.compile(r"^(\d{4})-(\d{2})$")

COLUMNS = [
    Column("CODGEO", ("Code géographique communal",)),
    Column("LIBGEO", ("Libellé géographique",)),
    Column("ZE2020", ()),
    Column("LIBZE2020", ()),
    Column("ZE2020_PARTIE_REG", (), required=False),
    Column("DEP", ()),
    Column("REG", ()),
]


@dataclass(frozen=True)
class CommuneRow:
    """One commune and its zone d'emploi; ``zone_code`` is the regional part (``0054-32``) when there is one."""

    line: int
    code: str
    name: str
    zone: str
    zone_name: str
    zone_code: str
    departement: str
    region: str

    @property
    def zone_key(self) -> str:
        return f"ZE-{self.zone_code}"

    @property
    def is_regional_part(self) -> bool:
        return self.zone_code != self.zone


def parse_communes(stream: IO[bytes], filename: str, log: ProblemLog, known: Known, *,
                   region: str | None = None, departement: str | None = None) -> Iterator[CommuneRow]:
    """Communes with their zone d'emploi, optionally only one région's or one département's.

    Refused with its line: a missing column, a title line above a CSV header, a line longer or shorter
    than the header, an ill-formed code, a zone part that does not belong to its zone or région, a
    commune listed twice, a département or région not loaded yet.
    """
    region = parse_code(region, 2) if region else None
    departement = parse_code(departement, 2) if departement else None
    for name, rows in iter_sheets(stream, filename, log):
        line, header, index = find_header(rows, COLUMNS, titles_allowed=bool(name))
        if index is not None:
            yield from _rows(rows, header, index, log, known, region, departement)
            return
        if not name:  # a CSV file: its first line must be the header
            refuse_header(log, line, header, COLUMNS)
    log.add(None, "CODGEO", None, "aucune feuille du classeur n'a l'en-tête de la composition communale "
                                  "(CODGEO, LIBGEO, ZE2020, LIBZE2020, DEP, REG)")
    raise FileRejected(log)


def refuse_header(log: ProblemLog, line: int, header: list[str], columns: list[Column]) -> None:
    """Refuse the file at its header line, naming the first missing column and what the line holds."""
    found = ", ".join(f"« {cell} »" for cell in header[:12])
    missing = [column.name for column in columns if column.required
               and not any(column.matches(cell) for cell in header)]
    log.add(line or None, missing[0] if missing else None, None,
            f"colonne obligatoire absente (colonnes trouvées : {found})")
    raise FileRejected(log)


def row_width_problem(cells: list[str], header: list[str], index: dict[str, int]) -> str | None:
    """Why a line cannot be read in the header's columns: longer than the header (a cell inserted, the
    values shifted) or shorter than the columns read (truncated); None when it fits."""
    if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
        return f"{len(cells)} colonne(s) au lieu des {len(header)} de l'en-tête : ligne décalée"
    if len(cells) <= max(index.values()):
        return f"{len(cells)} colonne(s) au lieu des {len(header)} de l'en-tête : ligne tronquée"
    return None


def _rows(rows: Iterator[tuple[int, list[str]]], header: list[str], index: dict[str, int], log: ProblemLog,
          known: Known, region: str | None, departement: str | None) -> Iterator[CommuneRow]:
    seen: set[str] = set()
    for line, cells in rows:
        if (problem := row_width_problem(cells, header, index)) is not None:
            log.add(line, None, None, problem)
            continue
        value = {name: cells[position] for name, position in index.items()}
        reg = parse_code(value["REG"], 2) or ""
        dep = parse_code(value["DEP"], 2) or ""
        if (region and reg != region) or (departement and dep != departement):
            continue
        code = parse_code(value["CODGEO"]) or ""
        zone = parse_code(value["ZE2020"], 4) or ""
        problems = []
        if not COMMUNE_CODE.match(code):
            problems.append(("CODGEO", value["CODGEO"], "code commune INSEE attendu (5 caractères, ex. 59350)"))
        if not ZONE_CODE.match(zone):
            problems.append(("ZE2020", value["ZE2020"], "code de zone d'emploi attendu (4 chiffres, ex. 3216)"))
        if not DEPARTEMENT_CODE.match(dep):
            problems.append(("DEP", value["DEP"], "code département attendu"))
        if not REGION_CODE.match(reg):
            problems.append(("REG", value["REG"], "code région attendu"))
        part = clean(value.get("ZE2020_PARTIE_REG")) or ""
        match = ZONE_PART_CODE.match(part)
        if part and (match is None or match.group(1) != zone or match.group(2) != reg):
            problems.append(("ZE2020_PARTIE_REG", part,
                             f"partie régionale attendue sous la forme {zone or 'zone'}-{reg or 'région'}"))
        name, zone_name = clean(value["LIBGEO"]), clean(value["LIBZE2020"])
        if not name:
            problems.append(("LIBGEO", "", "nom de commune manquant"))
        if not zone_name:
            problems.append(("LIBZE2020", "", "nom de zone d'emploi manquant"))
        if not problems and code in seen:
            problems.append(("CODGEO", code, "commune en double : elle figure plus haut dans le fichier"))
        if not problems and f"DEP-{dep}" not in known.territories:
            problems.append(("DEP", dep, "département inconnu (importez d'abord les territoires)"))
        if not problems and f"REG-{reg}" not in known.territories:
            problems.append(("REG", reg, "région inconnue (importez d'abord les territoires)"))
        for column, raw, message in problems:
            log.add(line, column, raw, message)
        if problems:
            continue
        seen.add(code)
        yield CommuneRow(line, code, name[:120], zone, zone_name[:100], part or zone, dep, reg)  # type: ignore[index]
