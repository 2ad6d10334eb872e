"""France Travail « Besoins en main-d'œuvre » (BMO): the published workbooks and CSV extracts as they are.

One row per métier BMO × bassin (employment area): ``annee, Code métier BMO, Nom métier BMO,
Famille_met, Lbl_fam_met, REG, NOM_REG, Dept, NomDept, BE<yy>, NOMBE<yy>, met, xmet, smet`` —
``met`` hiring projects, ``xmet`` of which judged difficult, ``smet`` of which seasonal. Real quirks
handled here:

- the columns are read **by name**: their order differs by year (2023 puts the bassin before the
  département, 2025 after the region), and the bassin columns are renamed every year (``BE23``,
  ``BE24``, ``BE25``… with ``NOMBE<yy>``);
- the workbook's first sheet is « Description des variables »: the data sheet is found by its
  header (:class:`~observatory.importers.parsing.Table` scores each sheet's first row);
- ``*`` is a cell under statistical secrecy: kept as unknown (``SECRET``), never 0; a sum that
  leaves one out is a lower bound, flagged per measure (:class:`BmoTotal`);
- métier codes are FAP 2009 families until the 2023 survey and FAP 2021 ones from 2024
  (:func:`nomenclature_for_year`): each row carries its nomenclature.

Pure Python (no Django). Registered in :mod:`observatory.importers.registry`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from .common import Known
from .parsing import (
    SECRET,
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

#: First survey year coded in FAP 2021 (France Travail changed nomenclature with the BMO 2024).
FAP2021_FROM_YEAR = 2024
#: A métier BMO code: a FAP 225 (2009) or 228/341 (2021) family, e.g. ``D2Z42``, ``A0X40``, ``A0X41a``.
BMO_CODE = re.compile(r"^[A-Z][A-Z0-9][A-Z]\d{2}[a-z]?$")
BASSIN_CODE = re.compile(r"^\d{2,5}$")

COLUMNS = (
    Column("annee", ("année", "year")),
    Column("Code métier BMO", ("code_metier_bmo", "metier")),
    Column("Nom métier BMO", ("nom_metier_bmo", "libelle_metier")),
    Column("Famille_met", ("famille_metier",), required=False),
    Column("Lbl_fam_met", ("libelle_famille_metier",), required=False),
    Column("REG", ("code_reg",)),
    Column("Dept", ("dep", "departement", "code_dept")),
    Column("BE", (), pattern=r"be\d{2}|be|bassin"),
    Column("NOMBE", (), pattern=r"nombe\d{2}|nombe|nom_bassin", required=False),
    Column("met", ("projets",)),
    Column("xmet", ("difficiles",)),
    Column("smet", ("saisonniers",)),
)


def nomenclature_for_year(year: int) -> str:
    """``fap2009`` for surveys up to 2023, ``fap2021`` from 2024."""
    return "fap2021" if year >= FAP2021_FROM_YEAR else "fap2009"


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
    basin_name: str = ""
    family: str = ""
    family_label: str = ""
    nomenclature: str = "fap2009"


def _checked_filter(value: str | None, level: str, known: Known, log: ProblemLog) -> str | None:
    code = parse_code(value, 2) if value else None
    if code is None:
        return None
    key = f"{'REG' if level == 'region' else 'DEP'}-{code}"
    if key not in known.territories:
        log.add(None, "--" + level, value, f"filtre : territoire {key} inconnu (importez d'abord les territoires)")
        raise FileRejected(log)
    return code


def parse_bmo(stream: IO[bytes], filename: str, log: ProblemLog, known: Known, *, region: str | None = None,
              departement: str | None = None) -> Iterator[BmoRow]:
    """Rows of a BMO file (CSV or XLSX), optionally only those of one ``region`` or ``departement``.

    Rows outside the filter are skipped unread (their cells are not checked). Every kept row is
    checked: a known département and region, a métier code, a bassin code, whole counts or ``*``,
    ``xmet``/``smet`` not above ``met``, no two rows for the same year × métier × bassin.
    """
    region = _checked_filter(region, "region", known, log)
    departement = _checked_filter(departement, "departement", known, log)
    seen: set[tuple[int, str, str]] = set()
    basin_department: dict[str, str] = {}
    for line, row in Table(stream, filename, log, COLUMNS):
        row_region = parse_code(row["REG"], 2) or ""
        row_departement = parse_code(row["Dept"], 2) or ""
        if (region and row_region != region) or (departement and row_departement != departement):
            continue
        check = RowChecker(log, line, row)
        year = check.get("annee", parse_year)
        raw_code = clean(row["Code métier BMO"]) or ""
        code = raw_code[:5].upper() + raw_code[5:].lower()  # FAP 2021 detailed codes end in lower case: A0X41a
        if not BMO_CODE.match(code):
            check.fail("Code métier BMO", row["Code métier BMO"], "code métier BMO attendu (ex. D2Z42 ou D2X42)")
        label = clean(row["Nom métier BMO"]) or ""
        if not label:
            check.fail("Nom métier BMO", "", "libellé du métier manquant")
        basin = parse_code(row["BE"]) or ""
        if not BASSIN_CODE.match(basin):
            check.fail("BE", row["BE"], "code de bassin BMO attendu (ex. 3201)")
        if f"REG-{row_region}" not in known.territories:
            check.fail("REG", row["REG"], "région inconnue : importez d'abord les territoires")
        if f"DEP-{row_departement}" not in known.territories:
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
            if basin_department.setdefault(basin, row_departement) != row_departement:
                check.fail("Dept", row["Dept"], f"le bassin {basin} est rattaché plus haut au département "
                                                f"{basin_department[basin]}")
        if check.failed:
            continue
        yield BmoRow(line, year, code, label, row_region, row_departement, basin, projects, difficult,  # type: ignore[arg-type]
                     seasonal, basin_name=clean(row.get("NOMBE")) or "", family=clean(row.get("Famille_met")) or "",
                     family_label=clean(row.get("Lbl_fam_met")) or "",
                     nomenclature=nomenclature_for_year(year))  # type: ignore[arg-type]


@dataclass
class BmoTotal:
    """Sums of one métier × territory × year. A secret cell is left out of its sum, never guessed:
    ``<measure>_partial`` says that sum is a lower bound (« au moins »)."""

    label: str
    nomenclature: str = "fap2009"
    projects: int | None = None
    difficult: int | None = None
    seasonal: int | None = None
    projects_partial: bool = False
    difficult_partial: bool = False
    seasonal_partial: bool = False

    @property
    def has_secret(self) -> bool:
        return self.projects_partial or self.difficult_partial or self.seasonal_partial

    def add(self, row: BmoRow) -> None:
        for name in ("projects", "difficult", "seasonal"):
            value = getattr(row, name)
            if value is SECRET:
                setattr(self, f"{name}_partial", True)
            elif value is not None:
                setattr(self, name, (getattr(self, name) or 0) + value)

    def merge(self, other: BmoTotal) -> None:
        """Add another territory's sums (France from its regions)."""
        for name in ("projects", "difficult", "seasonal"):
            value = getattr(other, name)
            if value is not None:
                setattr(self, name, (getattr(self, name) or 0) + value)
            if getattr(other, f"{name}_partial"):
                setattr(self, f"{name}_partial", True)

    @property
    def share_difficult(self) -> float | None:
        """% of projects judged difficult, only where both sums are complete."""
        if not self.projects or self.difficult is None or self.projects_partial or self.difficult_partial:
            return None
        return 100 * self.difficult / self.projects


