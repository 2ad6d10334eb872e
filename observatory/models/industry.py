"""Industry redefined: filières and their scope, input–output tables, precomputed employment results.

The three definitions (sector NAF B–E, filière, input–output) are computed by the pure functions
of :mod:`observatory.industry` and stored here by ``observatory.industry_service.recompute_industry``
after every import or scope edit; pages and the API only read :class:`IndustryEmploymentResult`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable
from wagtail.search import index

from observatory.figures import jobs_rounding_step, round_jobs
from observatory.industry import definitions

from .datasets import Dataset
from .nomenclatures import Territory

#: Dataset kinds of input–output tables (stored in ``Dataset.kind``): UN-handbook layout, INSEE A38 extraction.
IO_TABLE_KIND = "io-table"
IO_INSEE_KIND = "io-insee-a38"
IO_KINDS = frozenset({IO_TABLE_KIND, IO_INSEE_KIND})


class FiliereForm(WagtailAdminModelForm):
    """Checks the scope being edited together with the other filières, so no job is counted twice."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("scopes")
        if formset is None or not formset.is_valid() or self.instance is None:
            return cleaned
        slug = cleaned.get("slug") or self.instance.slug
        rules = [
            definitions.ScopeRule(slug, form.cleaned_data["code"], float(form.cleaned_data["share"]),
                                  form.cleaned_data["kind"])
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        others = FiliereScope.objects.exclude(filiere__slug=slug).select_related("filiere")
        rules += [scope.as_rule() for scope in others]
        problems = definitions.validate_scope_rules(rules)
        if problems:
            raise ValidationError(problems)
        # Rules at different levels (« 10 » here, « 10.11Z » there) overlap only on some codes:
        # try every NAF sous-classe, as the computation will.
        from .nomenclatures import NafActivity

        index = definitions.ScopeIndex(rules)
        overlaps = []
        for code in NafActivity.objects.filter(level=NafActivity.Level.SUBCLASS).values_list("code", flat=True):
            try:
                index.attribution(code)
            except definitions.DefinitionError as error:
                overlaps.append(str(error))
        if overlaps:
            more = f" (et {len(overlaps) - 5} autres codes)" if len(overlaps) > 5 else ""
            raise ValidationError([*overlaps[:5], more] if more else overlaps)
        return cleaned


class Filiere(index.Indexed, ClusterableModel):
    """A filière (value chain): a family of products, the activities that make them and the services they buy.

    The ``slug`` is a stable contract: the careers app's filière pages and ``/metiers/?filiere=<slug>``
    refer to it. The scope lines (:class:`FiliereScope`) say which NAF activities count, and for
    how much.
    """

    slug = models.SlugField(_("identifiant"), max_length=40, unique=True,
                            help_text=_("Identifiant stable utilisé dans les adresses (ex. automobile). "
                                        "Ne le modifiez pas : d’autres pages y font référence."))
    name = models.CharField(_("nom"), max_length=120)
    summary = models.CharField(_("en une phrase"), max_length=255, blank=True)
    fap_families = models.CharField(
        _("familles professionnelles (FAP 87)"), max_length=200, blank=True,
        help_text=_("Codes FAP 87 des métiers clés de la filière, séparés par des virgules (ex. D1Z, D6Z, G1Z). "
                    "Ils servent à lister les métiers en tension."),
    )
    sort_order = models.PositiveSmallIntegerField(_("ordre d’affichage"), default=0)

    base_form_class = FiliereForm
    panels = [
        MultiFieldPanel([FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]), FieldPanel("summary"),
                         FieldRowPanel([FieldPanel("fap_families"), FieldPanel("sort_order")])],
                        heading=_("Filière")),
        HelpPanel(content=_(
            "<p><strong>Périmètre.</strong> Une ligne par activité : un code NAF (25, 25.6, 25.62 ou 25.62B) "
            "ou une branche A38 (CH). <em>Cœur</em> : activités industrielles de la filière, part 1 en général. "
            "<em>Service</em> : part (entre 0 et 1) des emplois d’une activité de services qui travaille pour "
            "la filière — intérim, ingénierie, maintenance, logistique, nettoyage… Les parts par défaut viennent "
            "du tableau entrées-sorties (part de la production du service achetée par la filière). "
            "Pour une même activité, les parts de toutes les filières ne peuvent pas dépasser 1 : "
            "un emploi n’est jamais compté deux fois. Citez toujours la source de la part.</p>"
            "<p>Les chiffres publiés sont recalculés dès l’enregistrement.</p>"
        )),
        InlinePanel("scopes", heading=_("Périmètre"), label=_("activité")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("slug")]

    class Meta:
        verbose_name = _("filière")
        verbose_name_plural = _("filières")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_fap_codes(self) -> list[str]:
        return [code.strip().upper() for code in self.fap_families.split(",") if code.strip()]


