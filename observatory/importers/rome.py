"""France Travail ROME referential: occupation codes and labels, RIASEC interest codes.

Pure Python (no Django): parsing, column mapping and row checks. Registered in
:mod:`observatory.importers.registry`.
"""

from __future__ import annotations

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


def parse_rome(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[RomeRow]:
    """France Travail ``referentiel_code_rome`` (``code_rome, libelle_rome``; ROME v3 or 4.0 codes)."""
    table = Table(stream, filename, log, [Column("code_rome", ("code",)),
                                          Column("libelle_rome", ("libelle", "libellé", "intitule"))])
    seen: set[str] = set()
    for line, row in table:
        check = RowChecker(log, line, row)
        code = parse_code(row["code_rome"])
        label = (clean(row["libelle_rome"]) or "").replace("''", "'")  # ROME v3 files double apostrophes
        if code is None or not ROME_CODE.match(code):
            check.fail("code_rome", row["code_rome"], "code ROME attendu (une lettre et quatre chiffres, ex. H2913)")
            continue
        if not label:
            check.fail("libelle_rome", row["libelle_rome"], "libellé manquant")
            continue
        if code in seen:
            check.fail("code_rome", code, "code ROME en double dans le fichier")
            continue
        seen.add(code)
        yield RomeRow(code, label)


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


