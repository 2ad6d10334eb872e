"""What the industry pages show: figures organised for templates, charts and CSV downloads.

Everything comes from precomputed :class:`~observatory.models.IndustryEmploymentResult` rows
(see :mod:`observatory.industry_service`); nothing is computed from raw data per request.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from observatory.figures import COUNTED_JOBS_STEP, french_percent, jobs_rounding_step, round_half_up, round_jobs
from observatory.industry import definitions
from observatory.industry_service import is_synthetic, resolve_territory, temporary_work_share
from observatory.models import (
    Dataset,
    Filiere,
    FiliereScope,
    IndustryEmploymentResult,
    NafActivity,
    RomeFapLink,
    Territory,
)
from observatory.models.industry import Breakdown, Definition
from website.csv_safety import neutralise_row

DEFINITION_ORDER = (Definition.SECTOR, Definition.FILIERE, Definition.IO)
#: How job figures are rounded, said on the industry method pages (the rule is observatory.figures').
JOBS_ROUNDING_TEXT = gettext_lazy(
    "Les emplois du secteur sont des effectifs comptés : ils sont arrondis à la dizaine. Les emplois des "
    "filières et des entrées-sorties sont des estimations (parts de services, coefficients d’une autre année, "
    "régionalisation) : ils sont arrondis à la centaine, à la dizaine en dessous de 1 000 emplois. Chaque "
    "chiffre est arrondi séparément, de la même façon sur les pages, dans les fichiers CSV et dans l’API : "
    "une somme de chiffres arrondis peut différer du total arrondi de quelques dizaines.")
DEFINITION_SHORT = {
    Definition.SECTOR: _("Secteur"),
    Definition.FILIERE: _("Filières"),
    Definition.IO: _("Entrées-sorties"),
}
DEFINITION_HELP = {
    Definition.SECTOR: _("Salariés des établissements classés dans l’industrie (NAF B à E) : le chiffre habituel."),
    Definition.FILIERE: _("Salariés des activités industrielles des filières, plus la part des services "
                          "(intérim, ingénierie, logistique, nettoyage…) qui travaille pour elles."),
    Definition.IO: _("Emplois de toutes les branches nécessaires pour produire les biens industriels achetés "
                     "par les consommateurs, les investisseurs et les clients étrangers."),
}


@dataclass
class Bar:
    """One bar of an HTML bar chart: label, value (jobs), width in % of the longest bar, optional parts."""

    label: str
    value: float
    width: float
    code: str = ""
    parts: list[tuple[str, float, float]] = field(default_factory=list)  # (label, value, width %)


def _bars(items: list[tuple[str, str, float]], maximum: float | None = None) -> list[Bar]:
    top = maximum if maximum is not None else max((value for _, _, value in items), default=0.0)
    return [Bar(label, value, round(100 * value / top, 1) if top else 0.0, code) for code, label, value in items]


@dataclass
class IndustryFigures:
    """All the industry figures of one territory and year, ready for templates and CSV."""

    asked: Territory | None
    territory: Territory
    year: int
    rows: list[IndustryEmploymentResult]
    employment_dataset: Dataset
    io_dataset: Dataset | None

    @property
    def is_fallback(self) -> bool:
        return self.asked is not None and self.asked.pk != self.territory.pk

    @property
    def is_synthetic(self) -> bool:
        return is_synthetic(self.employment_dataset)

    def _select(self, definition: str, breakdown: str) -> list[IndustryEmploymentResult]:
        return [row for row in self.rows if row.definition == definition and row.breakdown == breakdown]

    @property
    def totals(self) -> list[IndustryEmploymentResult]:
        by_definition = {row.definition: row for row in self._select_totals()}
        return [by_definition[d] for d in DEFINITION_ORDER if d in by_definition]

    def _select_totals(self) -> list[IndustryEmploymentResult]:
        return [row for row in self.rows if row.breakdown == Breakdown.TOTAL]

    def total(self, definition: str) -> IndustryEmploymentResult | None:
        return next((row for row in self._select_totals() if row.definition == definition), None)

    @property
    def definition_cards(self) -> list[dict]:
        return [{"row": row, "short": DEFINITION_SHORT[row.definition], "help": DEFINITION_HELP[row.definition]}
                for row in self.totals]

    @property
    def definition_bars(self) -> list[Bar]:
        return _bars([(row.definition, str(DEFINITION_SHORT[row.definition]), row.jobs_shown) for row in self.totals])

    @property
    def filieres(self) -> list[IndustryEmploymentResult]:
        return sorted(self._select(Definition.FILIERE, Breakdown.FILIERE), key=lambda row: -row.jobs)

    @property
    def io_sensitivity(self) -> list[IndustryEmploymentResult]:
        """The input–output total under each regionalisation variant (published variant first)."""
        order = [code for code, _ in definitions.SENSITIVITY_METHODS]
        rows = self._select(Definition.IO, Breakdown.SENSITIVITY)
        return sorted(rows, key=lambda row: order.index(row.code) if row.code in order else len(order))

    @property
    def io_coefficients_year(self) -> int | None:
        """The year of the input–output coefficients (2018 for the demo), said beside the headline."""
        row = self.total(Definition.IO)
        return row.io_table.year if row is not None and row.io_table_id else None

    @property
    def filiere_effects(self) -> dict[str, float] | None:
        """The two effects the filière total nets out against the sector (jobs): service jobs attributed
        to filières (``services_added``) and sector jobs in no filière (``sector_outside``, e.g.
        printing), so that a small net gap never hides two large movements."""
        sector, filieres = self.total(Definition.SECTOR), self.filieres
        if sector is None or not filieres:
            return None
        in_filieres = sum(row.reference_jobs or 0.0 for row in filieres)
        services_added = sum(row.jobs - (row.reference_jobs or 0.0) for row in filieres)
        # Written as their definitions are: services added are estimated, sector jobs counted.
        return {"services_added": round_jobs(services_added, jobs_rounding_step(services_added, estimate=True)),
                "sector_outside": round_jobs(max(sector.jobs - in_filieres, 0.0), COUNTED_JOBS_STEP)}

    @property
    def temporary_work(self):
        """The sourced share of temps counted in industry (:class:`TemporaryWorkShare`), said under the filières."""
        return temporary_work_share()

    @property
    def filiere_bars(self) -> list[Bar]:
        rows = self.filieres
        top = max((row.jobs_shown for row in rows), default=0)
        bars = []
        for row in rows:
            core = row.reference_jobs_shown or 0
            services = row.jobs_shown - core
            bar = Bar(row.label, row.jobs_shown, round(100 * row.jobs_shown / top, 1) if top else 0.0, row.code)
            bar.parts = [(str(_("activités industrielles")), core, round(100 * core / top, 1) if top else 0.0),
                         (str(_("services attribués")), services, round(100 * services / top, 1) if top else 0.0)]
            bars.append(bar)
        return bars

    def branches(self, definition: str) -> list[IndustryEmploymentResult]:
        return sorted(self._select(definition, Breakdown.BRANCH), key=lambda row: -row.jobs)

    @property
    def io_branches(self) -> list[IndustryEmploymentResult]:
        return self.branches(Definition.IO)

    @property
    def io_service_branches(self) -> list[IndustryEmploymentResult]:
        return [row for row in self.io_branches if row.code in definitions.SERVICE_A38]

    @property
    def io_service_bars(self) -> list[Bar]:
        return _bars([(row.code, row.label, row.jobs_shown) for row in self.io_service_branches[:10]])

    @property
    def io_method(self) -> str:
        row = self.total(Definition.IO)
        return row.method if row else ""

    @property
    def sources(self) -> list[str]:
        texts = [f"{self.employment_dataset.source} ({self.employment_dataset.vintage or self.year})"]
        if self.io_dataset is not None:
            texts.append(f"{self.io_dataset.source} ({self.io_dataset.vintage})")
        return texts


def industry_figures(asked: Territory | None) -> IndustryFigures | None:
    """The figures for the visitor's territory (or its nearest parent with data); None when nothing is computed."""
    resolved = resolve_territory(asked)
    if resolved is None:
        return None
    territory, year = resolved
    rows = list(IndustryEmploymentResult.objects.filter(territory=territory, year=year)
                .select_related("employment_dataset", "io_table__dataset"))
    if not rows:
        return None
    io_dataset = next((row.io_table.dataset for row in rows if row.io_table_id), None)
    return IndustryFigures(asked, territory, year, rows, rows[0].employment_dataset, io_dataset)


