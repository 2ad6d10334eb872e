"""Labour-shortage ("tension") levels for job profiles, read from the observatory.

Indicators are precomputed by the observatory at import time; this module only asks
for them in bulk (a few queries for any number of profiles) and picks, for a profile
with several ROME codes, the most telling one (the highest level).
"""

from __future__ import annotations

from collections.abc import Iterable

from observatory.services import tensions_for_occupations
from observatory.territory import get_visitor_territory

# DARES levels 4 and 5 ("forte", "très forte"): what /metiers/ calls "recrute fortement ici".
HIGH_TENSION_LEVEL = 4


def visitor_territory(request):
    """The territory the visitor chose (cookie ``territoire``) or the site's default (the region)."""
    return get_visitor_territory(request)


def _level(summary) -> int:
    return summary.level if summary is not None and summary.level is not None else 0


def profile_tensions(profiles: Iterable, territory) -> dict:
    """``{profile pk: TensionSummary}`` for the profiles' ROME codes in ``territory`` (one bulk lookup)."""
    profiles = list(profiles)
    if territory is None or not profiles:
        return {}
    codes = sorted({code for profile in profiles for code in profile.get_rome_codes()})
    by_code = tensions_for_occupations(codes, territory)
    result = {}
    for profile in profiles:
        summaries = [by_code[code] for code in profile.get_rome_codes() if by_code.get(code) is not None]
        if summaries:
            result[profile.pk] = max(summaries, key=_level)
    return result
