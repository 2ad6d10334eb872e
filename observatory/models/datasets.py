"""Datasets: one row per imported file version, with its provenance and publication status."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from observatory.freshness import Cadence


class DatasetKind(models.TextChoices):
    TERRITORIES = "territories", _("Territoires (COG INSEE)")
    ZONES_EMPLOI = "zones-emploi", _("Zones d'emploi 2020 et leurs communes (Insee)")
    ROME = "rome", _("Métiers ROME")
    ROME_RIASEC = "rome-riasec", _("Codes RIASEC des métiers ROME")
    ROME_APPELLATIONS = "rome-appellations", _("Appellations des métiers ROME (intitulés d'emploi)")
    ROME_MOBILITY = "rome-mobility", _("Mobilités entre fiches ROME 4.0 (métiers proches)")
    FAP = "fap", _("Familles professionnelles FAP 2009")
    FAP_ROME = "fap-rome", _("Correspondance FAP ↔ ROME")
    FAP2021 = "fap-2021", _("Familles professionnelles FAP 2021")
    NAF = "naf", _("Activités NAF rév. 2")
    TENSION = "tension", _("Tensions sur le marché du travail (Dares)")
    BMO = "bmo", _("Besoins en main-d'œuvre (France Travail)")
    EMPLOYMENT = "employment", _("Emploi salarié par activité")
    EMPLOYMENT_URSSAF = "employment-urssaf", _("Emploi salarié privé par commune × APE (Urssaf)")
    INSERJEUNES_CFA = "inserjeunes-cfa", _("Devenir des apprentis par CFA (InserJeunes)")
    OCCUPATION_STATS = "occupation-stats", _("Portrait statistique des métiers (Dares)")
    UNEMPLOYMENT_ZONES = "unemployment-zones", _("Taux de chômage par zone d'emploi (Insee)")
    # Input–output tables (industry definitions, see observatory/industry_import.py).
    IO_TABLE = "io-table", _("Tableau entrées-sorties symétrique")
    IO_INSEE_A38 = "io-insee-a38", _("Tableau entrées-sorties INSEE A38")


#: When each kind's publisher releases its next edition (see observatory/freshness.py), from past
#: release dates. None: no yearly edition to wait for — a nomenclature changes when its publisher
#: revises it (FAP 2009 → FAP 2021, ROME v3 → 4.0, NAF rév. 2 → NAF 2025), the Dares portraits pool
#: several years and are renewed irregularly, an input–output table is a one-off extraction.
PUBLICATION_CADENCES: dict[str, Cadence | None] = {
    DatasetKind.TENSION: Cadence(
        "des indicateurs de tension (Dares)", month=4, lag_years=2, at_latest=True,
        calendar="Dares Résultats « Les tensions sur le marché du travail en N » : 2022 paru en novembre 2023, "
                 "2023 le 24 avril 2025, 2024 le 4 février 2026.",
    ),
    DatasetKind.BMO: Cadence(
        "des BMO", month=4,
        calendar="France Travail, enquête Besoins en main-d'œuvre N, menée d'octobre à décembre N−1 et publiée "
                 "début avril N (BMO 2022 le 5 avril 2022, BMO 2023 en avril 2023).",
    ),
    DatasetKind.EMPLOYMENT: Cadence(
        "de l'emploi salarié par activité (Urssaf)", month=6, lag_years=1,
        calendar="Urssaf, effectifs salariés au 31 décembre N par commune × APE : mis à jour « fin d'année "
                 "+ ~160 jours », soit en juin N+1.",
    ),
    DatasetKind.EMPLOYMENT_URSSAF: Cadence(
        "de l'emploi salarié privé par commune × APE (Urssaf)", month=6, lag_years=1,
        calendar="Urssaf, effectifs salariés au 31 décembre N par commune × APE : mis à jour « fin d'année "
                 "+ ~160 jours », soit en juin N+1.",
    ),
    # Yearly, but no release month could be established from past releases here: not tracked (yet).
    DatasetKind.INSERJEUNES_CFA: None,
    DatasetKind.OCCUPATION_STATS: None,
    DatasetKind.TERRITORIES: None,
    DatasetKind.ZONES_EMPLOI: None,
    # Quarterly (each quarter about three months after its end, past quarters revised): no yearly
    # edition for the freshness check to wait for.
    DatasetKind.UNEMPLOYMENT_ZONES: None,
    DatasetKind.ROME: None,
    DatasetKind.ROME_RIASEC: None,
    DatasetKind.ROME_APPELLATIONS: None,
    DatasetKind.ROME_MOBILITY: None,
    DatasetKind.FAP: None,
    DatasetKind.FAP_ROME: None,
    DatasetKind.FAP2021: None,
    DatasetKind.NAF: None,
    DatasetKind.IO_TABLE: None,
    DatasetKind.IO_INSEE_A38: None,
}

#: Kinds that describe nomenclatures: applied directly (upsert), never versioned per vintage.
NOMENCLATURE_KINDS = frozenset({
    DatasetKind.TERRITORIES, DatasetKind.ZONES_EMPLOI, DatasetKind.ROME, DatasetKind.ROME_RIASEC, DatasetKind.ROME_APPELLATIONS, DatasetKind.FAP,
    DatasetKind.FAP_ROME, DatasetKind.ROME_MOBILITY, DatasetKind.NAF, DatasetKind.FAP2021,
})


#: Kinds whose every file carries its series' whole history, so that a newer vintage replaces the
#: older one of the same series: the DARES portraits give 3-year periods from 1982 (or 2003) to the
#: latest in each file. Every other kind publishes one version per vintage (a year's BMO survey
#: never replaces another year's).
CUMULATIVE_KINDS = frozenset({DatasetKind.OCCUPATION_STATS})

#: Names of the series a kind's files may carry (``Dataset.series``), for the admin's listing.
SERIES_LABELS: dict[str, str] = {
    "median_salary": _("salaire médian"),
    "share_women": _("part de femmes"),
    "share_temporary": _("part de l'intérim"),
    "age_band": _("âge"),
    "diploma": _("diplôme"),
    "sector": _("secteurs employeurs"),
}


class DatasetStatus(models.TextChoices):
    DRAFT = "draft", _("brouillon")
    PUBLISHED = "published", _("publié")
    REPLACED = "replaced", _("remplacé (archivé)")


class Dataset(models.Model):
    """A version of an imported file: what it is, where it comes from, who loaded it, whether it is live.

    Publishing a version archives the previously published version of the same publication
    (:meth:`publication_scope`: its kind, series and vintage) in the same transaction (status
    ``replaced``); its rows stay for audit and rollback. Files of one kind carrying different
    series (the DARES median salaries and share of women, both « occupation-stats ») are published
    side by side.
    """

    kind = models.CharField(_("type"), max_length=20, choices=DatasetKind.choices)
    title = models.CharField(_("titre"), max_length=200)
    source = models.CharField(_("source"), max_length=200, help_text=_("Ex. « Dares, France Travail »."))
    publisher = models.CharField(_("producteur"), max_length=200, blank=True)
    vintage = models.PositiveSmallIntegerField(_("millésime"), null=True, blank=True,
                                               help_text=_("Année des données (ex. 2019)."))
    series = models.CharField(
        _("série"), max_length=40, blank=True, default="",
        help_text=_("Pour un type dont les fichiers portent chacun une série différente (Portrait statistique "
                    "des métiers : salaire médian, part de femmes…) : publier une version ne remplace que la "
                    "version publiée de la même série. Rempli par l'import."),
    )
    licence = models.CharField(_("licence"), max_length=120, default="Licence Ouverte / Etalab 2.0")
    source_url = models.URLField(_("adresse de la source"), blank=True)
    original_filename = models.CharField(_("fichier d'origine"), max_length=255)
    checksum = models.CharField(_("empreinte SHA-256"), max_length=64)
    row_count = models.PositiveIntegerField(_("lignes"), default=0)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("importé par"))
    imported_at = models.DateTimeField(_("importé le"), auto_now_add=True)
    status = models.CharField(_("statut"), max_length=12, choices=DatasetStatus.choices, default=DatasetStatus.DRAFT)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    supersedes = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="superseded_by", verbose_name=_("remplace la version"))
    summary = models.TextField(_("résumé de l'import"), blank=True)
    public = models.BooleanField(
        _("données publiques"), default=True,
        help_text=_("Décoché pour une table de contrôle ou de référence (exemple d'un manuel, fichier de test) : "
                    "elle sert aux vérifications mais n'est ni listée sur le site ni servie par l'API."),
    )
    synthetic = models.BooleanField(
        _("données synthétiques"), default=False,
        help_text=_("Chiffres générés ou estimés, non publiés par un service statistique : ils le disent "
                    "partout (pages, CSV, API) et n'ont ni producteur, ni licence, ni adresse officiels."),
    )

    class Meta:
        verbose_name = _("jeu de données")
        verbose_name_plural = _("jeux de données")
        ordering = ["-imported_at", "-pk"]
        permissions = [
            ("import_dataset", _("Peut importer des jeux de données")),
            ("publish_dataset", _("Peut publier ou restaurer un jeu de données")),
        ]
        indexes = [models.Index(fields=["kind", "status"], name="observatory_dataset_kind_st")]

    def __str__(self) -> str:
        vintage = f" {self.vintage}" if self.vintage else ""
        return f"{self.title}{vintage} — {self.get_status_display()} (n° {self.pk})"

    def save(self, *args, **kwargs) -> None:
        # A synthetic file is nobody's official publication: no publisher, licence or address may
        # lend it one, whatever the kind's defaults say.
        if self.synthetic:
            self.publisher, self.licence, self.source_url = "", "", ""
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == DatasetStatus.PUBLISHED

    @property
    def series_label(self) -> str:
        """The series in words (« part de femmes »), or the empty string for a kind with one series."""
        return str(SERIES_LABELS.get(self.series, self.series))

    def publication_scope(self) -> dict[str, object]:
        """Field values shared by the versions that this one replaces when it is published.

        Same kind and series; same vintage too, except for the cumulative kinds
        (:data:`CUMULATIVE_KINDS`), where a newer vintage of a series replaces the older.
        """
        scope: dict[str, object] = {"kind": self.kind, "series": self.series}
        if self.kind not in CUMULATIVE_KINDS:
            scope["vintage"] = self.vintage
        return scope

    @property
    def attribution(self) -> str:
        """« Source : Dares, France Travail (2019) » — what every figure shown must carry."""
        vintage = f" ({self.vintage})" if self.vintage else ""
        return f"{self.source}{vintage}"
