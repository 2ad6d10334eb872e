"""What each career page shows, gathered in a bounded number of queries.

Page models call these from ``get_context``; keeping them here keeps the models readable
and lets tests count the queries of each page type.
"""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass

import segno
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page

from careers.logic import (
    FRANCE_TRAVAIL_FICHE_URL,
    RIASEC,
    SHORT_PATH_LEVELS,
    json_for_script,
    occupation_json_ld,
    riasec_letters,
)
from careers.occupations import related_occupations_for
from careers.tension import is_high_at, profile_tensions, published_for, published_place, visitor_territory
from observatory.apprentices import cfa_outcomes
from observatory.rome4 import rome4_codes_for
from observatory.services import filiere_figures
from observatory.territory import within
from website.caching import content_version

TESTIMONIALS_PER_PAGE = 4
COMPANIES_PER_PAGE = 6


def near_filter(prefix: str, territory) -> Q:
    """Rows whose territory (at ``prefix``) is ``territory`` or lies inside it (up to two levels down)."""
    if territory is None:
        return Q()
    return (Q(**{prefix: territory}) | Q(**{f"{prefix}__parent": territory})
            | Q(**{f"{prefix}__parent__parent": territory}))


def published_testimonials():
    """Testimonials that may be shown: live, with a recorded consent (see ``Testimonial``)."""
    from careers.models import Testimonial

    return (Testimonial.objects.live().filter(consent_date__isnull=False)
            .select_related("company", "portrait").prefetch_related("portrait__renditions"))


@functools.lru_cache(maxsize=1024)
def qr_code_svg(url: str) -> str:
    """An inline SVG QR code pointing to ``url``, for the printed sheet (drawn server-side, no script).

    A pure function of the address, remembered per process: drawing it cost ~45 ms of every job
    profile rendered (issue #17), and a page's address changes only when it moves. Bounded (a few
    KB per profile address; the site has about a hundred profiles).
    """
    qr = segno.make(url, error="m")
    return mark_safe(qr.svg_inline(scale=3, border=2, title=_("QR code vers %(url)s") % {"url": url}))


def training_near(job_profile_ids: list[int], territory, limit: int | None = None, **filters):
    """Published providers' programmes for these profiles in ``territory`` (or everywhere when it is None)."""
    from careers.models import TrainingProgramme

    # The rows of a provider never published are the agency's draft (live=False); a published
    # provider's rows are its published version, its pending changes being in revisions.
    programmes = (TrainingProgramme.objects.filter(provider__live=True, job_profile_id__in=job_profile_ids, **filters)
                  .filter(near_filter("provider__territory", territory))
                  .select_related("provider", "provider__territory", "job_profile")
                  .order_by("provider__name", "sort_order"))
    programmes = list(programmes[:limit] if limit else programmes)
    # An apprenticeship centre (provider with a UAI) shows its apprentices' published employment rate
    # 6 months after leaving (InserJeunes) on its apprenticeship programmes: one query for the list.
    outcomes = cfa_outcomes(programme.provider.uai for programme in programmes if programme.apprenticeship)
    for programme in programmes:
        programme.cfa_outcome = outcomes.get(programme.provider.uai) if programme.apprenticeship else None
    return programmes


#: Programmes listed from the whole region when none is near the visitor.
TRAINING_FALLBACK = 6
EVENTS_PER_PAGE = 3


@dataclass(frozen=True)
class ProfileLists:
    """What a job profile lists the same way for every visitor, before the visitor's territory orders it.

    ``events``: the events linked to the profile that were not over when this was read, soonest first;
    each request drops those over since.
    """

    related: list
    companies: list
    training: list
    events: list


