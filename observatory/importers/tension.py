"""DARES « Les tensions sur le marché du travail » (``tensions_tensions.csv``).

Pure Python (no Django): parsing, column mapping and row checks. Registered in
:mod:`observatory.importers.registry`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from .common import (
    Known,
)
from .parsing import (
    Column,
    ProblemLog,
    RowChecker,
    Table,
    parse_category,
    parse_code,
    parse_float,
    parse_int,
    parse_year,
)

COMPLEMENTARY = (
    ("hiring_intensity", "Intensité d'embauches"),
    ("training_link", "Lien formation-emploi"),
    ("lack_of_workforce", "Manque de main-d'œuvre disponible"),
    ("non_durable_employment", "Non-durabilité de l'emploi"),
    ("working_conditions", "Conditions de travail contraignantes"),
    ("geographic_mismatch", "Inadéquation géographique"),
)


@dataclass(frozen=True)
class TensionRow:
    line: int
    fap: str
    territory: str
    year: int
    employment: int | None
    score: float | None
    level: int | None
    complementary: tuple[int | None, ...]  # in the order of COMPLEMENTARY

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.fap, self.territory, self.year)


def territory_from_levels(level: str | None, region: str | None, departement: str | None) -> str | None:
    """``nat`` → ``FR``; ``reg`` + ``32.0`` → ``REG-32``; ``dep`` + ``59`` → ``DEP-59``; else None."""
    level = (level or "").strip().lower()
    if level in {"nat", "nation", "france", "fr"}:
        return "FR"
    if level in {"reg", "region", "région"} and region:
        return f"REG-{parse_code(region, 2)}"
    if level in {"dep", "departement", "département"} and departement:
        return f"DEP-{parse_code(departement, 2)}"
    return None


def contradicting_geography(level: str | None, region: str | None, departement: str | None) -> tuple[str, str] | None:
    """``(column, message)`` when the geography columns of a row contradict each other: a national
    row carrying a region or département code, or a regional row carrying a département code. Such a
    row cannot be placed without guessing which column is wrong, so it is refused."""
    level = (level or "").strip().lower()
    region, departement = (region or "").strip(), (departement or "").strip()
    if level in {"nat", "nation", "france", "fr"}:
        if region:
            return "reg", "ligne nationale (niveau_geo = nat) avec un code de région : colonnes contradictoires"
        if departement:
            return "dep", "ligne nationale (niveau_geo = nat) avec un code de département : colonnes contradictoires"
    if level in {"reg", "region", "région"} and departement:
        return "dep", "ligne régionale (niveau_geo = reg) avec un code de département : colonnes contradictoires"
    return None


def parse_tension(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[TensionRow]:
    """DARES ``tensions_tensions.csv``: one row per FAP × territory, with the composite (``Tension `` with
    its trailing space), its category and the six complementary categories."""
    columns = [
        Column("fap", ()), Column("Emploi moyen", ()), Column("Tension", ("indicateur de tension",)),
        Column("Catégorie Tension", ()), *(Column(label, ()) for _, label in COMPLEMENTARY),
        Column("Année", ("annee", "year")), Column("niveau_geo", ()), Column("niveau_fap", (), required=False),
        Column("reg", ()), Column("dep", ()),
    ]
    for line, row in Table(stream, filename, log, columns):
        check = RowChecker(log, line, row)
        fap = parse_code(row["fap"]) or ""
        if fap not in known.fap:
            check.fail("fap", row["fap"], "famille FAP inconnue (importez d'abord les FAP)")
        territory = territory_from_levels(row["niveau_geo"], row["reg"], row["dep"])
        contradiction = contradicting_geography(row["niveau_geo"], row["reg"], row["dep"])
        if contradiction is not None:
            column, message = contradiction
            check.fail(column, row[column], message)
        elif territory is None:
            check.fail("niveau_geo", row["niveau_geo"], "niveau géographique attendu : nat, reg ou dep (avec son code)")
        elif territory not in known.territories:
            column = {"REG": "reg", "DEP": "dep"}.get(territory[:3], "niveau_geo")
            check.fail(column, row[column], f"territoire inconnu ({territory}) : importez d'abord les territoires")
        year = check.get("Année", parse_year)
        employment = check.get("Emploi moyen", parse_int)
        score = check.get("Tension", parse_float)
        level = check.get("Catégorie Tension", parse_category)
        complementary = tuple(check.get(label, parse_category) for _, label in COMPLEMENTARY)
        if check.failed:
            continue
        yield TensionRow(line, fap, territory, year, employment, score, level, complementary)  # type: ignore[arg-type]