class ScopeKind(models.TextChoices):
    CORE = "core", _("cœur de filière")
    SERVICE = "service", _("service à l’industrie")


class FiliereScope(Orderable):
    """One activity of a filière's scope: NAF code or A38 branch, share of its jobs (0–1), and why."""

    filiere = ParentalKey(Filiere, on_delete=models.CASCADE, related_name="scopes")
    code = models.CharField(_("code NAF ou branche A38"), max_length=8,
                            help_text=_("Ex. 29, 30.30, 25.62B ou NZ."))
    share = models.DecimalField(_("part"), max_digits=6, decimal_places=4, default=1,
                                validators=[MinValueValidator(0), MaxValueValidator(1)],
                                help_text=_("Entre 0 et 1 : 0,25 = un quart des emplois de l’activité."))
    kind = models.CharField(_("nature"), max_length=8, choices=ScopeKind.choices, default=ScopeKind.CORE)
    source = models.CharField(_("source de la part"), max_length=255, blank=True,
                              help_text=_("Ex. « TES INSEE 2018 : part de la production de NZ achetée par CL »."))

    panels = [FieldRowPanel([FieldPanel("code"), FieldPanel("share"), FieldPanel("kind")]), FieldPanel("source")]

    class Meta(Orderable.Meta):
        verbose_name = _("activité du périmètre")
        verbose_name_plural = _("périmètre")

    def __str__(self) -> str:
        return f"{self.code} × {self.share}"

    def clean(self) -> None:
        code = self.code.strip().upper()
        if not definitions.is_a38_code(code):
            try:
                code = definitions.normalise_naf(code)
            except definitions.DefinitionError as error:
                raise ValidationError({"code": str(error)}) from error
        self.code = code

    def as_rule(self) -> definitions.ScopeRule:
        return definitions.ScopeRule(self.filiere.slug, self.code, float(self.share), self.kind)


class InputOutputTable(models.Model):
    """A symmetric input–output table (branch × branch), with its coefficients computed at import.

    Stored as JSON arrays (at most a few thousand numbers): ``flows`` Z (domestic), ``output`` x,
    ``final_demand`` f (if the source gives it), ``employment`` e by employment concept
    (``{"total": […], "salaried": […]}``, in ``employment_unit``; empty when the source carries no
    employment row, as INSEE's A38 extraction), ``coefficients`` A, ``leontief`` L = (I − A)⁻¹ and
    ``output_multipliers`` (column sums of L).
    """

    class Layout(models.TextChoices):
        UN_HANDBOOK = "un-handbook", _("tableau symétrique (présentation du manuel des Nations unies)")
        INSEE_A38 = "insee-a38", _("extraction INSEE A38 (tei, cpeb, ere, tess, branches)")

    dataset = models.OneToOneField(Dataset, on_delete=models.CASCADE, related_name="io_table")
    layout = models.CharField(_("présentation"), max_length=12, choices=Layout.choices)
    year = models.PositiveSmallIntegerField(_("année"))
    unit = models.CharField(_("unité monétaire"), max_length=40)
    codes = models.JSONField(_("codes des branches"))
    labels = models.JSONField(_("libellés des branches"))
    flows = models.JSONField(_("flux intermédiaires Z"))
    output = models.JSONField(_("production x"))
    final_demand = models.JSONField(_("demande finale f"), null=True, blank=True)
    employment = models.JSONField(_("emploi e, par concept d’emploi"), null=True, default=dict, blank=True,
                                  help_text=_("Emplois par branche pour chaque concept que porte le tableau : "
                                              "« total » (emploi total) et « salaried » (emploi salarié)."))
    employment_unit = models.CharField(_("unité de l’emploi"), max_length=40, blank=True)
    coefficients = models.JSONField(_("coefficients techniques A"))
    leontief = models.JSONField(_("inverse de Leontief L"))
    output_multipliers = models.JSONField(_("multiplicateurs de production"))

    class Meta:
        verbose_name = _("tableau entrées-sorties")
        verbose_name_plural = _("tableaux entrées-sorties")
        ordering = ["-year", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_layout_display()} {self.year}"

    def employment_for(self, concept: str) -> list[float] | None:
        """Employment by branch for one concept (``total`` or ``salaried``), or None if the table lacks it."""
        return (self.employment or {}).get(concept)

    @property
    def uses_a38(self) -> bool:
        """Whether the branches are INSEE's A38 codes (required for the territorial IO definition)."""
        return all(definitions.is_a38_code(code) for code in self.codes)


