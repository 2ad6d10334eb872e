"""Find an occupation by any of its job titles: the 13,000 ROME appellations lead to their page.

A jobseeker knows « menuisier » or « régleuse », not the ROME code H2201 or the profile's
title. The observatory stores the appellations (``RomeAppellation``); the search itself is
:class:`observatory.job_titles.TitleIndex` (accents, case, either gender and one typo
tolerated), held in memory by each process and rebuilt when the observatory's data version
moves (an import). A title of an industrial occupation leads to its profile; any other says it
is outside industry and links to France Travail's own fiche.
"""

from __future__ import annotations

from dataclasses import dataclass

from careers.logic import FRANCE_TRAVAIL_FICHE_URL, is_industrial_rome_code, parse_rome_codes
from observatory.job_titles import Title, TitleIndex

MAX_QUERY_LENGTH = 100
_memo: dict[str, tuple[int, TitleIndex]] = {}


@dataclass(frozen=True)
class TitleResult:
    """A job title found, and where it leads."""

    label: str
    rome_code: str
    industrial: bool
    url: str  # the profile's page, or France Travail's fiche outside industry
    profile_title: str  # "" outside industry
    exact: bool  # found without a typo


def title_index() -> TitleIndex:
    """Every stored appellation, searchable; built once per process and observatory data version (one query)."""
    from observatory.cache import data_version
    from observatory.models import RomeAppellation

    version = data_version()
    cached = _memo.get("index")
    if cached is not None and cached[0] == version:
        return cached[1]
    rows = RomeAppellation.objects.values_list("code_ogr", "label", "rome_code", "principal", "search_key")
    index = TitleIndex(Title(*row) for row in rows.iterator(chunk_size=5000))
    _memo["index"] = (version, index)
    return index


def profiles_by_code(profiles) -> dict[str, object]:
    """ROME code → the profile that lists it first (else any profile listing it), among ``profiles``."""
    chosen: dict[str, tuple[int, object]] = {}
    for profile in profiles:
        try:
            codes = parse_rome_codes(profile.rome_codes)
        except ValueError:
            continue
        for position, code in enumerate(codes):
            rank = 0 if position == 0 else 1
            if code not in chosen or rank < chosen[code][0]:
                chosen[code] = (rank, profile)
    return {code: profile for code, (_rank, profile) in chosen.items()}


def search_titles(query: str, limit: int = 10, request=None) -> list[TitleResult]:
    """Job titles matching ``query`` with where each leads (two queries: profiles, and the index when cold)."""
    from careers.models import JobProfilePage

    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    if len(query) < 2:
        return []
    matches = title_index().search(query, limit=limit)
    if not matches:
        return []
    profiles = profiles_by_code(JobProfilePage.objects.live().public().only("id", "title", "url_path", "rome_codes"))
    results = []
    for match in matches:
        code = match.title.rome_code
        profile = profiles.get(code)
        if profile is not None:
            results.append(TitleResult(match.title.label, code, True, profile.get_url(request), profile.title,
                                       match.exact))
        else:
            results.append(TitleResult(match.title.label, code, is_industrial_rome_code(code),
                                       FRANCE_TRAVAIL_FICHE_URL.format(code=code), "", match.exact))
    return results
