"""Proposes which BMO métier each ROME occupation shows (:class:`~observatory.models.RomeBmoLink`).

Run after every publication of a BMO survey or of the ROME ↔ FAP 2009 crosswalk. Only links
that are missing are added: a link a statistician edited, checked or deleted-and-replaced stays as
it is (delete a link to have it proposed again).

- FAP 2009 (BMO up to 2023): the ROME code's family in the official crosswalk — its default
  family first (the one a qualified job-seeker is counted in), else its other families by code —
  when the survey has a métier of that code. Official, so marked checked.
- FAP 2021 (BMO from 2024): the FAP 2021 métier matched to that FAP 2009 métier
  (:func:`observatory.importers.bmo.match_fap2021_metiers`), unchecked: the statistician's list
  « Liens métiers ROME → métiers BMO » shows them for checking.
"""

from __future__ import annotations

from observatory.importers.bmo import match_fap2021_metiers
from observatory.models import BmoOccupation, FapNomenclature, RomeBmoLink, RomeFapLink


def propose_rome_bmo_links() -> int:
    """Add the missing links; returns how many were added."""
    occupations: dict[str, dict[str, BmoOccupation]] = {FapNomenclature.FAP2009: {}, FapNomenclature.FAP2021: {}}
    for occupation in BmoOccupation.objects.all():
        occupations.setdefault(occupation.nomenclature, {})[occupation.code] = occupation
    existing = set(RomeBmoLink.objects.values_list("rome_id", "occupation__nomenclature"))
    families: dict[int, list[tuple[bool, str]]] = {}
    for rome_id, code, is_default in RomeFapLink.objects.values_list("rome_id", "fap__code", "is_default"):
        families.setdefault(rome_id, []).append((not is_default, code))
    old = occupations[FapNomenclature.FAP2009]
    added = []
    for rome_id, candidates in families.items():
        if (rome_id, FapNomenclature.FAP2009) in existing:
            continue
        code = next((code for _, code in sorted(candidates) if code in old), None)
        if code is not None:
            added.append(RomeBmoLink(rome_id=rome_id, occupation=old[code], method=RomeBmoLink.Method.CROSSWALK,
                                     checked=True))
    RomeBmoLink.objects.bulk_create(added)
    new = occupations[FapNomenclature.FAP2021]
    matches = match_fap2021_metiers({code: occupation.label for code, occupation in old.items()},
                                    {code: occupation.label for code, occupation in new.items()})
    existing = set(RomeBmoLink.objects.values_list("rome_id", "occupation__nomenclature"))
    proposed = []
    for rome_id, code in (RomeBmoLink.objects.filter(occupation__nomenclature=FapNomenclature.FAP2009)
                          .values_list("rome_id", "occupation__code")):
        if (rome_id, FapNomenclature.FAP2021) in existing or code not in matches:
            continue
        new_code, method = matches[code]
        proposed.append(RomeBmoLink(rome_id=rome_id, occupation=new[new_code], method=method, checked=False,
                                    note=f"proposé depuis le métier FAP 2009 {code} « {old[code].label} »"[:250]))
    RomeBmoLink.objects.bulk_create(proposed)
    return len(added) + len(proposed)
