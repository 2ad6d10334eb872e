"""Industry redefined, database side: store input–output tables, recompute results, serve figures.

``recompute_industry()`` runs after every publication of an employment or input–output dataset
and after every edit of a filière's scope (see ``observatory.signals_industry`` and the
``wagtail_hooks`` of the filière snippet): it rebuilds every :class:`IndustryEmploymentResult`
in one transaction from the published data, then invalidates the cached figures. Pages and the
API only read those rows.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, models, transaction

from observatory.industry import definitions, io_algebra
from observatory.industry.filieres import FILIERES, SERVICE_ACTIVITIES
from observatory.industry.lazy_numpy import np
from observatory.industry.parsers import SymmetricTable
from observatory.models import (
    Dataset,
    DatasetStatus,
    Employment,
    Filiere,
    FiliereScope,
    IndustryEmploymentResult,
    InputOutputTable,
    Territory,
)
from observatory.models.industry import Breakdown, Definition

logger = logging.getLogger(__name__)

NATIONAL_KEY = "FR"


def invalidate_caches() -> None:
    """Make every cached industry figure stale, and purge the observatory pages from a CDN if configured."""
    from observatory.cache import bump_data_version
    from website.caching import bump_content_version

    bump_data_version()
    bump_content_version()  # whole-page cache of anonymous visitors
    try:
        from wagtail.contrib.frontend_cache.utils import PurgeBatch

        from observatory.models.industry_pages import IndustryFiguresPage

        batch = PurgeBatch()
        for page in IndustryFiguresPage.objects.live():
            batch.add_page(page)
        batch.purge()
    except Exception:  # a CDN outage must never make an import fail
        logger.exception("Purge du cache CDN des pages de l’industrie impossible")


# --- Input–output tables --------------------------------------------------------------------


def store_io_table(table: SymmetricTable, dataset: Dataset, layout: str, year: int) -> InputOutputTable:
    """Save a parsed table with its coefficients, Leontief inverse and output multipliers."""
    coefficients = table.coefficients
    leontief = io_algebra.leontief_inverse(coefficients)
    return InputOutputTable.objects.create(
        dataset=dataset, layout=layout, year=year, unit=table.unit,
        codes=list(table.codes), labels=list(table.labels),
        flows=table.flows.tolist(), output=table.output.tolist(),
        final_demand=None if table.final_demand is None else table.final_demand.tolist(),
        employment={concept: values.tolist() for concept, values in table.employment.items()},
        employment_unit=table.employment_unit,
        coefficients=coefficients.tolist(), leontief=leontief.tolist(),
        output_multipliers=io_algebra.output_multipliers(leontief).tolist(),
    )


def published_io_table() -> InputOutputTable | None:
    """The latest published table with A38 branches (the one the territorial definition uses)."""
    tables = (InputOutputTable.objects.filter(dataset__status=DatasetStatus.PUBLISHED, dataset__public=True)
              .select_related("dataset"))
    return next((table for table in tables.order_by("-year", "-pk") if table.uses_a38), None)


# --- Recomputation ----------------------------------------------------------------------------


@dataclass
class RecomputeSummary:
    """What a recomputation did: rows written, territory-years covered, warnings, seconds."""

    rows: int = 0
    territory_years: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def __str__(self) -> str:
        text = (f"{self.rows} résultats recalculés pour {self.territory_years} couples territoire × année "
                f"en {self.seconds:.2f} s")
        return text + "".join(f"\n  ⚠ {warning}" for warning in self.warnings)


def _result(territory_id: int, year: int, definition: str, breakdown: str, code: str, label: str, jobs: float,
            reference: float | None, dataset_id: int, io_table: InputOutputTable | None = None,
            method: str = "") -> IndustryEmploymentResult:
    gap = definitions.gap(jobs, reference) if reference is not None else None
    return IndustryEmploymentResult(
        territory_id=territory_id, year=year, definition=definition, breakdown=breakdown, code=code, label=label,
        jobs=round(jobs, 1), reference_jobs=None if reference is None else round(reference, 1),
        gap_jobs=None if gap is None else round(gap.jobs, 1),
        gap_percent=None if gap is None or gap.percent is None else round(gap.percent, 2),
        employment_dataset_id=dataset_id, io_table=io_table, method=method,
    )


def temporary_work_share():
    """The statisticians' sourced share of temps working in industry (:class:`TemporaryWorkShare`, one query)."""
    from observatory.models.industry import TemporaryWorkShare

    return TemporaryWorkShare.load()


