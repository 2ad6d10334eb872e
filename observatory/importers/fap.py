"""DARES FAP 2009 families (SAS format or CSV) and the FAP 2009 ↔ ROME v3 crosswalk.

Pure Python (no Django): parsing, column mapping and row checks. Registered in
:mod:`observatory.importers.registry`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from .common import (
    FAP_CODE,
    ROME_CODE,
    Known,
    fap_level,
    fap_parent,
)
from .parsing import (
    Column,
    ProblemLog,
    RowChecker,
    Table,
    clean,
    iter_text_lines,
    parse_code,
)

_SAS_VALUE = re.compile(r'^\s*((?:"[^"]*"\s*,\s*)*"[^"]*")\s*=\s*"([^"]*)"')


def _sas_lines(stream: IO[bytes], filename: str, log: ProblemLog) -> Iterator[tuple[int, str]]:
    """Lines of a SAS ``proc format`` text file (encoding detected like a CSV)."""
    yield from iter_text_lines(stream, filename, log)


def _looks_like_sas(stream: IO[bytes]) -> bool:
    position = stream.tell()
    head = stream.read(4096)
    stream.seek(position)
    return b"value" in head.lower() or bool(re.search(rb'"\s*=\s*\t?\s*"', head))


@dataclass(frozen=True)
class FapRow:
    code: str
    label: str
    level: int
    parent_code: str | None


def parse_fap(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[FapRow]:
    """FAP 2009 labels: DARES' SAS format file (``intitule_fap2009.txt``: ``"D2Z"="D2Z : Ouvriers…"``)
    or a CSV ``code, libelle``. Levels and parents follow from the codes' length."""
    rows: list[tuple[int, str, str]] = []
    if _looks_like_sas(stream):
        for line, text in _sas_lines(stream, filename, log):
            match = _SAS_VALUE.match(text)
            if not match:
                continue
            code = match.group(1).strip('"')
            label = match.group(2)
            if code in {"A_Z", "AGR", "BTP", "IND", "TER"} or "," in match.group(1):
                continue  # the "all families" and 4 broad groups are not FAP levels
            label = re.sub(r"^\s*\S+\s*:\s*", "", label).strip()
            rows.append((line, code, label))
    else:
        table = Table(stream, filename, log, [Column("code", ("fap", "code_fap")),
                                              Column("libelle", ("libellé", "intitule", "label"))])
        for line, row in table:
            rows.append((line, parse_code(row["code"]) or "", clean(row["libelle"]) or ""))
    seen: set[str] = set(known.fap)
    for line, code, label in rows:
        if not FAP_CODE.match(code):
            log.add(line, "code", code, "code FAP 2009 attendu (ex. D, D2Z ou D2Z40)")
            continue
        if not label:
            log.add(line, "libelle", label, "libellé manquant")
            continue
        parent = fap_parent(code)
        if parent is not None and parent not in seen:
            log.add(line, "code", code, f"famille parente {parent} absente (elle doit précéder ses sous-familles)")
            continue
        if code in seen and code not in known.fap:
            log.add(line, "code", code, "code FAP en double dans le fichier")
            continue
        seen.add(code)
        yield FapRow(code, label, fap_level(code), parent)


@dataclass(frozen=True)
class FapRomeRow:
    """One FAP 225 family reached from one ROME code.

    ``qualifications``: the job-seeker qualification digits (France Travail's codes, the crosswalk's
    6th character) that lead to this family, sorted; empty when the source gives none (every level).
    """

    fap: str
    rome: str
    qualifications: str = ""


