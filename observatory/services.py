"""What pages ask the observatory: the tension of an occupation here, who recruits here, key figures.

Every answer comes from published datasets and precomputed rows (``OccupationTension``),
in a fixed, small number of queries, and is cached under the data version (bumped on each
publication, see ``observatory.cache``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from django.db.models import Max, Q
from django.urls import NoReverseMatch

from observatory.cache import cached_figures
from observatory.figures import french_number, round_half_up
from observatory.models import (
    Dataset,
    DatasetKind,
    DatasetStatus,
    Employment,
    HiringProjects,
    IndustryEmploymentResult,
    KeyIndicator,
    OccupationStats,
    OccupationTension,
    RomeFapLink,
    RomeOccupation,
    TensionIndicator,
    Territory,
)
from observatory.tension import LEVEL_LABELS, main_reasons

COMPLEMENTARY_FIELDS = ("hiring_intensity", "training_link", "lack_of_workforce", "non_durable_employment",
                        "working_conditions", "geographic_mismatch")
METHOD_PATH = "/observatoire/methode-tensions/"


@dataclass(frozen=True)
class HiringSummary:
    """BMO hiring projects for one occupation family in a territory (secrecy respected)."""

    projects: int | None
    share_difficult: float | None
    share_seasonal: float | None
    has_secret: bool
    year: int
    territory: Territory
    dataset: Dataset
    #: The projects count is a lower bound (some of its cells are secret); a secret cell in another
    #: count (difficult, seasonal) leaves the projects exact but that count's share out.
    projects_partial: bool = False

    @property
    def source(self) -> str:
        return self.dataset.source


@dataclass(frozen=True)
class TensionSummary:
    """The tension of an occupation in a territory, ready to show (see ``components/tension_badge.html``)."""

    rome_code: str
    occupation_label: str
    fap_code: str
    fap_label: str
    level: int | None
    level_label: str
    score: float | None
    reasons: list[str]
    territory: Territory
    requested_territory: Territory
    is_fallback: bool
    year: int
    dataset: Dataset
    hiring_projects: HiringSummary | None = None
    employment: int | None = None
    complementary: dict[str, int | None] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return self.dataset.source

    @property
    def vintage(self) -> int:
        return self.dataset.vintage or self.year

    @property
    def method_url(self) -> str:
        return method_url()


def method_url() -> str:
    """The page explaining the tension method (the demo creates it at this address).

    Shown under every tension badge: kept in the process's memory until a page is published or
    moved (the content version), rather than read from Redis at each badge.
    """
    from website.site_cache import cached_until_content_changes

    def build() -> str:
        from wagtail.models import Page

        try:
            page = Page.objects.filter(slug="methode-tensions").live().first()
            return (page.url if page is not None else None) or METHOD_PATH
        except NoReverseMatch:  # no site configured yet
            return METHOD_PATH

    return cached_until_content_changes("observatory-method-url", build)


def _chain(territory: Territory) -> list[Territory]:
    if territory.parent_id and not Territory.parent.is_cached(territory):
        territory = Territory.objects.select_related("parent__parent__parent").get(pk=territory.pk)
    return territory.ancestors()


#: Below this level (« moyenne ») the complementary indicators are not reasons for a shortage that
#: isn't there, so no « Pourquoi ? » is given.
REASONS_FROM_LEVEL = 3


def _summary_of_row(tension: TensionIndicator, rome_code: str, occupation_label: str, requested: Territory,
                    hiring: HiringSummary | None) -> TensionSummary:
    complementary = {name: getattr(tension, name) for name in COMPLEMENTARY_FIELDS}
    shows_reasons = tension.level is not None and tension.level >= REASONS_FROM_LEVEL
    return TensionSummary(
        rome_code=rome_code, occupation_label=occupation_label, fap_code=tension.fap.code,
        fap_label=tension.fap.label, level=tension.level, level_label=LEVEL_LABELS.get(tension.level or 0, ""),
        score=tension.score, reasons=main_reasons(complementary) if shows_reasons else [],
        territory=tension.territory, requested_territory=requested, is_fallback=tension.territory_id != requested.pk,
        year=tension.year, dataset=tension.dataset, hiring_projects=hiring, employment=tension.employment,
        complementary=complementary,
    )


def _summary(link: OccupationTension, requested: Territory, hiring: HiringSummary | None) -> TensionSummary:
    return _summary_of_row(link.tension, link.rome.code, link.rome.label, requested, hiring)


def _links(chain: list[Territory], **filters) -> list[OccupationTension]:
    return list(OccupationTension.objects.filter(territory__in=chain, tension__level__isnull=False, **filters)
                .select_related("rome", "tension__territory", "tension__fap", "tension__dataset"))


def _hiring_for(fap_ids: set[int], chain: list[Territory]) -> dict[int, HiringSummary]:
    """Latest published BMO projects per FAP family, from the most local territory of the chain (1 query)."""
    if not fap_ids:
        return {}
    order = {territory.pk: position for position, territory in enumerate(chain)}
    by_territory = {territory.pk: territory for territory in chain}
    best: dict[int, HiringProjects] = {}
    rows = (HiringProjects.objects.published().filter(fap_id__in=fap_ids, territory__in=chain)
            .select_related("dataset"))
    for row in rows:
        current = best.get(row.fap_id)
        if current is None or (order[row.territory_id], -row.year) < (order[current.territory_id], -current.year):
            best[row.fap_id] = row
    return {
        # A share is given only where both of its counts are complete (HiringProjects.share_difficult):
        # a lower bound over a lower bound would be no share at all.
        fap_id: HiringSummary(projects=row.projects, share_difficult=row.share_difficult,
                              share_seasonal=row.share_seasonal, has_secret=row.has_secret, year=row.year,
                              territory=by_territory[row.territory_id], dataset=row.dataset,
                              projects_partial=row.projects_partial)
        for fap_id, row in best.items()
    }


def tensions_for_occupations(rome_codes: list[str], territory: Territory) -> dict[str, TensionSummary]:
    """Tension of each ROME code in ``territory`` (or its nearest parent with a published figure).

    Three queries at most whatever the number of codes (territory chain, tensions, BMO);
    none when cached. Codes without any published figure are absent from the result.
    """
    codes = sorted({code.strip().upper() for code in rome_codes if code and code.strip()})
    if not codes or territory is None:
        return {}

    def build() -> dict[str, TensionSummary]:
        chain = _chain(territory)
        position = {item.pk: index for index, item in enumerate(chain)}
        chosen: dict[str, OccupationTension] = {}
        for link in _links(chain, rome__code__in=codes):
            current = chosen.get(link.rome.code)
            if current is None or position[link.territory_id] < position[current.territory_id]:
                chosen[link.rome.code] = link
        hiring = _hiring_for({link.tension.fap_id for link in chosen.values()}, chain)
        return {code: _summary(link, territory, hiring.get(link.tension.fap_id)) for code, link in chosen.items()}

    return cached_figures(("tensions", territory.key, ",".join(codes)), build)


def tension_for_occupation(rome_code: str, territory: Territory) -> TensionSummary | None:
    """Tension of one ROME code in ``territory``, falling back to the parent territory (see ``is_fallback``)."""
    return tensions_for_occupations([rome_code], territory).get((rome_code or "").strip().upper())


def tensions_for_families(requests: list[tuple[str, str]], territory: Territory) -> dict[tuple[str, str], TensionSummary]:
    """Tension of each ``(ROME code, FAP 225 code)`` pair in ``territory``: the family's own published
    category, from the most local territory of the chain where DARES published one (latest year).

    A page that declares its family (a job profile's FAP) asks here, so that it never shows another
    family's figure; an empty FAP code means the ROME code's default family (the one a qualified
    job-seeker is counted in). Pairs without any published category are absent. Five queries at
    most, none when cached.
    """
    wanted = sorted({(rome.strip().upper(), (fap or "").strip().upper()) for rome, fap in requests
                     if rome and rome.strip()})
    if not wanted or territory is None:
        return {}

    def build() -> dict[tuple[str, str], TensionSummary]:
        rome_codes = {rome for rome, _ in wanted}
        labels = dict(RomeOccupation.objects.filter(code__in=rome_codes).values_list("code", "label"))
        defaults = dict(RomeFapLink.objects.filter(rome__code__in={rome for rome, fap in wanted if not fap},
                                                   is_default=True).values_list("rome__code", "fap__code"))
        family = {(rome, fap): fap or defaults.get(rome, "") for rome, fap in wanted}
        chain = _chain(territory)
        position = {item.pk: index for index, item in enumerate(chain)}
        chosen: dict[str, TensionIndicator] = {}
        rows = (TensionIndicator.objects.published()
                .filter(fap__code__in={fap for fap in family.values() if fap}, territory__in=chain,
                        level__isnull=False)
                .select_related("fap", "territory", "dataset"))
        for row in rows:
            current = chosen.get(row.fap.code)
            if current is None or (position[row.territory_id], -row.year) < (position[current.territory_id],
                                                                               -current.year):
                chosen[row.fap.code] = row
        hiring = _hiring_for({row.fap_id for row in chosen.values()}, chain)
        return {
            pair: _summary_of_row(chosen[fap], pair[0], labels.get(pair[0], ""), territory,
                                  hiring.get(chosen[fap].fap_id))
            for pair, fap in family.items() if fap in chosen
        }

    return cached_figures(("family-tensions", territory.key, ",".join(f"{rome}:{fap}" for rome, fap in wanted)),
                          build)


def top_tension_occupations(territory: Territory, rome_codes: list[str] | None = None, limit: int = 10,
                            domains: list[str] | None = None) -> list[TensionSummary]:
    """The ``limit`` occupations under the strongest tension in ``territory``: highest published
    category first, ties broken by the published composite score, then by ROME code.

    Optionally restricted to ``rome_codes`` (e.g. a filière's occupations) or ROME ``domains``
    (letters, e.g. ``["H", "I"]``). Uses the most local territory of the chain that has figures.
    """
    if territory is None:
        return []
    limit = max(1, min(int(limit), 50))
    codes = sorted({code.strip().upper() for code in rome_codes or [] if code and code.strip()})

    def build() -> list[TensionSummary]:
        chain = _chain(territory)
        # Only categories DARES published: where it left the category empty, the score is carried down
        # from a larger area and says nothing about this one.
        filters = Q(territory__in=chain, tension__level__isnull=False)
        if rome_codes is not None:
            filters &= Q(rome__code__in=codes)
        if domains:
            filters &= Q(rome__domain__in=domains)
        available = set(OccupationTension.objects.filter(filters).values_list("territory_id", flat=True).distinct())
        used = next((item for item in chain if item.pk in available), None)
        if used is None:
            return []
        links = list(OccupationTension.objects.filter(filters & Q(territory=used))
                     .order_by("-tension__level", "-score", "rome__code")
                     .select_related("rome", "tension__territory", "tension__fap", "tension__dataset")[:limit])
        hiring = _hiring_for({link.tension.fap_id for link in links}, chain)
        return [_summary(link, territory, hiring.get(link.tension.fap_id)) for link in links]

    # A new list each time: callers may cut or reorder it; the summaries themselves are frozen.
    return list(cached_figures(("top", territory.key, ",".join(codes), ",".join(sorted(domains or [])), limit),
                               build))


def published_datasets() -> list[Dataset]:
    """Published dataset versions, newest first (provenance lists)."""
    return list(Dataset.objects.filter(status=DatasetStatus.PUBLISHED, public=True).order_by("kind", "-vintage"))


@dataclass(frozen=True)
class KeyFigure:
    """A key figure as displayed: the formatted value, its territory, dataset and year (or period).

    ``value`` None with ``unpublished``: the producer publishes the cell empty (too few people
    surveyed, statistical secrecy); ``display`` then says so in words.
    """

    display: str
    value: float | int | None
    territory: Territory
    dataset: Dataset
    vintage: int | str
    #: Where the figure is national although the indicator names a territory (DARES portraits).
    is_national: bool = False
    #: The occupational family the figure describes (FAP code and label), for the family measures.
    family_code: str = ""
    family_label: str = ""
    #: The aggregated family's figure (FAP 87) standing in for a detailed family (FAP 225) without one.
    is_broader_family: bool = False
    unpublished: bool = False


#: The DARES « Portrait statistique des métiers » series that pages show for a family: national figures.
FAMILY_STATISTICS = ("median_salary", "share_women")
#: Words for a family figure that DARES leaves empty.
UNPUBLISHED = "non publié"


def family_statistics(fap_code: str, indicators: tuple[str, ...] = FAMILY_STATISTICS) -> dict[str, OccupationStats]:
    """A family's latest published DARES portrait figures, France entière (one query).

    ``fap_code`` is a detailed family (FAP 225, ``D2Z42`` Soudeurs) or an aggregated one (FAP 87,
    ``D2Z``), for the series' latest period. The detailed family's figure is used where the file
    publishes it, else the aggregated family's, marked ``is_broader_family`` so that the page says
    so. A row whose value DARES left empty is returned only when neither family has a value for
    that period (``value`` None: say « non publié »).
    Returns ``{indicator: OccupationStats}`` (``median_salary``: € net per month, full-time
    employees' median; ``share_women``: % of people in employment, Insee Enquête Emploi), each row
    with ``is_broader_family``; an indicator is absent when the observatory has no such row.
    """
    code = (fap_code or "").strip().upper()
    family = code[:3]
    if len(family) != 3:
        return {}
    rows = (OccupationStats.objects.published()
            .filter(fap__code__in={code, family}, indicator__in=indicators, dimension="")
            .select_related("dataset", "fap").order_by("-period", "-dataset__published_at"))
    rows = list(rows)
    # The series' latest period only (an older figure is never passed off as current); in it, the
    # detailed family first, a row with a value before an empty one.
    latest: dict[str, str] = {}
    for row in rows:
        latest.setdefault(row.indicator, row.period)
    figures: dict[str, OccupationStats] = {}
    for row in sorted((row for row in rows if row.period == latest[row.indicator]),
                      key=lambda row: (row.value is None, row.fap.code != code)):
        row.is_broader_family = row.fap.code != code and code != family
        figures.setdefault(row.indicator, row)
    return figures


def _family_figure(indicator: KeyIndicator) -> KeyFigure | None:
    """A DARES portrait figure of the indicator's family: national, whatever territory was set."""
    row = family_statistics(indicator.fap.code, (indicator.measure,)).get(indicator.measure)
    if row is None:
        return None
    france = Territory.objects.filter(key="FR").first() or indicator.territory
    if row.value is None:
        display = UNPUBLISHED
    elif indicator.measure == KeyIndicator.Measure.MEDIAN_SALARY:
        display = f"{french_number(row.value)}\u202f€"
    else:
        display = f"{french_number(row.value)}\u202f%"
    return KeyFigure(display, None if row.value is None else round_half_up(row.value), france, row.dataset,
                     row.period, is_national=True, family_code=row.fap.code, family_label=row.fap.label,
                     is_broader_family=row.is_broader_family, unpublished=row.value is None)


def _thousands(value: int) -> str:
    return french_number(value)


def _at_least(value: int, partial: bool) -> str:
    """A total, « au moins … » when cells under statistical secrecy are left out of it."""
    return f"au moins {_thousands(value)}" if partial else _thousands(value)


def key_indicator_value(indicator: KeyIndicator) -> KeyFigure | None:
    """The current value of a key indicator from published data (2 queries, cached), or None."""
    return cached_figures(("key", indicator.pk, indicator.measure, indicator.territory_id, indicator.fap_id,
                           indicator.naf_id, indicator.definition), lambda: _compute_key_figure(indicator))


def key_indicator_value_near(indicator: KeyIndicator, visitor_territory: Territory | None) -> KeyFigure | None:
    """The figure for the visitor's territory when it lies inside the indicator's, else the nearest level above.

    Tries the visitor's territory, then each territory above it up to the indicator's own (zone
    d'emploi → département → région), and returns the first published figure: the figure's
    ``territory`` says which level was used, so the page can say when it fell back. A visitor
    outside the indicator's territory, or a national-only measure, gets the indicator's figure.
    Each level is cached like :func:`key_indicator_value`.
    """
    chain: list[Territory] = []
    area = visitor_territory
    while area is not None and indicator.territory_id is not None:
        chain.append(area)
        if area.pk == indicator.territory_id:
            break
        area = area.parent if area.parent_id else None
    if not chain or chain[-1].pk != indicator.territory_id or indicator.measure in KeyIndicator.NATIONAL_MEASURES:
        return key_indicator_value(indicator)
    for territory in chain[:-1]:
        local = copy.copy(indicator)
        local.territory = territory
        if (figure := key_indicator_value(local)) is not None:
            return figure
    return key_indicator_value(indicator)


def _compute_key_figure(indicator: KeyIndicator) -> KeyFigure | None:
    measure = indicator.measure
    territory = indicator.territory
    if measure == KeyIndicator.Measure.TENSION_LEVEL:
        row = (TensionIndicator.objects.published().filter(territory=territory, fap_id=indicator.fap_id,
                                                            level__isnull=False)
               .select_related("dataset").order_by("-year").first())
        if row is None:
            return None
        return KeyFigure(LEVEL_LABELS[row.level], row.level, territory, row.dataset, row.year)
    if measure in (KeyIndicator.Measure.HIRING_PROJECTS, KeyIndicator.Measure.HIRING_DIFFICULT):
        rows = HiringProjects.objects.published().filter(territory=territory)
        if indicator.fap_id:
            rows = rows.filter(fap_id=indicator.fap_id)
        latest = rows.aggregate(year=Max("year"))["year"]
        if latest is None:
            return None
        rows = list(rows.filter(year=latest).select_related("dataset"))
        projects = sum(row.projects or 0 for row in rows)
        # A cell under statistical secrecy is never guessed: a total that leaves one out is a lower
        # bound. Only the projects' own secrecy makes it one (a secret seasonal count does not).
        partial = any(row.projects_partial or row.projects is None for row in rows)
        if measure == KeyIndicator.Measure.HIRING_PROJECTS:
            return KeyFigure(_at_least(projects, partial), projects, territory, rows[0].dataset, latest)
        # A share only where both of its parts are fully known: a secret cell left out of the
        # difficult projects but not of all projects would bias it down.
        if partial or not projects or any(row.difficult is None or row.difficult_partial for row in rows):
            return None
        difficult = sum(row.difficult for row in rows)
        share = round(100 * difficult / projects)
        return KeyFigure(f"{share}\u202f%", share, territory, rows[0].dataset, latest)
    if measure in KeyIndicator.NATIONAL_MEASURES and indicator.fap_id:
        # DARES publishes these for France only: the figure says so, whatever territory was set.
        return _family_figure(indicator)
    if measure == KeyIndicator.Measure.INDUSTRY_JOBS and indicator.definition:
        result = (IndustryEmploymentResult.objects
                  .filter(territory=territory, definition=indicator.definition, breakdown="total")
                  .select_related("employment_dataset").order_by("-year").first())
        if result is None:
            return None
        return KeyFigure(french_number(result.jobs_shown), result.jobs_shown, territory, result.employment_dataset,
                         result.year)
    if measure == KeyIndicator.Measure.EMPLOYMENT and indicator.naf_id:
        naf = indicator.naf
        rows = Employment.objects.current().filter(territory=territory).filter(
            Q(naf_id=naf.pk) | Q(naf__code__startswith=naf.code) if naf.level != "section"
            else Q(naf__parent__parent__parent__parent__code=naf.code))
        latest = rows.aggregate(year=Max("year"))["year"]
        if latest is None:
            return None
        rows = list(rows.filter(year=latest).select_related("dataset"))
        total = sum(row.employees or 0 for row in rows)
        partial = any(row.is_secret or row.employees is None for row in rows)
        return KeyFigure(_at_least(total, partial), total, territory, rows[0].dataset, latest)
    return None


__all__ = [
    "DatasetKind",
    "HiringSummary",
    "KeyFigure",
    "TensionSummary",
    "family_statistics",
    "key_indicator_value",
    "method_url",
    "published_datasets",
    "tension_for_occupation",
    "tensions_for_families",
    "tensions_for_occupations",
    "top_tension_occupations",
]


# Industry redefined (sector / filière / input–output): the careers app shows these on filière pages.
from observatory.industry_service import FiliereFigures, filiere_figures  # noqa: E402, F401
