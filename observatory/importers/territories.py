"""INSEE official geographic code (COG): régions, départements, zones d'emploi.

Pure Python (no Django): parsing, column mapping and row checks. Registered in
:mod:`observatory.importers.registry`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from .common import (
    DEPARTEMENT_CODE,
    REGION_CODE,
    ZONE_EMPLOI_CODE,
    Known,
)
from .parsing import (
    Column,
    ProblemLog,
    RowChecker,
    Table,
    clean,
    normalise_name,
    parse_code,
    read_header,
)


@dataclass(frozen=True)
class TerritoryRow:
    level: str
    code: str
    name: str
    parent_key: str | None

    @property
    def key(self) -> str:
        prefix = {"region": "REG", "departement": "DEP", "zone_emploi": "ZE"}
        return "FR" if self.level == "nation" else f"{prefix[self.level]}-{self.code}"


_LEVEL_NAMES = {"nation": "nation", "france": "nation", "region": "region", "reg": "region",
                "departement": "departement", "dep": "departement", "zone_emploi": "zone_emploi",
                "zone d'emploi": "zone_emploi", "ze": "zone_emploi"}


def parse_territories(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[TerritoryRow]:
    """INSEE COG files: régions (``REG, LIBELLE``), départements (``DEP, REG, LIBELLE``), zones d'emploi
    (``ZE2020, LIBZE2020, REG``), or the generic ``niveau, code, libelle, parent`` format.

    The nation (``FR``) is implied as the parent of every region.
    """
    header = {normalise_name(cell) for cell in read_header(stream, filename)}
    seen = set(known.territories)
    if "dep" in header:
        columns = [Column("DEP", ()), Column("REG", ()), Column("LIBELLE", ("nccenr",))]
        level, code_col, parent_level = "departement", "DEP", "region"
    elif any(re.fullmatch(r"ze(20\d\d)?", name) for name in header):
        columns = [Column("ZE", (), pattern=r"ze(20\d\d)?"), Column("LIBELLE", (), pattern=r"libze(20\d\d)?|libelle"),
                   Column("REG", ())]
        level, code_col, parent_level = "zone_emploi", "ZE", "region"
    elif "reg" in header:
        columns = [Column("REG", ()), Column("LIBELLE", ("nccenr",))]
        level, code_col, parent_level = "region", "REG", "nation"
    else:
        columns = [Column("niveau", ("level",)), Column("code", ()), Column("libelle", ("nom", "name", "libellé")),
                   Column("parent", (), required=False)]
        level, code_col, parent_level = "", "code", ""
    table = Table(stream, filename, log, columns)
    if (level == "region" or not level) and "FR" not in seen:
        seen.add("FR")
        yield TerritoryRow("nation", "FR", "France", None)
    for line, row in table:
        check = RowChecker(log, line, row)
        row_level = level
        if not level:
            row_level = _LEVEL_NAMES.get(normalise_name(row["niveau"]), "")
            if not row_level:
                check.fail("niveau", row["niveau"], "niveau attendu : region, departement ou zone_emploi")
                continue
        width = {"region": 2, "departement": 2}.get(row_level, 0)
        code = parse_code(row[code_col], width)
        pattern = {"region": REGION_CODE, "departement": DEPARTEMENT_CODE, "zone_emploi": ZONE_EMPLOI_CODE,
                   "nation": re.compile("^FR$")}[row_level]
        if code is None or not pattern.match(code):
            check.fail(code_col, row[code_col], f"code {row_level.replace('_', ' ')} INSEE invalide")
            continue
        name = clean(row["LIBELLE" if level else "libelle"])
        if not name:
            check.fail("LIBELLE" if level else "libelle", "", "libellé manquant")
            continue
        if level:
            parent_key = "FR" if parent_level == "nation" else f"REG-{parse_code(row['REG'], 2)}"
        else:
            parent_key = clean(row.get("parent")) or ("FR" if row_level == "region" else None)
            if row_level == "nation":
                parent_key = None
        if parent_key is not None and parent_key not in seen:
            check.fail("REG" if level else "parent", parent_key, "territoire parent inconnu (importez-le d'abord)")
            continue
        territory = TerritoryRow(row_level, code, name, parent_key)
        seen.add(territory.key)
        yield territory


