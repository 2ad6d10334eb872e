"""Indicators loaded from datasets: tension, hiring projects (BMO), employment, occupation statistics.

Each row belongs to the :class:`~observatory.models.Dataset` it came from. The public site
only reads rows of *published* datasets (``published()`` managers below). ``OccupationTension``
is derived (ROME code × territory → the tension row that represents it), recomputed on each
publication so that pages never compute it per request.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .datasets import Dataset, DatasetStatus
from .industry import Definition
from .nomenclatures import FapFamily, NafActivity, RomeOccupation, Territory


class PublishedQuerySet(models.QuerySet):
    def published(self):
        """Rows of published datasets only (what the public site and the API show)."""
        return self.filter(dataset__status=DatasetStatus.PUBLISHED)


class TensionIndicator(models.Model):
    """DARES tension indicators for one FAP family × territory × year.

    ``score`` is the standardised composite (z-score scale); ``level`` its 1–5 category
    (cut points −0.5647, −0.2598, 0.1300, 0.5097). The six complementary indicators are
    1–5 categories as published. ``employment`` is the average number of people employed.
    """

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="tension_rows")
    fap = models.ForeignKey(FapFamily, on_delete=models.PROTECT, related_name="tension_rows")
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="tension_rows")
    year = models.PositiveSmallIntegerField(_("année"))
    employment = models.PositiveIntegerField(_("emploi moyen"), null=True, blank=True)
    score = models.FloatField(_("indicateur de tension"), null=True, blank=True)
    level = models.PositiveSmallIntegerField(_("niveau de tension (1–5)"), null=True, blank=True)
    hiring_intensity = models.PositiveSmallIntegerField(_("intensité d'embauches"), null=True, blank=True)
    training_link = models.PositiveSmallIntegerField(_("lien formation-emploi"), null=True, blank=True)
    lack_of_workforce = models.PositiveSmallIntegerField(_("manque de main-d'œuvre disponible"), null=True, blank=True)
    non_durable_employment = models.PositiveSmallIntegerField(_("non-durabilité de l'emploi"), null=True, blank=True)
    working_conditions = models.PositiveSmallIntegerField(_("conditions de travail contraignantes"), null=True,
                                                          blank=True)
    geographic_mismatch = models.PositiveSmallIntegerField(_("inadéquation géographique"), null=True, blank=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicateur de tension")
        verbose_name_plural = _("indicateurs de tension")
        constraints = [models.UniqueConstraint(fields=["dataset", "fap", "territory", "year"],
                                               name="observatory_tension_unique")]
        indexes = [models.Index(fields=["territory", "fap"], name="observatory_tension_terr_fap")]

    def __str__(self) -> str:
        return f"{self.fap_id} · {self.territory_id} · {self.year}"


class HiringProjects(models.Model):
    """France Travail BMO survey: hiring projects for one BMO occupation × territory × year.

    Counts summed from the survey's employment-area rows; a cell published as ``*``
    (statistical secrecy) is never guessed: it is left out of the sums and ``has_secret``
    says the total is a lower bound. ``None`` means every contributing cell was secret.
    """

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="hiring_rows")
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="hiring_rows")
    year = models.PositiveSmallIntegerField(_("année"))
    occupation_code = models.CharField(_("code métier BMO"), max_length=8)
    occupation_label = models.CharField(_("métier BMO"), max_length=200)
    fap = models.ForeignKey(FapFamily, null=True, blank=True, on_delete=models.PROTECT, related_name="hiring_rows")
    projects = models.PositiveIntegerField(_("projets de recrutement"), null=True, blank=True)
    difficult = models.PositiveIntegerField(_("projets jugés difficiles"), null=True, blank=True)
    seasonal = models.PositiveIntegerField(_("projets saisonniers"), null=True, blank=True)
    has_secret = models.BooleanField(_("secret statistique partiel"), default=False)
    #: Which of the three sums leaves out a cell under secrecy (a lower bound: « au moins »).
    projects_partial = models.BooleanField(_("projets : secret partiel"), default=False)
    difficult_partial = models.BooleanField(_("difficiles : secret partiel"), default=False)
    seasonal_partial = models.BooleanField(_("saisonniers : secret partiel"), default=False)
    nomenclature = models.CharField(_("nomenclature des métiers"), max_length=8, default="fap2009",
                                    help_text=_("FAP 2009 jusqu'en 2023, FAP 2021 depuis 2024 : un code n'est "
                                                "comparable qu'à l'intérieur d'une nomenclature."))

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("projets de recrutement (BMO)")
        verbose_name_plural = _("projets de recrutement (BMO)")
        constraints = [models.UniqueConstraint(fields=["dataset", "territory", "occupation_code", "year"],
                                               name="observatory_hiring_unique")]
        indexes = [models.Index(fields=["territory", "fap"], name="observatory_hiring_terr_fap")]

    def __str__(self) -> str:
        return f"{self.occupation_code} · {self.territory_id} · {self.year}"

    @property
    def share_difficult(self) -> float | None:
        """Share of projects judged difficult, in %: only where both sums are complete (None under secrecy)."""
        if not self.projects or self.difficult is None or self.projects_partial or self.difficult_partial:
            return None
        return round(100 * self.difficult / self.projects, 1)

    @property
    def share_seasonal(self) -> float | None:
        """Share of seasonal projects, in %: only where both sums are complete (None under secrecy)."""
        if not self.projects or self.seasonal is None or self.projects_partial or self.seasonal_partial:
            return None
        return round(100 * self.seasonal / self.projects, 1)


class EmploymentQuerySet(PublishedQuerySet):
    def current(self):
        """Published rows, one dataset per territory × year: real figures before synthetic ones, then
        the latest published.

        Two kinds of file feed :class:`Employment` (``employment``, long layout, and
        ``employment-urssaf``, the Urssaf commune × APE file summed by territory): when an official
        file covers a territory and year that the demo's synthetic file also covers, the official
        one replaces it in every figure, without anything being deleted; two official versions of
        the same year are never added up either.
        """
        better = Employment.objects.filter(
            territory=models.OuterRef("territory"), year=models.OuterRef("year"),
            dataset__status=DatasetStatus.PUBLISHED,
        ).filter(
            models.Q(dataset__synthetic__lt=models.OuterRef("dataset__synthetic"))
            | models.Q(dataset__synthetic=models.OuterRef("dataset__synthetic"),
                       dataset__published_at__gt=models.OuterRef("dataset__published_at"))
        )
        return self.published().exclude(models.Exists(better))


class Employment(models.Model):
    """Salaried employment (number of jobs) by NAF activity × territory × year (URSSAF/INSEE open data).

    ``is_secret``: the figure leaves out values under statistical secrecy — a lower bound
    (« au moins ») when ``employees`` is set, unknown when it is None. Read through
    ``Employment.objects.current()`` (one dataset per territory × year).
    """

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="employment_rows")
    naf = models.ForeignKey(NafActivity, on_delete=models.PROTECT, related_name="employment_rows")
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="employment_rows")
    year = models.PositiveSmallIntegerField(_("année"))
    employees = models.PositiveIntegerField(_("effectif salarié"), null=True, blank=True)
    is_secret = models.BooleanField(_("secret statistique"), default=False)

    objects = EmploymentQuerySet.as_manager()

    class Meta:
        verbose_name = _("emploi salarié")
        verbose_name_plural = _("emploi salarié")
        constraints = [models.UniqueConstraint(fields=["dataset", "naf", "territory", "year"],
                                               name="observatory_employment_unique")]
        indexes = [models.Index(fields=["territory", "year"], name="observatory_employment_terr_y")]

    def __str__(self) -> str:
        return f"{self.naf_id} · {self.territory_id} · {self.year}"


class ApprenticeOutcome(models.Model):
    """InserJeunes (Ministry of Education): what the apprentices of one CFA became after leaving.

    One row per centre (``uai``, its official identifier) and cohort (``cumul 2022-2023``: leavers of
    two school years pooled, all diplomas together). Rates in %: in employment 6, 12, 18 and 24 months
    after leaving, the 6-month rate expected for the centre's diplomas and local labour market and the
    value added (rate − expected), in further study; None where too few leavers to publish.
    """

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="apprentice_outcome_rows")
    uai = models.CharField(_("UAI du CFA"), max_length=8)
    label = models.CharField(_("CFA"), max_length=250)
    region = models.CharField(_("région (libellé publié)"), max_length=60, blank=True)
    cohort = models.CharField(_("cohorte"), max_length=20, help_text=_("Ex. « cumul 2022-2023 »."))
    cohort_end_year = models.PositiveSmallIntegerField(_("année de fin de la cohorte"))
    employment_6m = models.FloatField(_("taux d'emploi à 6 mois (%)"), null=True, blank=True)
    employment_6m_expected = models.FloatField(_("taux d'emploi à 6 mois attendu (%)"), null=True, blank=True)
    value_added_6m = models.FloatField(_("valeur ajoutée à 6 mois (points)"), null=True, blank=True)
    employment_12m = models.FloatField(_("taux d'emploi à 12 mois (%)"), null=True, blank=True)
    employment_18m = models.FloatField(_("taux d'emploi à 18 mois (%)"), null=True, blank=True)
    employment_24m = models.FloatField(_("taux d'emploi à 24 mois (%)"), null=True, blank=True)
    further_study = models.FloatField(_("taux de poursuite d'études (%)"), null=True, blank=True)
    interrupted = models.FloatField(_("part de contrats interrompus (%)"), null=True, blank=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("devenir des apprentis d'un CFA (InserJeunes)")
        verbose_name_plural = _("devenir des apprentis par CFA (InserJeunes)")
        constraints = [models.UniqueConstraint(fields=["dataset", "uai", "cohort"],
                                               name="observatory_apprentice_outcome_unique")]
        indexes = [models.Index(fields=["uai", "cohort_end_year"], name="observatory_apprentice_uai")]

    def __str__(self) -> str:
        return f"{self.uai} · {self.cohort}"


class UnemploymentRate(models.Model):
    """INSEE localised unemployment rate (ILO definition, %, seasonally adjusted quarterly average) of one
    zone d'emploi (or regional part of one) × quarter: « Taux de chômage localisés », Insee.

    ``year`` and ``quarter`` (1–4) together name the period published as ``2023-T3``.
    """

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="unemployment_rows")
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="unemployment_rows")
    year = models.PositiveSmallIntegerField(_("année"))
    quarter = models.PositiveSmallIntegerField(_("trimestre"))
    rate = models.FloatField(_("taux de chômage (%)"))

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("taux de chômage par zone d'emploi")
        verbose_name_plural = _("taux de chômage par zone d'emploi")
        constraints = [models.UniqueConstraint(fields=["dataset", "territory", "year", "quarter"],
                                               name="observatory_unemployment_unique")]
        indexes = [models.Index(fields=["territory", "year", "quarter"], name="observatory_unemp_terr_q")]

    def __str__(self) -> str:
        return f"{self.territory_id} · {self.period}"

    @property
    def period(self) -> str:
        """The period as INSEE writes it: ``2023-T3``."""
        return f"{self.year}-T{self.quarter}"


class OccupationStats(models.Model):
    """DARES « Portrait statistique des métiers » figures for a FAP family (France).

    Long format: one row per (indicator, dimension, period). ``indicator`` is one of
    ``median_salary`` (€ net monthly), ``share_women`` (%), ``share_temporary`` (%),
    ``age_band`` (thousands, dimension = band), ``diploma`` (%, dimension = level),
    ``sector`` (thousands, dimension = A38 sector code).
    """

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="occupation_stat_rows")
    fap = models.ForeignKey(FapFamily, on_delete=models.PROTECT, related_name="stat_rows")
    indicator = models.CharField(_("indicateur"), max_length=24)
    dimension = models.CharField(_("modalité"), max_length=80, blank=True)
    dimension_label = models.CharField(_("libellé de la modalité"), max_length=200, blank=True)
    period = models.CharField(_("période"), max_length=12)
    value = models.FloatField(_("valeur"), null=True, blank=True)
    unit = models.CharField(_("unité"), max_length=12)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("statistique de métier")
        verbose_name_plural = _("statistiques de métiers")
        constraints = [models.UniqueConstraint(fields=["dataset", "fap", "indicator", "dimension", "period"],
                                               name="observatory_occstats_unique")]

    def __str__(self) -> str:
        return f"{self.fap_id} · {self.indicator} {self.dimension} · {self.period}"


class OccupationTension(models.Model):
    """Derived: for a ROME code and a territory, the published tension row that represents it.

    A ROME code feeds one or more FAP 225 families; its default family (the one a qualified
    job-seeker is counted in, ``RomeFapLink.is_default``) is used. Rebuilt on every publication of
    a tension or crosswalk dataset (``observatory.importers.derived``).
    """

    rome = models.ForeignKey(RomeOccupation, on_delete=models.CASCADE, related_name="tensions")
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="occupation_tensions")
    tension = models.ForeignKey(TensionIndicator, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("tension par métier ROME (calculée)")
        verbose_name_plural = _("tensions par métier ROME (calculées)")
        constraints = [models.UniqueConstraint(fields=["rome", "territory"], name="observatory_occtension_unique")]
        indexes = [models.Index(fields=["territory", "score"], name="observatory_occtension_score")]

    def __str__(self) -> str:
        return f"{self.rome_id} · {self.territory_id}"


class KeyIndicator(index.Indexed, models.Model):
    """A figure editors can place on a page: a measure × territory (× occupation or activity).

    Editors choose *what* to show; the number itself always comes from the latest published
    dataset, with its source and vintage (see :meth:`current`).
    """

    class Measure(models.TextChoices):
        TENSION_LEVEL = "tension_level", _("Niveau de tension d'une famille de métiers")
        HIRING_PROJECTS = "hiring_projects", _("Projets de recrutement (BMO)")
        HIRING_DIFFICULT = "hiring_difficult", _("Part des recrutements jugés difficiles (BMO)")
        EMPLOYMENT = "employment", _("Emploi salarié d'une activité NAF")
        MEDIAN_SALARY = "median_salary", _("Salaire médian net d'une famille de métiers (France)")
        SHARE_WOMEN = "share_women", _("Part de femmes dans une famille de métiers (France)")
        INDUSTRY_JOBS = "industry_jobs", _("Emploi industriel selon une définition (secteur, filières, entrées-sorties)")

    #: Measures DARES publishes for France only (« Portrait statistique des métiers »): the
    #: territory set on the indicator is not used, the figure says « France entière ».
    NATIONAL_MEASURES = frozenset({Measure.MEDIAN_SALARY, Measure.SHARE_WOMEN})

    title = models.CharField(_("intitulé"), max_length=120,
                             help_text=_("Texte affiché sous le chiffre, ex. « projets de recrutement en 2024 »."))
    measure = models.CharField(_("mesure"), max_length=20, choices=Measure.choices)
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="+", verbose_name=_("territoire"))
    fap = models.ForeignKey(FapFamily, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("famille de métiers"),
                            help_text=_("Obligatoire pour le niveau de tension, le salaire médian et la part de "
                                        "femmes (famille détaillée FAP 225 ou famille FAP 87) ; facultatif pour "
                                        "les projets BMO."))
    naf = models.ForeignKey(NafActivity, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("activité NAF"), help_text=_("Obligatoire pour l'emploi salarié."))

    definition = models.CharField(
        _("définition de l'industrie"), max_length=10, blank=True,
        choices=Definition.choices,
        help_text=_("Obligatoire pour l'emploi industriel."))

    panels = [FieldPanel("title"), FieldPanel("measure"), FieldPanel("territory"), FieldPanel("fap"),
              FieldPanel("naf"), FieldPanel("definition")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("chiffre clé")
        verbose_name_plural = _("chiffres clés")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.measure == self.Measure.TENSION_LEVEL and not self.fap_id:
            raise ValidationError({"fap": _("Choisissez la famille de métiers dont afficher la tension.")})
        if self.measure == self.Measure.EMPLOYMENT and not self.naf_id:
            raise ValidationError({"naf": _("Choisissez l'activité NAF dont afficher l'emploi.")})
        if self.measure == self.Measure.MEDIAN_SALARY and not self.fap_id:
            raise ValidationError({"fap": _("Choisissez la famille de métiers dont afficher le salaire médian.")})
        if self.measure == self.Measure.SHARE_WOMEN and not self.fap_id:
            raise ValidationError({"fap": _("Choisissez la famille de métiers dont afficher la part de femmes.")})
        if self.measure == self.Measure.INDUSTRY_JOBS and not self.definition:
            raise ValidationError({"definition": _("Choisissez la définition de l'industrie à compter.")})

    def current(self):
        """The figure from the latest published dataset, or None (see ``observatory.services``)."""
        from observatory.services import key_indicator_value

        return key_indicator_value(self)
