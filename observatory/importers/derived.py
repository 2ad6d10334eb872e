"""Results derived from published data, rebuilt on publication (never computed per request)."""

from __future__ import annotations

from django.db import transaction

from observatory.cache import bump_data_version
from observatory.models import DatasetKind, FapFamily, OccupationTension, RomeFapLink, TensionIndicator

#: Publishing one of these kinds changes which tension row represents a ROME code.
AFFECTS_OCCUPATION_TENSION = {DatasetKind.TENSION, DatasetKind.FAP_ROME, DatasetKind.ROME, DatasetKind.FAP}
#: Publishing one of these kinds changes the ROME 4.0 → v3 → FAP 2009 path of the ROME 4.0 fiches.
AFFECTS_ROME4_PATHS = {DatasetKind.ROME, DatasetKind.FAP_ROME, DatasetKind.FAP}
#: Publishing one of these kinds may make new ROME → BMO métier links possible (added, never overwritten).
AFFECTS_BMO_LINKS = {DatasetKind.BMO, DatasetKind.FAP_ROME}


def rebuild_after_publication(kind: str) -> None:
    """Rebuild what depends on ``kind`` and invalidate cached figures once the transaction commits."""
    if kind in AFFECTS_OCCUPATION_TENSION:
        rebuild_occupation_tension()
    if kind in AFFECTS_ROME4_PATHS:
        from observatory.rome4 import rebuild_rome4_paths

        rebuild_rome4_paths()
    if kind in AFFECTS_BMO_LINKS:
        from observatory.bmo_links import propose_rome_bmo_links

        propose_rome_bmo_links()
    transaction.on_commit(bump_data_version)


def rebuild_occupation_tension() -> int:
    """For each ROME code × territory, the published FAP 225 tension row that represents it.

    The row is that of the code's default family (``RomeFapLink.is_default``: the family a
    qualified job-seeker is counted in), never another family that happens to employ more people;
    the latest year wins. Rows whose category DARES left empty (too few people to measure) are kept
    here and marked as unpublished by their null ``level``: pages rank and badge only published
    categories. Returns the number of rows written.
    """
    romes_by_fap: dict[int, list[int]] = {}
    for rome_id, fap_id in RomeFapLink.objects.filter(is_default=True).values_list("rome_id", "fap_id"):
        romes_by_fap.setdefault(fap_id, []).append(rome_id)
    best: dict[tuple[int, int], tuple[tuple, int, float | None]] = {}
    rows = (TensionIndicator.objects.published().filter(fap__level=FapFamily.Level.DETAILED)
            .values_list("pk", "fap_id", "territory_id", "year", "score").iterator(chunk_size=5000))
    for pk, fap_id, territory_id, year, score in rows:
        rank = (year, -pk)
        for rome_id in romes_by_fap.get(fap_id, ()):
            key = (rome_id, territory_id)
            current = best.get(key)
            if current is None or rank > current[0]:
                best[key] = (rank, pk, score)
    from observatory.importers.service import insert_rows

    OccupationTension.objects.all().delete()
    insert_rows(OccupationTension, ["rome", "territory", "tension", "score"],
                ((rome_id, territory_id, pk, score) for (rome_id, territory_id), (_, pk, score) in best.items()))
    return len(best)
