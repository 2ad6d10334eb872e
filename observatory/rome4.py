"""ROME 4.0 → ROME v3 → FAP 2009: how a ROME 4.0 code reaches the Dares figures, and the path it took.

No official ROME 4.0 ↔ FAP crosswalk exists: a 4.0 fiche reaches FAP 2009 only through the ROME v3
fiche it descends from (``code_rome_parent``) and the Dares FAP 2009 ↔ ROME v3 crosswalk, taking
that v3 code's default family (the one a qualified job-seeker is counted in,
``RomeFapLink.is_default``). Each fiche stores the family reached and the path written out, so the
statistician sees, in the admin (« Fiches ROME 4.0 ») and the API, which figure stands for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class FapPath:
    """The FAP 2009 family a ROME 4.0 code reaches (None when the path stops), and the path in words."""

    fap: str | None
    description: str


def fap_path(code: str, parent: str, v3_codes: set[str] | frozenset[str], default_fap: Mapping[str, str]) -> FapPath:
    """``H2917`` with parent ``H2913`` → « H2917 (ROME 4.0) → H2913 (ROME v3) → FAP D2Z42 ».

    Pure: ``v3_codes`` are the imported ROME v3 codes, ``default_fap`` each v3 code's default FAP 225
    family. The path says where it stops: a parent absent from the v3 referential, or a v3 code
    without a family in the crosswalk.
    """
    start = f"{code} (ROME 4.0) → {parent} (ROME v3)"
    if parent not in v3_codes:
        return FapPath(None, f"{start} : fiche v3 absente du référentiel importé, pas de famille FAP")
    family = default_fap.get(parent)
    if family is None:
        return FapPath(None, f"{start} : pas de famille FAP 2009 dans la correspondance Dares")
    return FapPath(family, f"{start} → FAP {family}")


def rebuild_rome4_paths() -> int:
    """Recompute every ROME 4.0 fiche's FAP family and path (after a ROME or FAP ↔ ROME publication)."""
    from observatory.models import FapFamily, Rome4Occupation, RomeFapLink, RomeOccupation

    v3_codes = set(RomeOccupation.objects.values_list("code", flat=True))
    default_fap = dict(RomeFapLink.objects.filter(is_default=True).values_list("rome__code", "fap__code"))
    fap_ids = dict(FapFamily.objects.values_list("code", "pk"))
    changed = []
    for fiche in Rome4Occupation.objects.all():
        path = fap_path(fiche.code, fiche.parent_code, v3_codes, default_fap)
        fap_id = fap_ids.get(path.fap) if path.fap else None
        if (fiche.fap_id, fiche.fap_path) != (fap_id, path.description[:200]):
            fiche.fap_id, fiche.fap_path = fap_id, path.description[:200]
            changed.append(fiche)
    Rome4Occupation.objects.bulk_update(changed, ["fap", "fap_path"], batch_size=500)
    return len(changed)


def rome4_codes_for(v3_codes: list[str]) -> list[str]:
    """The ROME 4.0 fiches descending from these ROME v3 codes (one query), e.g. ``["H2913", "H2917"]``."""
    if not v3_codes:
        return []
    from observatory.models import Rome4Occupation

    return list(Rome4Occupation.objects.filter(parent_code__in=v3_codes).order_by("code")
                .values_list("code", flat=True))