def profile_lists(page, request) -> ProfileLists:
    """The profile's related profiles, companies (A→Z), training programmes and upcoming events.

    Read once per content version (a publication, a saved snippet or an observatory import moves
    it) and kept in each process's memory: these seven queries were most of
    a profile's time when its other parts are kept as fragments (issue #17). A preview reads them
    afresh: it shows the editor's unsaved relations.
    """
    from careers.models import Company, JobProfilePage

    def build() -> ProfileLists:
        related = list(JobProfilePage.objects.filter(pk__in=[r.pk for r in page.related_profiles.all()])
                       .live().public().select_related("hero_image")
                       .prefetch_related("hero_image__renditions", "ways_in"))
        companies = list(Company.objects.live().filter(job_profiles=page).select_related("territory", "logo")
                         .prefetch_related("logo__renditions").order_by("name"))
        return ProfileLists(related=related, companies=companies, training=training_near([page.pk], None),
                            events=page.upcoming_events(limit=None))

    if not page.pk or getattr(request, "is_preview", False):
        return build()
    return content_version.recent(f"careers:profile-lists:{page.pk}", build)


def _near_first_events(events: list, territory) -> list:
    """The next :data:`EVENTS_PER_PAGE` events not over, those in ``territory`` (or inside it) first.

    The rule of ``EventPageQuerySet.upcoming().near_first()`` (schools), applied to the kept list:
    each event is flagged ``is_near`` on a copy, except for a regional or national visitor (every
    event is in the region).
    """
    now = timezone.now()
    upcoming = [event for event in events if event.end >= now]
    if territory is None or territory.level in ("region", "nation"):
        return upcoming[:EVENTS_PER_PAGE]
    is_near = within(territory, levels_down=3)
    flagged = []
    for event in upcoming:
        event = copy.copy(event)
        event.is_near = is_near(event.territory_id)
        flagged.append(event)
    flagged.sort(key=lambda event: not event.is_near)  # stable: soonest first within each group
    return flagged[:EVENTS_PER_PAGE]


def profile_context(page, request, editorial: bool = True) -> dict:
    """Everything a job profile shows besides its own fields.

    ``editorial=False``: only what depends on the visitor's territory (tension, related profiles'
    cards, companies in their order, training, events), for a request whose other parts are kept
    as fragments (``JobProfilePage.get_context``, ``PROFILE_FRAGMENTS``). The lists themselves come
    from :func:`profile_lists`; the visitor's territory only filters and orders them, on copies.
    """
    territory = visitor_territory(request)
    if page.pk and editorial:
        # One query for the ways in, reused by every helper the template calls.
        prefetch_related_objects([page], "ways_in")
    lists = profile_lists(page, request)
    tensions = profile_tensions([page, *lists.related], territory)
    tension = tensions.get(page.pk)
    related = []
    for profile in lists.related:
        profile = copy.copy(profile)
        profile.tension = tensions.get(profile.pk)
        related.append(profile)
    companies = list(lists.companies)
    if territory is not None:  # local companies first (same rule as ``near_filter``, from the cached territories)
        is_near = within(territory)
        companies = [copy.copy(company) for company in companies]
        for company in companies:
            company.is_local = is_near(company.territory_id)
        companies.sort(key=lambda c: (not c.is_local, c.name))
    training = lists.training
    training_is_fallback = False
    if territory is not None:
        is_near = within(territory)
        training = [programme for programme in lists.training if is_near(programme.provider.territory_id)]
        if not training:
            training = lists.training[:TRAINING_FALLBACK]
            training_is_fallback = bool(training)
    events = _near_first_events(lists.events, territory)
    context = {
        "territory": territory,
        "tension": tension,
        "related_profiles": related,
        "companies": companies[:COMPANIES_PER_PAGE],
        "training": training,
        "training_is_fallback": training_is_fallback,
        "events": events,
        # What the territory's parts of the page show besides the page, the content and the data
        # (the versions): they are kept as fragments under it (``job_profile_page.html``). The day,
        # for the training's « prochaine rentrée »; the events, which leave the list when over.
        "local_vary": (territory.key if territory is not None else None, timezone.localdate().isoformat(),
                       tuple((event.pk, getattr(event, "is_near", None)) for event in events)),
    }
    if editorial:
        context.update(_profile_editorial_context(page, request, related))
    return context