@dataclass
class FiliereDetail:
    """A filière's explorer data: its employment row, its scope with NAF labels, occupations in tension."""

    row: IndustryEmploymentResult | None
    scopes: list[dict]
    share_of_industry: float | None
    tensions: list = field(default_factory=list)
    rome_codes: list[str] = field(default_factory=list)

    @property
    def bars(self) -> list[Bar]:
        """Sector-comparable jobs beside filière jobs, for the filière page's chart."""
        if self.row is None:
            return []
        return _bars([("sector", str(_("Secteur (activités industrielles)")), self.row.reference_jobs_shown or 0),
                      ("filiere", str(_("Filière (avec les services)")), self.row.jobs_shown)])


def filiere_rome_codes(filiere: Filiere) -> list[str]:
    """ROME codes of the filière's FAP 87 families (through the FAP 225 ↔ ROME crosswalk), one query."""
    families = filiere.get_fap_codes()
    if not families:
        return []
    condition = Q()
    for family in families:
        condition |= Q(fap__code__startswith=family)
    return sorted(set(RomeFapLink.objects.filter(condition).values_list("rome__code", flat=True)))


def temporary_work_note(share) -> str:
    """How the 78.20Z share of a filière is obtained, with the statisticians' source (French)."""
    return _("%(share)s des intérimaires travaillent dans l’industrie (%(source)s, %(vintage)s), répartis entre "
             "les filières au prorata de leurs achats de services administratifs et de soutien (tableau "
             "entrées-sorties)") % {"share": french_percent(float(share.industry_share)), "source": share.source,
                                    "vintage": share.vintage}


