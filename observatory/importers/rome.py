"""France Travail ROME referential: occupation codes and labels, RIASEC interest codes.

Pure Python (no Django): parsing, column mapping and row checks. Registered in
:mod:`observatory.importers.registry`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from .common import (
    RIASEC,
    ROME_CODE,
    Known,
)
from .parsing import (
    Column,
    ProblemLog,
    RowChecker,
    Table,
    clean,
    parse_code,
)


@dataclass(frozen=True)
class RomeRow:
    code: str
    label: str

    @property
    def domain(self) -> str:
        return self.code[0]


@dataclass(frozen=True)
class Rome4Row:
    """A ROME 4.0 fiche (``unix_referentiel_code_rome_v460_utf8.csv``) and the v3 fiche it descends from."""

    code: str
    label: str
    parent: str
    version: str
    code_ogr: int | None = None
    transition_eco: str = ""
    transition_num: str = ""
    transition_demo: str = ""
    regulated: bool = False
    executive: bool = False


ROME_COLUMNS = (
    Column("code_rome", ("code",)),
    Column("libelle_rome", ("libelle", "libellé", "intitule")),
    # ROME 4.0 only: their presence (code_rome_parent) tells the version.
    Column("code_rome_parent", (), required=False),
    Column("code_ogr", (), required=False),
    Column("transition_eco", (), required=False),
    Column("transition_num", (), required=False),
    Column("transition_demo", (), required=False),
    Column("emploi_reglemente", (), required=False),
    Column("emploi_cadre", (), required=False),
)
_VERSION_IN_NAME = re.compile(r"v(\d{3})", re.IGNORECASE)


def rome4_version(filename: str) -> str:
    """« 4.0 v460 » from ``unix_referentiel_code_rome_v460_utf8.csv``; « 4.0 » when the name does not say."""
    match = _VERSION_IN_NAME.search(filename.rsplit("/", 1)[-1])
    return f"4.0 v{match.group(1)}" if match else "4.0"


def _flag(value: str | None) -> bool:
    """``O`` (oui) / ``N`` (non) / empty, as the ROME 4.0 files write them."""
    return (clean(value) or "").upper() in {"O", "OUI"}


def parse_rome(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[RomeRow | Rome4Row]:
    """France Travail ``referentiel_code_rome``, ROME v3 or 4.0, told apart by the header.

    ROME v3 (``referentiel_code_rome_v347.csv``: ``code_rome, libelle_rome``) yields :class:`RomeRow`.
    ROME 4.0 (``unix_referentiel_code_rome_v460_utf8.csv``: ``code_rome, code_fiche_metier, code_ogr,
    libelle_rome, transition_eco, transition_num, transition_demo, emploi_reglemente, emploi_cadre,
    code_rome_parent``) yields :class:`Rome4Row`, each with its v3 parent (required, a ROME code).
    A parent absent from the imported v3 referential is kept (the path to the FAP then stops there).
    """
    table = Table(stream, filename, log, ROME_COLUMNS)
    version4 = "code_rome_parent" in table.index
    version = rome4_version(filename) if version4 else "v3"
    seen: set[str] = set()
    for line, row in table:
        check = RowChecker(log, line, row)
        code = parse_code(row["code_rome"])
        label = (clean(row["libelle_rome"]) or "").replace("''", "'")  # ROME v3 files double apostrophes
        if code is None or not ROME_CODE.match(code):
            check.fail("code_rome", row["code_rome"], "code ROME attendu (une lettre et quatre chiffres, ex. H2913)")
        if not label:
            check.fail("libelle_rome", row["libelle_rome"], "libellé manquant")
        if code in seen:
            check.fail("code_rome", code, "code ROME en double dans le fichier")
        parent = parse_code(row.get("code_rome_parent")) if version4 else None
        if version4 and (parent is None or not ROME_CODE.match(parent)):
            check.fail("code_rome_parent", row.get("code_rome_parent"),
                       "code ROME v3 parent attendu (ex. H2913) : chaque fiche ROME 4.0 descend d'une fiche v3")
        if check.failed:
            continue
        seen.add(code)  # type: ignore[arg-type]
        if not version4:
            yield RomeRow(code, label)  # type: ignore[arg-type]
            continue
        raw_ogr = clean(row.get("code_ogr")) or ""
        yield Rome4Row(code, label, parent, version, int(raw_ogr) if raw_ogr.isdigit() else None,  # type: ignore[arg-type]
                       clean(row.get("transition_eco")) or "", clean(row.get("transition_num")) or "",
                       clean(row.get("transition_demo")) or "", _flag(row.get("emploi_reglemente")),
                       _flag(row.get("emploi_cadre")))


@dataclass(frozen=True)
class RiasecRow:
    code: str
    major: str
    minor: str


def parse_rome_riasec(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[RiasecRow]:
    """``referentiel_code_rome_riasec`` (``code_rome, riasec_majeur, riasec_mineur``)."""
    table = Table(stream, filename, log, [Column("code_rome", ("code",)), Column("riasec_majeur", ("majeur",)),
                                          Column("riasec_mineur", ("mineur",), required=False)])
    seen: set[str] = set()
    for line, row in table:
        check = RowChecker(log, line, row)
        code = parse_code(row["code_rome"])
        if code is None or not ROME_CODE.match(code):
            check.fail("code_rome", row["code_rome"], "code ROME attendu (ex. H2913)")
            continue
        if code not in known.rome:
            # The official RIASEC file lists a few codes absent from the referential of the same version.
            log.warn(line, "code_rome", code, "code ROME absent du référentiel importé : ligne ignorée")
            continue
        letters = []
        for column in ("riasec_majeur", "riasec_mineur"):
            letter = (clean(row.get(column)) or "").upper()
            if letter and letter not in RIASEC:
                check.fail(column, row[column], "lettre RIASEC attendue (R, I, A, S, E ou C)")
            letters.append(letter)
        if not letters[0] and not check.failed:
            check.fail("riasec_majeur", "", "code RIASEC majeur manquant")
        if code in seen:
            check.fail("code_rome", code, "code ROME en double dans le fichier")
        if check.failed:
            continue
        seen.add(code)
        yield RiasecRow(code, letters[0], letters[1])




@dataclass(frozen=True)
class AppellationRow:
    code_ogr: int
    label: str
    rome_code: str  # the ROME v3 occupation it leads to
    rome4_code: str  # the ROME 4.0 fiche ("" in a v3 file)
    principal: bool


def parse_rome_appellations(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[AppellationRow]:
    """France Travail ``referentiel_appellation``: job titles (``code_ogr, libelle_appellation_long, code_rome``).

    ROME 4.0 (``unix_referentiel_appellation_v460_utf8.csv``): ``code_rome`` is the 4.0 fiche and
    ``code_rome_parent`` the v3 occupation it descends from, which the title is linked to;
    ``classification`` PRINCIPALE marks each fiche's one main title. ROME v3
    (``referentiel_appellation_v347.csv``): ``code_rome`` is the occupation; its
    ``libelle_type_section_appellation`` is not a main-title mark (nearly every row says PRINCIPALE),
    so no v3 title is marked main. Titles of occupations absent from the imported referential are
    skipped with a warning.
    """
    table = Table(stream, filename, log, [
        Column("code_ogr", ()), Column("libelle_appellation_long", ("libelle_appellation", "libelle")),
        Column("code_rome", ()), Column("code_rome_parent", (), required=False),
        Column("classification", (), required=False),
    ])
    seen: set[int] = set()
    for line, row in table:
        check = RowChecker(log, line, row)
        raw_ogr = (clean(row["code_ogr"]) or "")
        code_ogr = int(raw_ogr) if raw_ogr.isdigit() else None
        fiche = parse_code(row["code_rome"])
        parent = parse_code(row.get("code_rome_parent")) if row.get("code_rome_parent") is not None else None
        label = (clean(row["libelle_appellation_long"]) or "").replace("''", "'")
        if code_ogr is None or code_ogr == 0:
            check.fail("code_ogr", row["code_ogr"], "identifiant OGR attendu (un nombre entier positif)")
        elif code_ogr in seen:
            check.fail("code_ogr", row["code_ogr"], "appellation en double dans le fichier")
        if fiche is None or not ROME_CODE.match(fiche):
            check.fail("code_rome", row["code_rome"], "code ROME attendu (ex. H2913)")
        if parent is not None and not ROME_CODE.match(parent):
            check.fail("code_rome_parent", row["code_rome_parent"], "code ROME v3 attendu (ex. H2913)")
        if not label:
            check.fail("libelle_appellation_long", row["libelle_appellation_long"], "intitulé manquant")
        if check.failed:
            continue
        occupation = parent or fiche
        if occupation not in known.rome:
            log.warn(line, "code_rome", occupation, "code ROME absent du référentiel importé : ligne ignorée")
            continue
        seen.add(code_ogr)
        principal = parent is not None and (clean(row.get("classification")) or "").upper() == "PRINCIPALE"
        yield AppellationRow(code_ogr, label, occupation, fiche if parent is not None else "", principal)