def _profile_editorial_context(page, request, related: list) -> dict:
    """What a job profile shows the same in every territory (kept as fragments between publications)."""
    ways_in = list(page.ways_in.all())
    titles = job_titles(page.get_rome_codes())
    site_settings = _site_settings(request)
    # With the request: Wagtail then reads the sites' root paths from the request's memo, not the cache.
    full_url = page.get_full_url(request) or ""
    json_ld = occupation_json_ld(
        name=page.title, url=full_url, description=page.introduction,
        alternate_names=[page.title_masculine, page.title_feminine, *titles[:20]],
        rome_codes=page.get_rome_codes(),
        education=[way.title for way in ways_in], skills=strip_tags(page.skills),
        responsibilities=strip_tags(page.missions), region=site_settings.region_name if site_settings else "",
        # Only the ranges an editor gave for the region: the DARES median is national, and the
        # Occupation's location is the region, so exporting it here would relabel it.
        starting_salary=page.starting_salary, experienced_salary=page.experienced_salary,
    )
    riasec_labels = dict(RIASEC)
    return {
        "job_titles": titles,
        # The ROME 4.0 fiches descending from the profile's v3 codes (France Travail's referential since 2024).
        "rome4_codes": rome4_codes_for(page.get_rome_codes()),
        "interests": [riasec_labels[letter] for letter in riasec_letters(page.riasec_code)],
        "france_travail_links": [(code, FRANCE_TRAVAIL_FICHE_URL.format(code=code)) for code in page.get_rome_codes()],
        "family_figures": family_figures(page.fap_code),
        "filieres": [f for f in page.filieres.all() if f.live],
        "ways_in": ways_in,
        # ROME 4.0 mobility links, after the editors' picks and without repeating them (careers.mobility).
        "related_occupations": related_occupations_for(page.get_rome_codes(), {page.pk, *(p.pk for p in related)},
                                                       request),
        "testimonials": list(published_testimonials().filter(job_profiles=page)[:TESTIMONIALS_PER_PAGE]),
        "page_tags": list(page.tags.all()),
        "json_ld": mark_safe(json_for_script(json_ld)),
        "full_url": full_url,
        "qr_code": qr_code_svg(full_url or request.build_absolute_uri()),
    }


def job_titles(rome_codes: list[str]) -> list[str]:
    """The ROME job titles (appellations) of these occupations, main titles first, then A→Z (one query).

    Both genders in one label, as France Travail writes them (« Soudeur / Soudeuse à la flamme »).
    """
    if not rome_codes:
        return []
    from observatory.models import RomeAppellation

    rows = (RomeAppellation.objects.filter(rome_code__in=rome_codes)
            .order_by("-principal", "label").values_list("label", flat=True))
    return list(dict.fromkeys(rows))


def family_figures(fap_code: str) -> dict:
    """The DARES median salary and share of women of a profile's FAP family, from the observatory (one query).

    National figures (France; DARES « Portrait statistique des métiers », 3-year periods): the
    detailed family (FAP 225) where the file has it, else its aggregated family (FAP 87), marked
    ``is_broader_family``; see :func:`observatory.services.family_statistics`.
    """
    from observatory.services import family_statistics

    return family_statistics(fap_code)


def _site_settings(request):
    from website.models import SiteSettings

    try:
        return SiteSettings.for_request(request)
    except Exception:
        return None