def territories_of(row: BmoRow) -> tuple[str, ...]:
    """The territory keys a row counts in: its bassin (``BE-3201``), département and region."""
    return (f"BE-{row.basin}", f"DEP-{row.departement}", f"REG-{row.region}")


def aggregate_bmo(rows: Iterable[BmoRow], *, nation: bool = True) -> dict[tuple[str, str, int], BmoTotal]:
    """Totals per (territory key, métier code, year): bassin, département, region, and France.

    Re-summed bassins: France Travail's own published totals by département and region may differ
    (they are computed before secrecy is applied). Memory is bounded by métiers × territories.
    France (``FR``) is the sum of the regions, only when the file covers several regions and
    ``nation`` is true (False for a file filtered on a region or département): a regional extract
    must not pass for national figures.
    """
    totals: dict[tuple[str, str, int], BmoTotal] = {}
    regions: set[str] = set()
    for row in rows:
        regions.add(row.region)
        for territory in territories_of(row):
            key = (territory, row.occupation_code, row.year)
            total = totals.get(key)
            if total is None:
                total = totals[key] = BmoTotal(row.occupation_label, row.nomenclature)
            total.add(row)
    if nation and len(regions) > 1:
        for (territory, code, year), total in list(totals.items()):
            if territory.startswith("REG-"):
                france = totals.setdefault(("FR", code, year), BmoTotal(total.label, total.nomenclature))
                france.merge(total)
    return totals


# --- FAP 2009 métiers → FAP 2021 métiers -------------------------------------------------------

#: Below this similarity of labels (difflib ratio, 0–1), no FAP 2021 métier is proposed.
SIMILAR_LABEL_THRESHOLD = 0.6


def _label_key(label: str) -> str:
    from .parsing import normalise_name

    return re.sub(r"[^a-z0-9]+", " ", normalise_name(label)).strip()


def match_fap2021_metiers(old: dict[str, str], new: dict[str, str]) -> dict[str, tuple[str, str]]:
    """For each FAP 2009 métier ``{code: label}``, the FAP 2021 métier proposed in its place:
    ``{old code: (new code, method)}``, method ``same_label``, ``same_code`` (``A0Z40`` → ``A0X40``)
    or ``similar_label`` (closest label of the same domain letter, ratio ≥ 0.6).

    No official FAP 2009 → 2021 table ships here: these are proposals for a statistician to check.
    """
    from difflib import SequenceMatcher

    by_label = {_label_key(label): code for code, label in sorted(new.items())}
    matches: dict[str, tuple[str, str]] = {}
    for code, label in sorted(old.items()):
        key = _label_key(label)
        twin = code[:2] + "X" + code[3:] if len(code) >= 3 and code[2] == "Z" else None
        if key in by_label:
            matches[code] = (by_label[key], "same_label")
        elif twin in new:
            matches[code] = (twin, "same_code")
        else:
            scored = [(SequenceMatcher(None, key, _label_key(candidate)).ratio(), candidate_code)
                      for candidate_code, candidate in sorted(new.items()) if candidate_code[:1] == code[:1]]
            best = max(scored, default=(0.0, ""))
            if best[0] >= SIMILAR_LABEL_THRESHOLD:
                matches[code] = (best[1], "similar_label")
    return matches
