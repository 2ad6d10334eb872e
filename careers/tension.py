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
