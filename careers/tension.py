"""Labour-shortage ("tension") levels for job profiles, read from the observatory.

Indicators are precomputed by the observatory at import time; this module only asks
for them in bulk (a few queries for any number of profiles). A profile shows its own
family's figure: the FAP family an editor set on it, else the default family of its
first ROME code (the one a qualified job-seeker is counted in) — never the highest level
found among its codes, nor a family that merely shares one of them.
"""

from __future__ import annotations

from collections.abc import Iterable

from observatory.services import tensions_for_families
from observatory.territory import get_visitor_territory

# DARES levels 4 and 5 ("forte", "très forte"): what /metiers/ calls "recrute fortement ici".
HIGH_TENSION_LEVEL = 4


def visitor_territory(request):
    """The territory the visitor chose (cookie ``territoire``) or the site's default (the region)."""
    return get_visitor_territory(request)


def profile_family(profile) -> tuple[str, str] | None:
    """``(ROME code, FAP code)`` whose figure a profile shows (empty FAP: the code's default family)."""
    codes = profile.get_rome_codes()
    if not codes:
        return None
    return codes[0], (profile.fap_code or "").upper()


def profile_tensions(profiles: Iterable, territory) -> dict:
    """``{profile pk: TensionSummary}`` for each profile's own family in ``territory`` (one bulk lookup)."""
    profiles = list(profiles)
    if territory is None or not profiles:
        return {}
    families = {profile.pk: profile_family(profile) for profile in profiles}
    summaries = tensions_for_families([family for family in families.values() if family], territory)
    return {pk: summaries[family] for pk, family in families.items() if family in summaries}


def published_place(tensions: Iterable, territory):
    """The territory whose published levels a « recrute fortement ici » count or a « près de chez
    vous » ranking uses: the visitor's own when DARES published levels for it, else the nearest
    enclosing one that has some (DARES publishes nothing by zone d'emploi: its département answers).

    One level for the whole list: a profile whose level was carried up from a larger territory is
    not counted as recruiting "here" (its card still shows that level, and says where it comes from).
    None when no level is published anywhere in the visitor's chain.
    """
    if territory is None:
        return None
    present = {tension.territory.pk for tension in tensions if tension is not None}
    return next((place for place in territory.ancestors() if place.pk in present), None)


def published_for(tension, place) -> bool:
    """True when ``tension`` is the level published for ``place`` itself (not carried up from a parent)."""
    return tension is not None and place is not None and tension.territory.pk == place.pk


def is_high_at(tension, place) -> bool:
    """True when ``tension`` is a level 4 or 5 published for ``place`` itself."""
    return published_for(tension, place) and tension.level is not None and tension.level >= HIGH_TENSION_LEVEL
