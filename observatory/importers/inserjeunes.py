"""Ministry of Education, InserJeunes: what apprentices become 6 to 24 months after leaving, by CFA.

``fr-en-inserjeunes-cfa.csv`` (France, UTF-8 with BOM, ``;``, CRLF) and its regional extracts: one row
per apprenticeship centre (``UAI``, the centre's official identifier: 7 digits and a letter) and
cohort (``Année``: ``cumul 2022-2023``, leavers of two school years pooled, all diplomas together).
Columns used: ``Année, UAI, Libellé, Région, Taux emploi 6 mois, Taux emploi 6 mois attendu, VA emploi
6 mois, Taux emploi 12 mois, Taux emploi 18 mois, Taux emploi 24 mois, Taux poursuite études, Part
contrats apprentissage interrompus``. Rates are percentages; an **empty cell** means too few leavers
to publish — kept unknown, never 0. ``VA`` (value added) is the rate minus the rate expected for the
centre's diplomas, trades and local labour market, so it may be negative.

Pure Python (no Django). Registered in :mod:`observatory.importers.registry` as ``inserjeunes-cfa``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from .common import Known
from .parsing import Column, ProblemLog, RowChecker, Table, clean, parse_float

UAI_CODE = re.compile(r"^\d{7}[A-Z]$")
COHORT = re.compile(r"^cumul (\d{4})-(\d{4})$")

#: (column as published, field name, lower bound): rates in %, the value added may be negative.
RATES = (
    ("Taux emploi 6 mois", "employment_6m", 0.0),
    ("Taux emploi 6 mois attendu", "employment_6m_expected", 0.0),
    ("VA emploi 6 mois", "value_added_6m", -100.0),
    ("Taux emploi 12 mois", "employment_12m", 0.0),
    ("Taux emploi 18 mois", "employment_18m", 0.0),
    ("Taux emploi 24 mois", "employment_24m", 0.0),
    ("Taux poursuite études", "further_study", 0.0),
    ("Part contrats apprentissage interrompus", "interrupted", 0.0),
)
OPTIONAL_RATES = {"Taux emploi 18 mois", "Part contrats apprentissage interrompus"}

COLUMNS = (
    Column("Année", ("annee",)),
    Column("UAI", ("uai", "code_uai")),
    Column("Libellé", ("libelle", "nom")),
    Column("Région", ("region",), required=False),
    *(Column(name, (), required=name not in OPTIONAL_RATES) for name, _, _ in RATES),
)


@dataclass(frozen=True)
class CfaOutcomeRow:
    line: int
    uai: str
    label: str
    region: str
    cohort: str  # « cumul 2022-2023 »
    cohort_end_year: int
    rates: dict[str, float | None]  # field name → % (None: not published)


def _rate(value: str | None, lower: float) -> float | None:
    number = parse_float(value)
    if number is None:
        return None
    if not lower <= number <= 100:  # type: ignore[operator]
        raise ValueError(f"pourcentage attendu (de {lower:g} à 100)")
    return number  # type: ignore[return-value]


def parse_inserjeunes_cfa(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[CfaOutcomeRow]:
    """Rows of an InserJeunes CFA file. Refused at their line: a missing column (header line), a UAI
    that is not 7 digits and a letter, a cohort not written ``cumul AAAA-AAAA``, a rate that is not a
    number or outside 0–100, the same UAI twice for one cohort."""
    seen: set[tuple[str, str]] = set()
    for line, row in Table(stream, filename, log, COLUMNS):
        check = RowChecker(log, line, row)
        uai = (clean(row["UAI"]) or "").upper()
        if not UAI_CODE.match(uai):
            check.fail("UAI", row["UAI"], "code UAI attendu (7 chiffres et une lettre, ex. 0594576D)")
        cohort = " ".join((clean(row["Année"]) or "").lower().split())
        match = COHORT.match(cohort)
        if match is None or int(match.group(2)) != int(match.group(1)) + 1:
            check.fail("Année", row["Année"], "cohorte attendue sous la forme « cumul 2022-2023 »")
        rates = {field: check.get(column, _rate, lower) for column, field, lower in RATES}
        if not check.failed:
            if (uai, cohort) in seen:
                check.fail("UAI", uai, f"ligne en double : ce CFA figure déjà pour la cohorte « {cohort} »")
            seen.add((uai, cohort))
        if check.failed:
            continue
        yield CfaOutcomeRow(line, uai, (clean(row["Libellé"]) or uai)[:250], clean(row.get("Région")) or "",
                            cohort, int(match.group(2)), rates)  # type: ignore[union-attr]
