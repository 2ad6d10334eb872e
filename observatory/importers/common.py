"""What every source module shares: the codes already stored (:class:`Known`) and official code shapes.

Pure Python (no Django).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Known:
    """Codes already stored, to validate references (each a set of strings)."""

    territories: set[str] = field(default_factory=set)
    rome: set[str] = field(default_factory=set)
    rome4: set[str] = field(default_factory=set)  # ROME 4.0 fiche codes (Rome4Occupation)
    fap: dict[str, int] = field(default_factory=dict)  # code → level (22, 87, 225)
    naf: set[str] = field(default_factory=set)


ROME_CODE = re.compile(r"^[A-N]\d{4}$")
FAP_CODE = re.compile(r"^[A-Z](?:\d[A-Z](?:\d{2})?)?$")
RIASEC = set("RIASEC")
REGION_CODE = re.compile(r"^\d{2}$")
DEPARTEMENT_CODE = re.compile(r"^(?:\d{2}|2[AB]|97\d)$")
ZONE_EMPLOI_CODE = re.compile(r"^\d{4}$")
NAF_SUBCLASS = re.compile(r"^(\d{2})\.?(\d{2})([A-Z])$")


def fap_level(code: str) -> int:
    """FAP 2009 level from the code's length: ``D`` → 22, ``D2Z`` → 87, ``D2Z40`` → 225."""
    return {1: 22, 3: 87, 5: 225}[len(code)]


def fap_parent(code: str) -> str | None:
    """``D2Z40`` → ``D2Z`` → ``D`` → None."""
    return {5: code[:3], 3: code[:1]}.get(len(code))

