"""Urssaf « établissements employeurs et effectifs salariés du secteur privé, par commune × APE », as published.

One row per commune × NAF sous-classe (code APE), the years side by side (wide). The layout, as the
open-data portal (open.urssaf.fr) serves it:

- UTF-8 **with BOM**, ``;`` separator, **CRLF** line ends, one header line;
- label columns that carry their code (``4399A Travaux d'étanchéification``, ``76005 Amfreville-la-Mi-Voie``),
  then the code columns ``Code région; Code ancienne région; Code département; Code zone d'emploi;
  Code EPCI; Code commune; Code APE`` (``Code APE`` is the sous-classe without its dot: ``2562A``);
- two columns per year: ``Nombre d'établissements <année>; Effectifs salariés <année>``, 2006 → latest;
- an **empty cell** is a year without establishment, or a value under statistical secrecy — never 0.
  An empty ``Effectifs salariés`` where the same year counts establishments is secret (``SECRET``);
  both empty: no establishment that year (nothing to add).

The national file is ~150 MB: it is read as a stream, one row at a time, and only the columns used
are converted; rows outside ``--region``/``--departement`` are skipped before any check, years other
than ``--year`` are not read. Sums by territory are kept in fixed arrays (territory × NAF × year,
:class:`EmploymentTotals`): memory depends on the nomenclature and the territories, not on the file.

Aggregation levels are plain functions ``row → territory key`` (:data:`DEFAULT_LEVELS`: département,
région). The zone d'emploi level is one more such function: :func:`zone_level` maps a row's commune
through INSEE's commune → zone table, used once that table is stored (see docs/observatory-data.md).

Pure Python (no Django). Registered in :mod:`observatory.importers.registry` as ``employment-urssaf``.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from .common import DEPARTEMENT_CODE, REGION_CODE, Known
from .employment import normalise_naf
from .parsing import (
    SECRET,
    Column,
    FileRejected,
    ProblemLog,
    RowChecker,
    iter_raw_rows,
    normalise_name,
    parse_code,
    parse_int,
)

#: The code columns read (names as published); the label columns are not needed.
CODE_COLUMNS = (
    Column("Code région", ("code_region",)),
    Column("Code département", ("code_departement",)),
    Column("Code commune", ("code_commune",)),
    Column("Code APE", ("code_ape",)),
    Column("Code zone d'emploi", ("code_zone_emploi",), required=False),
)
ESTABLISHMENTS = re.compile(r"^nombre d'etablissements (\d{4})$")
EMPLOYEES = re.compile(r"^effectifs salaries (\d{4})$")
COMMUNE_CODE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$")


@dataclass(frozen=True)
class UrssafRow:
    """One commune × APE row: its codes and, per year read (``years``), the salaried jobs
    (``int``; ``SECRET`` when withheld; ``None`` without establishment)."""

    line: int
    region: str
    departement: str
    commune: str
    zone: str
    naf: str  # NAF sous-classe with its dot: 25.62A
    years: tuple[int, ...]
    employees: tuple[Any, ...]


@dataclass(frozen=True)
class _Layout:
    """Where each column used sits in the header."""

    width: int
    codes: dict[str, int]
    years: tuple[int, ...]
    establishments: tuple[int | None, ...]
    employees: tuple[int, ...]


def _layout(header_line: int, header: list[str], log: ProblemLog, year: int | None) -> _Layout:
    names = [normalise_name(cell) for cell in header]
    codes: dict[str, int] = {}
    for column in CODE_COLUMNS:
        position = next((i for i, cell in enumerate(header) if column.matches(cell)), None)
        if position is not None:
            codes[column.name] = position
        elif column.required:
            found = ", ".join(f"« {cell} »" for cell in header[:12])
            log.add(header_line, column.name, None, f"colonne obligatoire absente (colonnes trouvées : {found}…) : "
                                                    "ce n'est pas l'en-tête du fichier Urssaf commune × APE, ou "
                                                    "l'en-tête est décalé")
    employees = {int(match.group(1)): i for i, name in enumerate(names) if (match := EMPLOYEES.match(name))}
    establishments = {int(match.group(1)): i for i, name in enumerate(names)
                      if (match := ESTABLISHMENTS.match(name))}
    if not employees:
        log.add(header_line, "Effectifs salariés <année>", None,
                "aucune colonne « Effectifs salariés <année> » : ce n'est pas le format Urssaf par commune × APE")
    if year is not None and employees and year not in employees:
        log.add(header_line, f"Effectifs salariés {year}", None,
                f"année {year} absente du fichier (années présentes : {min(employees)}–{max(employees)})")
    if not log.ok:
        raise FileRejected(log)
    years = (year,) if year is not None else tuple(sorted(employees))
    return _Layout(len(header), codes, years, tuple(establishments.get(y) for y in years),
                   tuple(employees[y] for y in years))


def _count(text: str) -> int | None:
    """A published count: digits (fast path), empty (None), or what :func:`parse_int` accepts."""
    if text.isdigit():
        return int(text)
    text = text.strip()
    if not text:
        return None
    value = parse_int(text)  # "1 234", "12.0"; ValueError for anything else
    return value


def _checked_filter(value: Any, level: str, pattern: re.Pattern[str], known: Known, log: ProblemLog) -> str | None:
    code = parse_code(value, 2) if value not in (None, "") else None
    if code is None:
        return None
    key = f"{'REG' if level == 'region' else 'DEP'}-{code}"
    if not pattern.match(code) or key not in known.territories:
        log.add(None, "--" + level, str(value), f"filtre : territoire {key} inconnu (importez d'abord les territoires)")
        raise FileRejected(log)
    return code


def parse_urssaf(stream: IO[bytes], filename: str, log: ProblemLog, known: Known, *, region: str | None = None,
                 departement: str | None = None, year: str | int | None = None) -> Iterator[UrssafRow]:
    """Rows of the Urssaf commune × APE file, optionally of one ``region``/``departement`` and one ``year``.

    Refused at the header line: a missing code column, no year column, the ``year`` asked absent.
    Refused at their line: a row whose number of cells differs from the header's (shifted or cut
    row), an unknown région, département or NAF sous-classe, a malformed commune code, a count that
    is not a whole number, the same commune × APE twice in a row.
    """
    region = _checked_filter(region, "region", REGION_CODE, known, log)
    departement = _checked_filter(departement, "departement", DEPARTEMENT_CODE, known, log)
    wanted_year: int | None = None
    if year not in (None, ""):
        try:
            wanted_year = int(str(year))
        except ValueError:
            log.add(None, "--year", str(year), "année attendue (ex. 2022)")
            raise FileRejected(log) from None
    rows = iter_raw_rows(stream, filename, log)
    try:
        header_line, header = next(rows)
    except StopIteration:
        log.add(None, None, None, "le fichier ne contient aucune ligne")
        raise FileRejected(log) from None
    header = [cell.strip() for cell in header]
    layout = _layout(header_line, header, log, wanted_year)
    at_region, at_departement = layout.codes["Code région"], layout.codes["Code département"]
    at_commune, at_ape = layout.codes["Code commune"], layout.codes["Code APE"]
    at_zone = layout.codes.get("Code zone d'emploi")
    year_names = [f"Effectifs salariés {y}" for y in layout.years]
    current_commune, activities = "", set[str]()
    for line, cells in rows:
        if len(cells) != layout.width:
            log.add(line, None, None, f"{len(cells)} colonne(s) au lieu des {layout.width} de l'en-tête : ligne "
                                      "décalée ou tronquée")
            continue
        row_region = cells[at_region].strip()
        row_departement = cells[at_departement].strip()
        if (region and row_region != region) or (departement and row_departement != departement):
            continue
        check = RowChecker(log, line, {})
        fail = check.fail
        if not REGION_CODE.match(row_region) or f"REG-{row_region}" not in known.territories:
            fail("Code région", row_region, "région inconnue : importez d'abord les territoires")
        if not DEPARTEMENT_CODE.match(row_departement) or f"DEP-{row_departement}" not in known.territories:
            fail("Code département", row_departement, "département inconnu : importez d'abord les territoires")
        commune = cells[at_commune].strip()
        if not COMMUNE_CODE.match(commune):
            fail("Code commune", commune, "code commune Insee attendu (5 caractères, ex. 59350)")
        raw_ape = cells[at_ape]
        naf = normalise_naf(raw_ape)
        if naf is None:
            fail("Code APE", raw_ape, "code APE attendu (sous-classe NAF sans point, ex. 2562A)")
        elif naf not in known.naf:
            fail("Code APE", raw_ape, "sous-classe NAF inconnue : importez d'abord la nomenclature NAF")
        values: list[Any] = []
        for name, at_jobs, at_units in zip(year_names, layout.employees, layout.establishments, strict=True):
            try:
                jobs = _count(cells[at_jobs])
            except ValueError:
                fail(name, cells[at_jobs], "nombre entier attendu (case vide si secret ou sans établissement)")
                continue
            try:
                units = _count(cells[at_units]) if at_units is not None else None
            except ValueError:
                fail(name.replace("Effectifs salariés", "Nombre d'établissements"), cells[at_units],  # type: ignore[index]
                     "nombre entier attendu (case vide si secret ou sans établissement)")
                continue
            values.append(SECRET if jobs is None and units else jobs)
        if not check.failed:
            # Rows come commune by commune: a repeated activity is looked for within the commune only,
            # so that no key set grows with the file.
            if commune != current_commune:
                current_commune, activities = commune, set()
            if naf in activities:
                fail("Code APE", raw_ape, f"ligne en double : la commune {commune} a déjà cette activité plus haut")
            activities.add(naf)  # type: ignore[arg-type]
        if check.failed:
            continue
        yield UrssafRow(line, row_region, row_departement, commune,
                        cells[at_zone].strip() if at_zone is not None else "", naf,  # type: ignore[arg-type]
                        layout.years, tuple(values))


# --- Aggregation ------------------------------------------------------------------------------

#: ``level(row)``: the territory key a row counts in at one level (``DEP-59``), or None.
AggregationLevel = Callable[[UrssafRow], "str | None"]


def departement_level(row: UrssafRow) -> str:
    return f"DEP-{row.departement}"


def region_level(row: UrssafRow) -> str:
    return f"REG-{row.region}"


def zone_level(commune_zones: Mapping[str, str]) -> AggregationLevel:
    """The zone d'emploi level, from INSEE's commune → zone 2020 table (``{"59350": "3213"}``).

    :func:`~observatory.importers.writing.write_employment_urssaf` passes ``(zone_level(table),
    *DEFAULT_LEVELS)`` to :func:`aggregate_urssaf` once the communes are stored (``zones-emploi``). The
    Urssaf file's own ``Code zone d'emploi`` is not trusted for this: its zoning vintage may differ
    from the one the site's territories come from.
    """

    def level(row: UrssafRow) -> str | None:
        zone = commune_zones.get(row.commune)
        return f"ZE-{zone}" if zone else None

    return level


DEFAULT_LEVELS: tuple[AggregationLevel, ...] = (departement_level, region_level)


@dataclass
class _Cells:
    """Sums for one territory: NAF × year cells in flat arrays (8 bytes a sum, 2 flags)."""

    sums: array
    secret: bytearray
    seen: bytearray


@dataclass
class EmploymentTotals:
    """Salaried jobs summed by territory × NAF sous-classe × year.

    A secret commune cell is left out of its sum, never guessed: the sum is then a lower bound
    (``partial``); ``None`` when every contributing cell was secret.
    """

    naf_codes: Sequence[str]
    years: tuple[int, ...] = ()
    by_territory: dict[str, _Cells] = field(default_factory=dict)
    source_rows: int = 0
    regions: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._naf_index = {code: i for i, code in enumerate(self.naf_codes)}

    def _cells(self, territory: str) -> _Cells:
        cells = self.by_territory.get(territory)
        if cells is None:
            size = len(self.naf_codes) * len(self.years)
            cells = self.by_territory[territory] = _Cells(array("q", bytes(8 * size)), bytearray(size),
                                                          bytearray(size))
        return cells

    def add(self, row: UrssafRow, levels: Sequence[AggregationLevel]) -> None:
        if not self.years:
            self.years = row.years
        self.source_rows += 1
        self.regions.add(row.region)
        base = self._naf_index[row.naf] * len(self.years)
        for level in levels:
            territory = level(row)
            if territory is None:
                continue
            cells = self._cells(territory)
            for offset, value in enumerate(row.employees):
                if value is None:
                    continue
                at = base + offset
                if value is SECRET:
                    cells.secret[at] = 1
                else:
                    cells.sums[at] += value
                    cells.seen[at] = 1

    def add_nation(self) -> None:
        """France (``FR``) as the sum of the regions."""
        regions = [key for key in self.by_territory if key.startswith("REG-")]
        france = self._cells("FR")
        for key in regions:
            cells = self.by_territory[key]
            for at, value in enumerate(cells.sums):
                if cells.seen[at]:
                    france.sums[at] += value
                    france.seen[at] = 1
                if cells.secret[at]:
                    france.secret[at] = 1

    def items(self) -> Iterator[tuple[str, str, int, int | None, bool]]:
        """``(territory, NAF code, year, jobs or None, partial)`` for every cell with something published."""
        width = len(self.years)
        for territory, cells in self.by_territory.items():
            for at in range(len(cells.sums)):
                if cells.seen[at] or cells.secret[at]:
                    naf_at, year_at = divmod(at, width)
                    yield (territory, self.naf_codes[naf_at], self.years[year_at],
                           cells.sums[at] if cells.seen[at] else None, bool(cells.secret[at]))


def aggregate_urssaf(rows: Iterable[UrssafRow], naf_codes: Sequence[str], *,
                     levels: Sequence[AggregationLevel] = DEFAULT_LEVELS, nation: bool = True) -> EmploymentTotals:
    """Sums by each of ``levels`` (département, région by default) and, for an unfiltered file
    covering several regions and ``nation``, France. Memory: territories × NAF × years, whatever
    the number of rows.
    """
    totals = EmploymentTotals(naf_codes)
    for row in rows:
        totals.add(row, levels)
    if nation and len(totals.regions) > 1:
        totals.add_nation()
    return totals