def parse_fap_rome(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[FapRomeRow]:
    """The FAP 2009 ↔ ROME v3 crosswalk: SAS format (``"A1201","A1205" = "A0Z42"``, where a 6th digit
    is the job-seeker's qualification: ``"H29131" = "D3Z20"`` but ``"H29133" = "D2Z42"``) or DARES'
    CSV ``Fap;Rome;intitule_rome`` (``NA`` for families without a ROME code, skipped). The digits are
    kept per pair so that each ROME code's family for a qualified job-seeker can be told
    (``observatory.tension.family_for_qualified_jobseeker``)."""
    pairs: list[tuple[int, str, str, str]] = []  # line, fap, rome, qualification digit ("" if none)
    if _looks_like_sas(stream):
        for line, text in _sas_lines(stream, filename, log):
            match = _SAS_VALUE.match(text)
            if not match:
                continue
            fap = match.group(2).strip()
            if fap == "ZZZZZ":
                continue
            for code in re.findall(r'"([^"]*)"', match.group(1)):
                code = code.strip()
                pairs.append((line, fap, code[:5], code[5:6]))
    else:
        table = Table(stream, filename, log, [Column("fap", ("fap225", "code_fap")), Column("rome", ("code_rome",))])
        for line, row in table:
            rome = parse_code(row["rome"])
            if rome is None:
                continue  # a family without ROME code (written NA)
            pairs.append((line, parse_code(row["fap"]) or "", rome, ""))
    digits: dict[tuple[str, str], set[str] | None] = {}  # None: every qualification level
    for line, fap, rome, digit in pairs:
        if known.fap.get(fap) != 225:
            log.add(line, "fap", fap, "famille FAP 225 inconnue (importez d'abord les FAP)")
            continue
        if not ROME_CODE.match(rome):
            log.add(line, "rome", rome, "code ROME attendu (ex. H2913)")
            continue
        if digit and digit not in "0123456789":
            log.add(line, "rome", rome + digit, "6e caractère attendu : un chiffre de qualification (0 à 9)")
            continue
        if rome not in known.rome:
            log.warn(line, "rome", rome, "code ROME absent du référentiel importé : correspondance ignorée")
            continue
        found = digits.setdefault((fap, rome), set())
        if not digit:
            digits[(fap, rome)] = None
        elif found is not None:
            found.add(digit)
    for (fap, rome), found in digits.items():
        yield FapRomeRow(fap, rome, "".join(sorted(found or ())))




# --- FAP 2021 ----------------------------------------------------------------------------------

FAP2021_LEVELS = (22, 86, 228, 341)
FAP2021_CODE = re.compile(r"^[A-Z](?:[A-Z0-9][A-Z](?:\d{2}[a-z]?)?)?$")


@dataclass(frozen=True)
class Fap2021Row:
    code: str
    label: str
    level: int
    parent_code: str | None


def parse_fap2021(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[Fap2021Row]:
    """DARES ``Intitules_FAP2021.csv``: one line per detailed family with its chain,
    ``Code_FAP341;Intitulé_FAP341;Code_FAP228;Intitulé_FAP228;Code_FAP86;Intitulé_FAP86;Code_FAP22;Intitulé_FAP22``.

    Each family is yielded once, parents first. A detailed family whose code is its parent's
    (``A0X40`` at 341 and 228 families) is the same family: yielded once, at the upper level.
    """
    columns = []
    for level in FAP2021_LEVELS:
        columns += [Column(f"Code_FAP{level}", ()), Column(f"Intitulé_FAP{level}", (f"intitule_fap{level}",))]
    seen: set[str] = set()
    for line, row in Table(stream, filename, log, columns):
        check = RowChecker(log, line, row)
        chain = []
        for level in FAP2021_LEVELS:
            raw = clean(row[f"Code_FAP{level}"]) or ""
            code = raw[:5].upper() + raw[5:]
            label = clean(row[f"Intitulé_FAP{level}"]) or ""
            if not FAP2021_CODE.match(code):
                check.fail(f"Code_FAP{level}", raw, "code FAP 2021 attendu (ex. A, A0X, A0X41 ou A0X41a)")
            elif not label:
                check.fail(f"Intitulé_FAP{level}", "", "libellé manquant")
            chain.append((code, label, level))
        if check.failed:
            continue
        for position, (code, label, level) in enumerate(chain):
            parent = chain[position - 1][0] if position else None
            if code not in seen and code != parent:
                seen.add(code)
                yield Fap2021Row(code, label, level, parent if parent != code else None)
