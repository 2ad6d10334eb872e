"""A page for every industrial occupation: short profiles made from the ROME, for editors to enrich.

``create_occupation_pages`` (command of the same name, also run by the demo) gives each of the
101 industrial ROME v3 occupations without a job profile a **short profile**
(:attr:`careers.models.JobProfilePage.is_short`): its title is the occupation's main ROME job
title, its codes come from the official referentials (RIASEC interests, the FAP family a
qualified job-seeker is counted in), and it has no prose — the page shows the official data
only and says it is a « fiche courte ». Nothing is invented: an editor writes the prose in the
admin when the occupation deserves a full profile.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from careers.logic import INDUSTRIAL_ROME_EXTRA_CODES, page_title_from_label, parse_rome_codes, short_profile_titles


def industrial_occupations():
    """The industrial ROME v3 occupations stored by the observatory (domain H and the extra codes)."""
    from observatory.models import RomeOccupation

    return RomeOccupation.objects.filter(Q(domain="H") | Q(code__in=INDUSTRIAL_ROME_EXTRA_CODES)).order_by("code")


def covered_codes(index) -> set[str]:
    """ROME codes that already have a profile under ``index`` (published or not: never two pages for one code)."""
    from careers.models import JobProfilePage

    codes: set[str] = set()
    for raw in JobProfilePage.objects.child_of(index).values_list("rome_codes", flat=True):
        try:
            codes.update(parse_rome_codes(raw))
        except ValueError:
            continue
    return codes


def _unique_slug(index, base: str) -> str:
    taken = set(index.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def create_occupation_pages(index, *, publish: bool = True) -> list:
    """Create (and publish) a short profile for every industrial occupation without a profile; idempotent.

    Returns the pages created. Four queries for the reference data, then one page at a time
    (Wagtail's tree needs it); about 60 pages in a few seconds.
    """
    from careers.models import JobProfilePage
    from observatory.models import RomeAppellation, RomeFapLink

    missing = [occupation for occupation in industrial_occupations() if occupation.code not in covered_codes(index)]
    if not missing:
        return []
    codes = [occupation.code for occupation in missing]
    titles: dict[str, list[tuple[str, str, str, str, bool]]] = defaultdict(list)
    for row in RomeAppellation.objects.filter(rome_code__in=codes).values_list(
            "rome_code", "label", "masculine", "feminine", "rome4_code", "principal"):
        titles[row[0]].append(row[1:])
    families = dict(RomeFapLink.objects.filter(rome__code__in=codes, is_default=True)
                    .values_list("rome__code", "fap__code"))
    created = []
    with transaction.atomic():
        for occupation in missing:
            label, masculine, feminine = short_profile_titles(occupation.code, occupation.label,
                                                              titles[occupation.code])
            title = page_title_from_label(label)
            page = JobProfilePage(
                title=title[:255], slug=_unique_slug(index, slugify(masculine.replace("'", " ").replace("’", " "))[:80] or occupation.code.lower()),
                title_masculine=masculine[:120], title_feminine=feminine[:120], rome_codes=occupation.code,
                fap_code=families.get(occupation.code, "") if len(families.get(occupation.code, "")) == 5 else "",
                riasec_code=f"{occupation.riasec_major}{occupation.riasec_minor}",
                introduction=f"{occupation.label} (ROME {occupation.code}) : les intitulés, les centres d'intérêt "
                             "et les chiffres officiels de ce métier près de chez vous.",
            )
            index.add_child(instance=page)
            if publish:
                page.save_revision().publish()
            created.append(page)
    return created



def profile_targets_by_code(request=None) -> dict:
    """ROME v3 code → our live profile for it (:class:`careers.mobility.ProfileTarget`), every code listed.

    Read once per content version and process (one query of a hundred-odd short rows, then none
    until an editor publishes): the « Métiers proches » of every profile look their links up here.
    The profile that lists a code first wins (:func:`careers.title_search.profiles_by_code`). The
    address is relative on a single-site install. With the ``request``, Wagtail reads the sites'
    root paths from its memo (``website.site_cache``) rather than from the cache for each of the
    hundred-odd addresses: a hundred Redis round trips on the first profile shown after each
    publication (issue #17).
    """
    from careers.mobility import ProfileTarget
    from careers.models import JobProfilePage
    from careers.title_search import profiles_by_code
    from website.caching import content_version

    def build() -> dict:
        profiles = JobProfilePage.objects.live().public().only("id", "title", "url_path", "rome_codes")
        return {code: ProfileTarget(profile.pk, profile.title, profile.get_url(request))
                for code, profile in profiles_by_code(profiles).items()}

    return content_version.local("profile-targets-by-rome-code", build)


def related_occupations_for(rome_codes: list[str], shown_profile_ids: set[int], request=None) -> dict:
    """« Métiers proches » from the ROME 4.0 mobility links of these ROME v3 codes (one query).

    ``{"close": [...], "evolution": [...], "source": "France Travail, ROME 4.0, version 460"}``, each
    list of :class:`careers.mobility.RelatedOccupation` (rules in :mod:`careers.mobility`); empty lists
    and no source when the observatory holds no links for them (``import_data rome-mobility``).
    One query for the links with their target fiche; our profiles come from
    :func:`profile_targets_by_code`.
    """
    from careers.logic import FRANCE_TRAVAIL_FICHE_URL
    from careers.mobility import MobilityLink, related_occupations, rome_version_label
    from observatory.models import RomeMobility

    empty: dict = {"close": [], "evolution": [], "source": ""}
    if not rome_codes:
        return empty
    rows = list(RomeMobility.objects.filter(source__parent_code__in=rome_codes).values_list(
        "target_id", "target__label", "target__parent_code", "mobility_type", "order", "version"))
    if not rows:
        return empty
    links = [MobilityLink(*row[:5]) for row in rows]
    related = related_occupations(links, rome_codes, profile_targets_by_code(request), shown_profile_ids,
                                  FRANCE_TRAVAIL_FICHE_URL)
    versions = sorted({row[5] for row in rows})
    return {
        "close": [item for item in related if not item.is_evolution],
        "evolution": [item for item in related if item.is_evolution],
        "source": "France Travail, " + ", ".join(rome_version_label(version) for version in versions),
    }