def effective_temporary_work_shares(share) -> dict[str, float]:
    """Share of 78.20Z jobs counted in each filière (0–1), as the computation uses it (one query)."""
    rules = [scope.as_rule() for scope in FiliereScope.objects.filter(code=definitions.TEMPORARY_AGENCY_NAF)
             .select_related("filiere")]
    return {rule.filiere: rule.share for rule in definitions.apply_temporary_work_share(rules, share.fraction)}


def filiere_detail(filiere: Filiere, figures: IndustryFigures | None, *, with_tensions: bool = True) -> FiliereDetail:
    """A filière's scope as the computation uses it (78.20Z at its sourced share), its figures and tensions."""
    scopes = list(filiere.scopes.all())
    labels = dict(NafActivity.objects.filter(code__in=[scope.code for scope in scopes]).values_list("code", "label"))
    temporary: dict[str, float] = {}
    note = ""
    if any(scope.code == definitions.TEMPORARY_AGENCY_NAF for scope in scopes):
        share = temporary_work_share()
        temporary, note = effective_temporary_work_shares(share), temporary_work_note(share)
    scope_rows = []
    for scope in scopes:
        used = float(scope.share)
        source = scope.source
        if scope.code == definitions.TEMPORARY_AGENCY_NAF and filiere.slug in temporary:
            used, source = temporary[filiere.slug], note
        scope_rows.append({
            "code": scope.code,
            "label": labels.get(scope.code) or definitions.A38_LABELS.get(scope.code, ""),
            "share": round(used, 4), "percent": used * 100, "kind": scope.get_kind_display(),
            "is_core": scope.kind == "core", "source": source,
        })
    row = None
    share = None
    if figures is not None:
        row = next((r for r in figures.filieres if r.code == filiere.slug), None)
        total = figures.total(Definition.FILIERE)
        if row is not None and total is not None and total.jobs:
            share = 100 * row.jobs / total.jobs
    detail = FiliereDetail(row=row, scopes=scope_rows, share_of_industry=share)
    if with_tensions and figures is not None:
        detail.rome_codes = filiere_rome_codes(filiere)
        if detail.rome_codes:
            from observatory.services import top_tension_occupations

            detail.tensions = list(top_tension_occupations(figures.asked or figures.territory,
                                                           rome_codes=detail.rome_codes, limit=8))
    return detail


