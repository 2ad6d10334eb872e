"""Labour-shortage ("tension") levels for job profiles, read from the observatory.

Indicators are precomputed by the observatory at import time; this module only asks
for them in bulk (a few queries for any number of profiles) and picks, for a profile
with several ROME codes, the most telling one (the highest level).
"""

from __future__ import annotations

from collections.abc import Iterable

# DARES levels 4 and 5 ("forte", "très forte"): what /metiers/ calls "recrute fortement ici".
HIGH_TENSION_LEVEL = 4


def visitor_territory(request):
    """The territory the visitor chose (or the site's default), from the observatory."""
    try:
        from observatory.territory import get_visitor_territory
    except ImportError:  # observatory services not merged yet on this branch
        return None
    return get_visitor_territory(request)


def _level(summary) -> int:
    return summary.level if summary is not None and summary.level is not None else 0


def profile_tensions(profiles: Iterable, territory) -> dict:
    """``{profile pk: TensionSummary}`` for the profiles' ROME codes in ``territory`` (bulk lookup)."""
    profiles = list(profiles)
    if territory is None or not profiles:
        return {}
    try:
        from observatory.services import tensions_for_occupations
    except ImportError:
        return {}
    codes = sorted({code for profile in profiles for code in profile.get_rome_codes()})
    by_code = tensions_for_occupations(codes, territory)
    result = {}
    for profile in profiles:
        summaries = [by_code[code] for code in profile.get_rome_codes() if by_code.get(code) is not None]
        if summaries:
            result[profile.pk] = max(summaries, key=_level)
    return result