class Definition(models.TextChoices):
    SECTOR = "sector", _("Secteur (NAF B à E)")
    FILIERE = "filiere", _("Filières")
    IO = "io", _("Entrées-sorties")


class Breakdown(models.TextChoices):
    TOTAL = "total", _("total")
    BRANCH = "branch", _("branche A38")
    FILIERE = "filiere", _("filière")
    SENSITIVITY = "variant", _("variante de régionalisation (sensibilité)")


class IndustryEmploymentResultQuerySet(models.QuerySet):
    def totals(self):
        return self.filter(breakdown=Breakdown.TOTAL)


class IndustryEmploymentResult(models.Model):
    """Precomputed: industrial employment of a territory × year under one definition, for one breakdown line.

    ``jobs`` is the figure (jobs); ``reference_jobs`` the sector-comparable figure it is compared
    with (the sector total for totals; the filière's core jobs for a filière; the branch's sector
    jobs for a branch); ``gap_jobs`` and ``gap_percent`` the difference. Provenance: the employment
    dataset and, for the input–output definition, the table used.
    """

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="industry_results")
    year = models.PositiveSmallIntegerField(_("année"))
    definition = models.CharField(_("définition"), max_length=8, choices=Definition.choices)
    breakdown = models.CharField(_("ventilation"), max_length=8, choices=Breakdown.choices)
    code = models.CharField(_("code"), max_length=40, blank=True, help_text=_("Branche A38 ou filière ; vide : total."))
    label = models.CharField(_("libellé"), max_length=200)
    jobs = models.FloatField(_("emplois"))
    reference_jobs = models.FloatField(_("emplois, définition sectorielle"), null=True, blank=True)
    gap_jobs = models.FloatField(_("écart (emplois)"), null=True, blank=True)
    gap_percent = models.FloatField(_("écart (%)"), null=True, blank=True)
    employment_dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="+")
    io_table = models.ForeignKey(InputOutputTable, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    method = models.CharField(_("méthode"), max_length=20, blank=True,
                              help_text=_("Entrées-sorties : national, slq ou flq (régionalisation)."))
    computed_at = models.DateTimeField(_("calculé le"), auto_now_add=True)

    objects = IndustryEmploymentResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("emploi industriel (calculé)")
        verbose_name_plural = _("emploi industriel (calculé)")
        constraints = [models.UniqueConstraint(fields=["territory", "year", "definition", "breakdown", "code"],
                                               name="observatory_industry_result_unique")]
        indexes = [models.Index(fields=["territory", "year"], name="observatory_industry_terr_y")]
        ordering = ["territory", "year", "definition", "breakdown", "-jobs"]

    def __str__(self) -> str:
        return f"{self.territory_id} · {self.year} · {self.definition} · {self.code or 'total'}"

    # --- As published: every job figure of a row rounded to the same step, on pages, CSV and API ---

    @property
    def is_estimate(self) -> bool:
        """Filière and input–output figures rest on shares and coefficients: estimates, not counts."""
        return self.definition != Definition.SECTOR

    @property
    def rounding_step(self) -> int:
        """10 for counted jobs (sector), 100 for estimates of 1 000 jobs or more (see observatory.figures)."""
        return jobs_rounding_step(self.jobs, estimate=self.is_estimate)

    @property
    def jobs_shown(self) -> int | None:
        return round_jobs(self.jobs, self.rounding_step)

    @property
    def reference_jobs_shown(self) -> int | None:
        return round_jobs(self.reference_jobs, self.rounding_step)

    @property
    def gap_jobs_shown(self) -> int | None:
        return round_jobs(self.gap_jobs, self.rounding_step)


@register_setting(icon="group")
class TemporaryWorkShare(BaseGenericSetting):
    """The share of temporary agency workers (NAF 78.20Z) who work in industry, with its source.

    Temps are employed by agencies, a service; DARES counts them by sector of the *user*
    establishment. The filière definition attributes this share of 78.20Z jobs to industry,
    spread among filières in proportion to their 78.20Z scope lines (by default the part of the NZ
    branch's output each filière buys, from the input–output table): see
    :func:`observatory.industry.definitions.apply_temporary_work_share`. Statisticians edit it in
    Paramètres (granted by observatory/roles.py); saving recomputes the industry figures. The
    defaults are the DARES figures for the end of Q2 2013: 221 000 temps in industry out of 517 300.
    """

    industry_share = models.DecimalField(
        _("part des intérimaires travaillant dans l’industrie (%)"), max_digits=4, decimal_places=1, default=42.7,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("En pour cent, ex. 42,7. Intérimaires en mission dans un établissement utilisateur industriel "
                    "÷ ensemble des intérimaires."))
    industry_temps = models.PositiveIntegerField(
        _("intérimaires dans l’industrie"), null=True, blank=True, default=221_000,
        help_text=_("Facultatif : le nombre publié (équivalents temps plein ou fin de trimestre, comme la source)."))
    all_temps = models.PositiveIntegerField(
        _("ensemble des intérimaires"), null=True, blank=True, default=517_300,
        help_text=_("Facultatif : le total publié par la même source, au même moment."))
    vintage = models.CharField(_("période de référence"), max_length=80, default="fin du 2e trimestre 2013",
                               help_text=_("Ex. « fin du 2e trimestre 2013 »."))
    source = models.CharField(
        _("source"), max_length=255,
        default="Dares, L'emploi intérimaire au 2e trimestre 2013 (Dares Indicateurs), tableau 2")
    source_url = models.URLField(
        _("adresse de la source"), max_length=300, default="https://dares.travail-emploi.gouv.fr/donnees/lemploi-interimaire",
        help_text=_("Page de données de la Dares où la série par secteur de l’établissement utilisateur est mise à "
                    "jour chaque trimestre."))

    panels = [
        HelpPanel(content=_(
            "<p>Les intérimaires sont salariés des agences d’intérim (NAF 78.20Z), un service. Cette part dit "
            "combien d’entre eux travaillent en mission dans l’industrie, d’après la Dares (intérimaires par "
            "secteur de l’établissement utilisateur). Elle est répartie entre les filières au prorata de leurs "
            "lignes 78.20Z ; les chiffres publiés sont recalculés dès l’enregistrement.</p>")),
        FieldRowPanel([FieldPanel("industry_share"), FieldPanel("industry_temps"), FieldPanel("all_temps")]),
        FieldPanel("vintage"), FieldPanel("source"), FieldPanel("source_url"),
    ]

    class Meta:
        verbose_name = _("part de l’intérim dans l’industrie")

    def __str__(self) -> str:
        return f"{self.industry_share} % ({self.vintage})"

    @property
    def fraction(self) -> float:
        """The share as a fraction (0–1), as the scope rules use it."""
        return float(self.industry_share) / 100

    def clean(self) -> None:
        if self.industry_temps is not None and self.all_temps is not None:
            if self.industry_temps > self.all_temps:
                raise ValidationError({"industry_temps": _("Plus d’intérimaires dans l’industrie qu’au total.")})
            computed = 100 * self.industry_temps / self.all_temps if self.all_temps else 0.0
            if self.industry_share is not None and abs(computed - float(self.industry_share)) > 0.05:
                raise ValidationError({"industry_share": _(
                    "La part ne correspond pas aux nombres saisis : %(industry)s ÷ %(all)s = %(computed)s %%.") % {
                    "industry": self.industry_temps, "all": self.all_temps, "computed": f"{computed:.1f}"}})


def _temporary_work_share_changed(sender, instance: TemporaryWorkShare, created: bool = False, raw: bool = False,
                                  **kwargs) -> None:
    """A new share of temps in industry changes the filière figures: recompute them.

    Not on creation: ``TemporaryWorkShare.load()`` creates the row with the defaults the computation
    already used, possibly while a page is being read — that must not start a recomputation.
    """
    if created or raw:
        return
    from observatory.industry_service import schedule_recompute

    schedule_recompute()


models.signals.post_save.connect(_temporary_work_share_changed, sender=TemporaryWorkShare,
                                 dispatch_uid="industry_temporary_work_share_saved")


def _dataset_changed(sender, instance: Dataset, **kwargs) -> None:
    """A publication, replacement or deletion of employment or input–output data recomputes the figures."""
    if instance.kind in IO_KINDS or instance.kind in ("employment", "employment-urssaf"):
        from observatory.industry_service import schedule_recompute

        schedule_recompute()


models.signals.post_save.connect(_dataset_changed, sender=Dataset, dispatch_uid="industry_dataset_saved")
models.signals.post_delete.connect(_dataset_changed, sender=Dataset, dispatch_uid="industry_dataset_deleted")