# --- CSV downloads ------------------------------------------------------------------------------

CSV_TABLES = ("definitions", "filieres", "branches")


class SafeCsvWriter:
    """``csv.writer`` whose rows pass through :func:`website.csv_safety.neutralise_row`."""

    def __init__(self, stream) -> None:
        self._writer = csv.writer(stream)

    def writerow(self, row) -> Any:
        return self._writer.writerow(neutralise_row(row))


def _csv(filename: str) -> tuple[HttpResponse, csv.writer]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # BOM: spreadsheet software then reads the accents right
    return response, SafeCsvWriter(response)


def _provenance(figures: IndustryFigures) -> list[str]:
    return [figures.territory.key, figures.territory.name, str(figures.year), " ; ".join(figures.sources)]


def csv_response(figures: IndustryFigures | None, table: str) -> HttpResponse:
    """One of the figures page's tables as CSV (same rows as the HTML table, with provenance columns)."""
    if figures is None:
        response, writer = _csv(f"industrie-{table}.csv")
        writer.writerow([_("Aucun résultat publié")])
        return response
    response, writer = _csv(f"industrie-{table}-{slugify(figures.territory.key)}-{figures.year}.csv")
    head = ["territoire", "nom_territoire", "annee", "source"]
    if table == "definitions":
        writer.writerow([*head, "definition", "emplois", "ecart_emplois_vs_secteur", "ecart_pourcent_vs_secteur",
                         "methode"])
        for row in figures.totals:
            writer.writerow([*_provenance(figures), row.definition, row.jobs_shown, _num(row.gap_jobs_shown),
                             _num(row.gap_percent, 1), row.method])
    elif table == "filieres":
        writer.writerow([*head, "filiere", "nom", "emplois_filiere", "emplois_coeur_secteur", "emplois_services",
                         "ecart_pourcent"])
        for row in figures.filieres:
            writer.writerow([*_provenance(figures), row.code, row.label, row.jobs_shown,
                             _num(row.reference_jobs_shown), _num(row.gap_jobs_shown), _num(row.gap_percent, 1)])
    else:
        writer.writerow([*head, "definition", "branche_a38", "libelle", "emplois", "emplois_secteur"])
        for definition in DEFINITION_ORDER:
            for row in figures.branches(definition):
                writer.writerow([*_provenance(figures), row.definition, row.code, row.label, row.jobs_shown,
                                 _num(row.reference_jobs_shown)])
    return response


def filiere_csv_response(filiere: Filiere, detail: FiliereDetail, figures: IndustryFigures | None) -> HttpResponse:
    """A filière's scope and figures as CSV."""
    response, writer = _csv(f"filiere-{filiere.slug}.csv")
    writer.writerow(["filiere", "code", "libelle", "nature", "part", "source_de_la_part"])
    for scope in detail.scopes:
        writer.writerow([filiere.slug, scope["code"], scope["label"], scope["kind"], scope["share"], scope["source"]])
    if figures is not None and detail.row is not None:
        writer.writerow([])
        writer.writerow(["territoire", "annee", "emplois_filiere", "emplois_coeur_secteur", "ecart_emplois",
                         "ecart_pourcent", "source"])
        writer.writerow([figures.territory.key, figures.year, detail.row.jobs_shown,
                         _num(detail.row.reference_jobs_shown), _num(detail.row.gap_jobs_shown),
                         _num(detail.row.gap_percent, 1), " ; ".join(figures.sources)])
    return response


def _num(value: float | None, digits: int = 0) -> str:
    """A CSV cell: empty for None, rounded half up like the page (``observatory.figures``), decimal point."""
    if value is None:
        return ""
    return str(round_half_up(value, digits))