def effective_scope_rules(rules: list[definitions.ScopeRule],
                          summary: RecomputeSummary | None = None) -> list[definitions.ScopeRule]:
    """The scope rules the computation uses: the stored ones, with the 78.20Z lines scaled to the sourced
    share of temps in industry (:func:`definitions.apply_temporary_work_share`). One query."""
    share = temporary_work_share()
    if summary is not None and not any(rule.code == definitions.TEMPORARY_AGENCY_NAF and rule.share > 0
                                       for rule in rules):
        summary.warnings.append(f"Aucune filière n’a de ligne {definitions.TEMPORARY_AGENCY_NAF} : la part de "
                                f"l’intérim dans l’industrie ({share.industry_share} %) n’est pas appliquée.")
    return definitions.apply_temporary_work_share(rules, share.fraction)


def recompute_industry(*, method: io_algebra.LocationQuotientMethod = "flq") -> RecomputeSummary:
    """Rebuild every precomputed industry result from published data, all-or-nothing.

    Queries: published employment (one query), the scope (one), the input–output table (one),
    then one delete and one bulk insert, whatever the number of territories.
    """
    started = time.perf_counter()
    summary = RecomputeSummary()
    employment: dict[tuple[int, int], dict[str, float]] = {}
    dataset_of: dict[tuple[int, int], int] = {}
    rows = (Employment.objects.current().filter(employees__isnull=False)
            .values_list("territory_id", "year", "naf__code", "employees", "dataset_id").iterator(chunk_size=5000))
    for territory_id, year, naf_code, employees, dataset_id in rows:
        key = (territory_id, year)
        bucket = employment.setdefault(key, {})
        bucket[naf_code] = bucket.get(naf_code, 0.0) + employees
        dataset_of[key] = max(dataset_of.get(key, 0), dataset_id)

    scopes = list(FiliereScope.objects.select_related("filiere").order_by("filiere__sort_order", "sort_order"))
    names = {scope.filiere.slug: scope.filiere.name for scope in scopes}
    names.update(Filiere.objects.values_list("slug", "name"))
    try:
        scope_index = definitions.ScopeIndex(effective_scope_rules([scope.as_rule() for scope in scopes], summary))
    except definitions.DefinitionError as error:
        summary.warnings.append(f"Périmètre des filières invalide, définition « filières » non calculée : {error}")
        scope_index = None
    table = published_io_table()
    national = Territory.objects.filter(key=NATIONAL_KEY).values_list("pk", flat=True).first()
    if table is None:
        summary.warnings.append("Aucun tableau entrées-sorties publié (branches A38) : définition « entrées-sorties » "
                                "non calculée.")
    else:
        table_a = np.asarray(table.coefficients)
        table_x = np.asarray(table.output)
        table_codes = list(table.codes)

    results: list[IndustryEmploymentResult] = []
    for (territory_id, year), by_code in sorted(employment.items()):
        detailed = definitions.detailed_employment(by_code)
        dataset_id = dataset_of[(territory_id, year)]
        sector_by_branch = definitions.sector_employment_by_branch(detailed)
        sector_total = sum(sector_by_branch.values())
        results.append(_result(territory_id, year, Definition.SECTOR, Breakdown.TOTAL, "",
                               "Industrie (NAF B à E)", sector_total, sector_total, dataset_id))
        for branch, jobs in sector_by_branch.items():
            results.append(_result(territory_id, year, Definition.SECTOR, Breakdown.BRANCH, branch,
                                   definitions.A38_LABELS.get(branch, branch), jobs, jobs, dataset_id))

        if scope_index is not None:
            try:
                by_filiere = scope_index.employment(detailed)
            except definitions.DefinitionError as error:
                summary.warnings.append(str(error))
                by_filiere = None
            if by_filiere is not None:
                total = sum(result.total for result in by_filiere.values())
                results.append(_result(territory_id, year, Definition.FILIERE, Breakdown.TOTAL, "",
                                       "Industrie (filières)", total, sector_total, dataset_id))
                branch_totals: dict[str, float] = {}
                for slug, result in by_filiere.items():
                    results.append(_result(territory_id, year, Definition.FILIERE, Breakdown.FILIERE, slug,
                                           names.get(slug, slug), result.total, result.core, dataset_id))
                    for branch, jobs in result.by_branch.items():
                        branch_totals[branch] = branch_totals.get(branch, 0.0) + jobs
                for branch, jobs in branch_totals.items():
                    results.append(_result(territory_id, year, Definition.FILIERE, Breakdown.BRANCH, branch,
                                           definitions.A38_LABELS.get(branch, branch), jobs,
                                           sector_by_branch.get(branch, 0.0), dataset_id))

        if table is not None:
            national_jobs = employment.get((national, year)) if national is not None else None
            if national_jobs is None:
                summary.warnings.append(f"Pas d’emploi national pour {year} : définition « entrées-sorties » non "
                                        "calculée pour cette année (les coefficients d’emploi e/x en dépendent).")
                continue
            national_by_branch = definitions.aggregate_by_a38(definitions.detailed_employment(national_jobs))
            local_by_branch = definitions.aggregate_by_a38(detailed)
            e_national = np.array([national_by_branch.get(code, 0.0) for code in table_codes])
            e_local = np.array([local_by_branch.get(code, 0.0) for code in table_codes])
            # Jobs in branches the table ignores (e.g. UZ) cannot be attributed: left out.
            try:
                io_result = definitions.io_industry_employment(
                    table_a, table_x, table_codes, e_national,
                    None if territory_id == national else e_local, method=method,
                )
            except (definitions.DefinitionError, io_algebra.InputOutputError) as error:
                summary.warnings.append(f"Entrées-sorties, territoire n° {territory_id}, {year} : {error}")
                continue
            results.append(_result(territory_id, year, Definition.IO, Breakdown.TOTAL, "",
                                   "Industrie (entrées-sorties)", io_result.total, sector_total, dataset_id,
                                   table, io_result.method))
            if territory_id != national:
                for variant, variant_label in definitions.SENSITIVITY_METHODS:
                    try:
                        variant_result = io_result if variant == method else definitions.io_industry_employment(
                            table_a, table_x, table_codes, e_national, e_local, method=variant)
                    except (definitions.DefinitionError, io_algebra.InputOutputError):
                        continue  # the published variant's warning, if any, is already recorded
                    results.append(_result(territory_id, year, Definition.IO, Breakdown.SENSITIVITY, variant,
                                           variant_label, variant_result.total, sector_total, dataset_id, table,
                                           variant_result.method))
            for branch, jobs in io_result.by_branch().items():
                if jobs >= 0.5:
                    results.append(_result(territory_id, year, Definition.IO, Breakdown.BRANCH, branch,
                                           definitions.A38_LABELS.get(branch, branch), jobs,
                                           sector_by_branch.get(branch, 0.0), dataset_id, table, io_result.method))

    with transaction.atomic():
        # One DELETE statement: a queryset delete() would load every row to send per-row signals
        # (the page cache listens to them) — the caches are invalidated once, below, instead.
        table_name = connection.ops.quote_name(IndustryEmploymentResult._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table_name}")  # noqa: S608 — table name from the model, no input
        IndustryEmploymentResult.objects.bulk_create(results, batch_size=2000)
        transaction.on_commit(invalidate_caches)
    summary.rows = len(results)
    summary.territory_years = len(employment)
    summary.seconds = time.perf_counter() - started
    return summary


