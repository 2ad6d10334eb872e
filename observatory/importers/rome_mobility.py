"""France Travail ROME 4.0 mobility links (« mobilités professionnelles »): which fiche leads to which.

Pure Python (no Django): parsing, column mapping and row checks. Registered in
:mod:`observatory.importers.registry` as ``rome-mobility``.

The published file ``unix_rubrique_mobilite_v460_utf8.csv`` (ROME 4.0, version 460, September
2025) has three columns, every field double-quoted: ``code_rome`` (the fiche one leaves),
``code_rome_cible`` (the fiche one can move to) and ``numero_ordre`` (the link's position in the
source fiche's list, 1 first; 14,912 links from the 1,584 fiches, 7 to 21 each). Both codes are
ROME 4.0 fiches; a profile reaches them through :attr:`Rome4Occupation.parent_code`. That file
does not say whether a link is a close occupation or an evolution: the type stays empty. The
ROME v3 layout named the type (``code_type_mobilite`` 1 / ``libelle_type_mobilite`` « Proche »,
2 / « Evolution »); a file with such a column has it read, one without has none invented.
ROME v3 files, which link job titles (``code_appellation_source``), are refused: their codes are
v3 codes, not the 4.0 fiches the profiles show.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from .common import ROME_CODE, Known
from .parsing import Column, FileRejected, ProblemLog, RowChecker, Table, clean, normalise_name, parse_code, parse_int
from .rome import rome4_version

#: The type of a link, as stored (:class:`observatory.models.RomeMobility`): « proche » or « evolution »,
#: "" when the file does not say (ROME 4.0 v460).
CLOSE = "proche"
EVOLUTION = "evolution"
_TYPES = {"proche": CLOSE, "1": CLOSE, "evolution": EVOLUTION, "2": EVOLUTION}

MOBILITY_COLUMNS = (
    Column("code_rome", ("code_rome_source",)),
    Column("code_rome_cible", ("code_rome_target",)),
    Column("numero_ordre", ("ordre",), required=False),
    Column("libelle_type_mobilite", ("type_mobilite",), required=False),
    Column("code_type_mobilite", (), required=False),
    # ROME v3 only: its presence tells a file of links between job titles (refused, see the module doc).
    Column("code_appellation_source", (), required=False),
)


@dataclass(frozen=True)
class MobilityRow:
    """One link: from the ROME 4.0 fiche ``source`` to ``target``.

    ``mobility_type`` is :data:`CLOSE`, :data:`EVOLUTION` or "" (not given by the file); ``order``
    the link's position in the source fiche's list (1 first), None when the file has no order;
    ``version`` the referential's version from the file name (« 4.0 v460 »).
    """

    source: str
    target: str
    mobility_type: str
    order: int | None
    version: str


def parse_mobility_type(value: str | None) -> str:
    """« Proche » / « 1 » → ``proche``; « Evolution » / « Évolution » / « 2 » → ``evolution``; empty → ""."""
    text = normalise_name(clean(value) or "")
    if not text:
        return ""
    try:
        return _TYPES[text]
    except KeyError:
        raise ValueError("type de mobilité attendu : « Proche » (1) ou « Evolution » (2)") from None


def parse_rome_mobility(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[MobilityRow]:
    """France Travail ``unix_rubrique_mobilite_v<version>_utf8.csv`` (see the module docstring).

    Refused at the line: a code that is not a ROME code, an order that is not a positive whole
    number, an unknown type, a link given twice (same fiches, same type). Skipped with a warning: a
    link from a fiche to itself, and a fiche absent from the imported ROME 4.0 referential (a newer
    mobility file than the referential). The whole file is refused when no ROME 4.0 referential
    has been imported (every link would be skipped).
    """
    table = Table(stream, filename, log, MOBILITY_COLUMNS)
    if "code_appellation_source" in table.index:
        log.add(table.header_line, "code_appellation_source", None,
                "fichier de mobilités du ROME v3 (liens entre appellations) : importez le fichier du ROME 4.0, "
                "unix_rubrique_mobilite_v4xx_utf8.csv, dont les liens relient des fiches")
        raise FileRejected(log)
    if not known.rome4:
        log.add(None, None, None, "aucune fiche ROME 4.0 importée : importez d'abord le référentiel ROME 4.0 "
                                  "(type rome, unix_referentiel_code_rome_v4xx_utf8.csv)")
        raise FileRejected(log)
    version = rome4_version(filename)
    type_column = next((name for name in ("libelle_type_mobilite", "code_type_mobilite") if name in table.index), None)
    seen: dict[tuple[str, str, str], int] = {}
    for line, row in table:
        check = RowChecker(log, line, row)
        source = parse_code(row["code_rome"])
        target = parse_code(row["code_rome_cible"])
        for column, code in (("code_rome", source), ("code_rome_cible", target)):
            if code is None or not ROME_CODE.match(code):
                check.fail(column, row[column], "code de fiche ROME attendu (une lettre et quatre chiffres, ex. H2913)")
        order = check.get("numero_ordre", parse_int, minimum=1) if "numero_ordre" in table.index else None
        mobility_type = check.get(type_column, parse_mobility_type) if type_column else ""
        if check.failed or source is None or target is None:
            continue
        key = (source, target, mobility_type or "")
        if key in seen:
            check.fail("code_rome_cible", target, f"lien en double dans le fichier (déjà ligne {seen[key]})")
            continue
        seen[key] = line
        if source == target:
            log.warn(line, "code_rome_cible", target, "lien d'une fiche vers elle-même : ligne ignorée")
            continue
        missing = next((code for code in (source, target) if code not in known.rome4), None)
        if missing is not None:
            log.warn(line, "code_rome" if missing == source else "code_rome_cible", missing,
                     "fiche absente du référentiel ROME 4.0 importé : ligne ignorée")
            continue
        yield MobilityRow(source, target, mobility_type or "", order, version)  # type: ignore[arg-type]