def filiere_context(page, request) -> dict:
    """A filière's occupations (those that recruit first), companies, testimonials, articles, key figures."""
    from careers.models import ArticlePage, JobProfilePage

    territory = visitor_territory(request)
    if page.pk is None:  # a preview of a filière not saved yet: nothing is linked to it
        return {"territory": territory, "profiles": [], "recruiting_profiles": [], "recruiting_place": None,
                "tension_source": None, "companies": [], "testimonials": [], "articles": [],
                "key_figures": _filiere_figures(page.observatory_slug, territory)}
    profiles = list(JobProfilePage.objects.live().public().filter(filieres=page).select_related("hero_image")
                    .prefetch_related("hero_image__renditions", "ways_in").order_by("title"))
    tensions = profile_tensions(profiles, territory)
    place = published_place(tensions.values(), territory)
    for profile in profiles:
        profile.tension = tensions.get(profile.pk)
    # Ranked by the levels published for one territory only; the others follow, by title.
    profiles.sort(key=lambda p: (-(p.tension.level or 0) if published_for(p.tension, place) else 0, p.title))
    recruiting = [p for p in profiles if is_high_at(p.tension, place)]
    companies = list(page.companies.live().select_related("territory", "logo").prefetch_related("logo__renditions")
                     .order_by("name"))
    testimonials = list(
        published_testimonials().filter(Q(job_profiles__in=[p.pk for p in profiles])
                                        | Q(company__filiere=page, company__live=True))
        .distinct()[:TESTIMONIALS_PER_PAGE]
    )
    articles = list(ArticlePage.objects.live().public().filter(filieres=page).select_related("hero_image")
                    .prefetch_related("hero_image__renditions").order_by("-date")[:3])
    return {
        "territory": territory,
        "profiles": profiles,
        "recruiting_profiles": recruiting,
        "recruiting_place": place,
        "tension_source": next(iter(tensions.values()), None),
        "companies": companies,
        "testimonials": testimonials,
        "articles": articles,
        "key_figures": _filiere_figures(page.observatory_slug, territory),
    }


def _filiere_figures(slug: str, territory):
    """The observatory's key figures for the filière (sector vs filière employment), or None."""
    return filiere_figures(slug, territory)


def jobseeker_context(page, request) -> dict:
    """Jobs that recruit near the visitor, jobs reachable quickly, and training filtered by the visitor."""
    from careers.models import JobProfilePage

    territory = visitor_territory(request)
    profiles = list(JobProfilePage.objects.live().public().select_related("hero_image")
                    .prefetch_related("hero_image__renditions", "ways_in").order_by("title"))
    tensions = profile_tensions(profiles, territory)
    place = published_place(tensions.values(), territory)
    for profile in profiles:
        profile.tension = tensions.get(profile.pk)
    # One territory's published levels only: a level carried up from a larger territory is not
    # a local one and is not ranked with them (the method page promises it).
    recruiting = sorted((p for p in profiles if published_for(p.tension, place) and p.tension.level),
                        key=lambda p: (-p.tension.level, -(p.tension.score or 0), p.title))[:8]
    quick = [p for p in profiles if any(way.level in SHORT_PATH_LEVELS for way in p.ways_in.all())]
    no_diploma = [p for p in quick if any(way.level == "sans-diplome" for way in p.ways_in.all())]

    filters = {}
    level = request.GET.get("formation", "")
    if level == "courte":
        filters["level__in"] = sorted(SHORT_PATH_LEVELS)
    else:
        level = ""
    funded = request.GET.get("financement", "") == "1"
    if funded:
        filters["funded_for_jobseekers"] = True
    apprenticeship = request.GET.get("apprentissage", "") == "1"
    if apprenticeship:
        filters["apprenticeship"] = True
    training = training_near([p.pk for p in profiles], territory, limit=30, **filters)
    dating_ids = [block.value.pk for block in page.job_datings if block.value]
    datings_by_id = {p.pk: p for p in Page.objects.filter(pk__in=dating_ids).live().public().specific()}
    return {
        "territory": territory,
        "recruiting_profiles": recruiting,
        "recruiting_place": place,
        "quick_profiles": quick,
        "no_diploma_profiles": no_diploma,
        "training": training,
        "training_filters": {"formation": level, "financement": funded, "apprentissage": apprenticeship},
        "job_datings": [datings_by_id[pk] for pk in dating_ids if pk in datings_by_id],
    }