def _recompute_after_commit() -> None:
    summary = recompute_industry()
    logger.info("Emploi industriel : %s", summary)


def schedule_recompute() -> None:
    """Recompute once the current transaction commits (once, however many changes it holds)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(entry[1] is _recompute_after_commit for entry in connection.run_on_commit):
        return
    transaction.on_commit(_recompute_after_commit)


# --- Default filière grid --------------------------------------------------------------------


def national_employment_by_code(year: int | None = None) -> dict[str, float]:
    """Published national jobs by NAF code for ``year`` (latest year if None); empty if none."""
    rows = Employment.objects.current().filter(territory__key=NATIONAL_KEY, employees__isnull=False)
    if year is None:
        year = rows.order_by("-year").values_list("year", flat=True).first()
        if year is None:
            return {}
    return {code: float(jobs) for code, jobs in rows.filter(year=year).values_list("naf__code", "employees")}


def default_scope_rules(table: InputOutputTable | None, national_jobs: dict[str, float]) -> list[tuple[str, str, float,
                                                                                                         str, str]]:
    """The default grid as ``(filière, code, share, kind, source)``: core codes, then services with IO shares.

    Service shares: :func:`definitions.default_service_shares` on the table's domestic flows,
    weighting the buyers by the part of each A38 branch that is core to the filière (from national
    jobs; without jobs, each core branch counts fully). Without a table, no service line is made.
    """
    core = [definitions.ScopeRule(f.slug, code, 1.0, "core") for f in FILIERES for code in f.core_codes]
    rows: list[tuple[str, str, float, str, str]] = [
        (rule.filiere, definitions.normalise_naf(rule.code), 1.0, "core", "Nomenclature NAF rév. 2 (INSEE)")
        for rule in core
    ]
    if table is None:
        return rows
    if national_jobs:
        weights = definitions.core_branch_weights(national_jobs, core)
    else:
        weights = {f.slug: {definitions.a38_branch(code): 1.0 for code in f.core_codes} for f in FILIERES}
    services = sorted({definitions.a38_branch(code) for code, _ in SERVICE_ACTIVITIES})
    shares = definitions.default_service_shares(np.asarray(table.flows), np.asarray(table.output), table.codes,
                                                weights, services)
    source = f"{table.dataset.attribution} : part de la production de la branche {{branch}} achetée par la filière"
    for filiere in FILIERES:
        for code, _why in SERVICE_ACTIVITIES:
            branch = definitions.a38_branch(code)
            share = round(shares.get(filiere.slug, {}).get(branch, 0.0), 4)
            if share > 0:
                rows.append((filiere.slug, code, share, "service", source.format(branch=branch)))
    return rows


def ensure_default_filieres(table: InputOutputTable | None = None, *, reset_scopes: bool = False) -> list[Filiere]:
    """Create the eight filières of the default grid (idempotent); fill empty scopes with the defaults.

    A filière whose scope a statistician already edited keeps it, unless ``reset_scopes``.
    """
    table = table or published_io_table()
    rules = default_scope_rules(table, national_employment_by_code())
    created: list[Filiere] = []
    for position, definition in enumerate(FILIERES):
        filiere, _ = Filiere.objects.update_or_create(
            slug=definition.slug,
            defaults={"name": definition.name, "summary": definition.summary, "sort_order": position,
                      "fap_families": ", ".join(definition.fap_families)},
        )
        if reset_scopes:
            filiere.scopes.all().delete()
        if not filiere.scopes.exists():
            FiliereScope.objects.bulk_create([
                FiliereScope(filiere=filiere, code=code, share=share, kind=kind, source=source, sort_order=index)
                for index, (slug, code, share, kind, source) in enumerate(
                    row for row in rules if row[0] == definition.slug)
            ])
        created.append(filiere)
    return created


def latest_year(territory: Territory) -> int | None:
    """Latest year with results for a territory."""
    return (IndustryEmploymentResult.objects.filter(territory=territory).order_by("-year")
            .values_list("year", flat=True).first())


def results_for(territory: Territory, year: int | None = None) -> list[IndustryEmploymentResult]:
    """Every result line of a territory for a year (latest by default), in one query (two without year)."""
    year = year or latest_year(territory)
    if year is None:
        return []
    return list(IndustryEmploymentResult.objects.filter(territory=territory, year=year)
                .select_related("employment_dataset", "io_table__dataset"))


def territories_with_results(levels: Iterable[str] | None = None) -> list[Territory]:
    query = Territory.objects.filter(industry_results__isnull=False).distinct()
    if levels:
        query = query.filter(level__in=list(levels))
    return list(query.order_by("key"))


# --- Reading results (pages, API, other apps) -------------------------------------------------


def resolve_territory(territory: Territory | None) -> tuple[Territory, int] | None:
    """The territory actually used and its latest year: ``territory`` itself, else its nearest ancestor with results.

    Queries: the parent chain (at most 4) plus one.
    """
    if territory is None:
        return None
    chain = territory.ancestors()
    found = dict(
        IndustryEmploymentResult.objects.filter(territory__in=chain, breakdown=Breakdown.TOTAL)
        .values_list("territory_id").annotate(year=models.Max("year")).values_list("territory_id", "year")
    )
    for candidate in chain:
        if candidate.pk in found:
            return candidate, found[candidate.pk]
    return None


def is_synthetic(dataset: Dataset | None) -> bool:
    """Whether figures rest on a synthetic (generated or estimated) dataset: ``Dataset.synthetic``."""
    return dataset is not None and dataset.synthetic


@dataclass(frozen=True)
class FiliereFigures:
    """Employment of one filière in a territory, for other apps (e.g. the careers filière pages).

    ``sector_jobs``: the filière's core activities, comparable with the usual sector figure;
    ``filiere_jobs``: core plus its share of services; ``gap_jobs``/``gap_percent``: the difference.
    Jobs are as published (rounded to the row's step, see ``IndustryEmploymentResult.rounding_step``).
    ``territory`` is the territory actually used (``is_fallback`` when it is a parent of the one
    asked). ``source`` and ``vintage`` must be shown with the figures; ``url`` is the explorer page.
    """

    slug: str
    name: str
    territory: Territory
    is_fallback: bool
    year: int
    sector_jobs: int
    filiere_jobs: int
    gap_jobs: int
    gap_percent: float | None
    source: str
    vintage: int
    is_synthetic: bool
    url: str | None
    dataset: Dataset


def figures_page_url() -> str | None:
    """URL of the live « L'industrie en chiffres » page, or None."""
    from observatory.models import IndustryFiguresPage

    page = IndustryFiguresPage.objects.live().first()
    return page.url if page is not None else None


def filiere_figures(filiere_slug: str, territory: Territory | None) -> FiliereFigures | None:
    """Sector-comparable and filière employment of a filière in a territory (or its nearest parent with data).

    None when the filière is unknown or nothing was computed. A handful of queries.
    """
    resolved = resolve_territory(territory)
    if resolved is None:
        return None
    used, year = resolved
    row = (IndustryEmploymentResult.objects.filter(territory=used, year=year, definition=Definition.FILIERE,
                                                   breakdown=Breakdown.FILIERE, code=filiere_slug)
           .select_related("employment_dataset").first())
    if row is None:
        return None
    dataset = row.employment_dataset
    base = figures_page_url()
    return FiliereFigures(
        slug=filiere_slug, name=row.label, territory=used,
        is_fallback=territory is not None and used.pk != territory.pk,
        year=row.year, sector_jobs=row.reference_jobs_shown or 0, filiere_jobs=row.jobs_shown,
        gap_jobs=row.gap_jobs_shown or 0,
        gap_percent=row.gap_percent, source=dataset.source, vintage=dataset.vintage or row.year,
        is_synthetic=is_synthetic(dataset), url=f"{base}filieres/{filiere_slug}/" if base else None, dataset=dataset,
    )
