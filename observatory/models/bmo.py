"""BMO occupations (« métiers BMO »), the FAP 2021 nomenclature, and which métier stands for a ROME code.

France Travail's BMO survey codes its métiers in the DARES families of its time: FAP 2009 until
2023 (``D2Z40``), FAP 2021 from 2024 (``D2X40``). A code is only comparable within one
nomenclature, so each métier is stored with it. :class:`RomeBmoLink` is the explicit, editable
mapping from a ROME occupation (hence a job profile) to the BMO métier whose figures it shows.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .nomenclatures import RomeOccupation


class FapNomenclature(models.TextChoices):
    FAP2009 = "fap2009", _("FAP 2009")
    FAP2021 = "fap2021", _("FAP 2021")


class Fap2021Family(models.Model):
    """A family of the DARES FAP 2021 nomenclature (``Intitules_FAP2021.csv``): 22 domains (``A``),
    86 families (``A0X``), 228 (``A0X41``) and 341 detailed families (``A0X41a``)."""

    code = models.CharField(_("code FAP 2021"), max_length=8, unique=True)
    label = models.CharField(_("libellé"), max_length=250)
    level = models.PositiveSmallIntegerField(_("niveau"), help_text=_("22, 86, 228 ou 341."))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name=_("parent"))

    class Meta:
        verbose_name = _("famille professionnelle FAP 2021")
        verbose_name_plural = _("familles professionnelles FAP 2021")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"


class BmoOccupation(models.Model):
    """A métier of the BMO survey, in the nomenclature of its year (written by the BMO importer)."""

    nomenclature = models.CharField(_("nomenclature"), max_length=8, choices=FapNomenclature.choices)
    code = models.CharField(_("code métier BMO"), max_length=8)
    label = models.CharField(_("métier BMO"), max_length=200)
    family = models.CharField(_("famille de métiers BMO"), max_length=4, blank=True,
                              help_text=_("« Famille_met » du fichier : ex. I (métiers de l'industrie)."))
    family_label = models.CharField(_("libellé de la famille"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("métier BMO")
        verbose_name_plural = _("métiers BMO")
        ordering = ["nomenclature", "code"]
        constraints = [models.UniqueConstraint(fields=["nomenclature", "code"], name="observatory_bmoocc_unique")]

    def __str__(self) -> str:
        return f"{self.code} — {self.label} ({self.get_nomenclature_display()})"


class RomeBmoLink(index.Indexed, models.Model):
    """Which BMO métier's hiring projects a ROME occupation shows, per nomenclature.

    Proposed after each BMO publication (``observatory.bmo_links``) and never overwritten there:
    FAP 2009 métiers through the official ROME ↔ FAP 2009 crosswalk (``crosswalk``); FAP 2021
    métiers matched to those by code (``A0Z40`` → ``A0X40``) or label, to be checked by a
    statistician (``checked``). Any link can be edited, deleted or added by hand (``manual``).
    """

    class Method(models.TextChoices):
        CROSSWALK = "crosswalk", _("correspondance officielle ROME ↔ FAP 2009")
        SAME_CODE = "same_code", _("FAP 2021 : même code que le métier FAP 2009")
        SAME_LABEL = "same_label", _("FAP 2021 : même intitulé que le métier FAP 2009")
        SIMILAR_LABEL = "similar_label", _("FAP 2021 : intitulé le plus proche (à vérifier)")
        MANUAL = "manual", _("choisi par un statisticien")

    rome = models.ForeignKey(RomeOccupation, on_delete=models.CASCADE, related_name="bmo_links",
                             verbose_name=_("métier ROME"))
    occupation = models.ForeignKey(BmoOccupation, on_delete=models.CASCADE, related_name="rome_links",
                                   verbose_name=_("métier BMO"))
    method = models.CharField(_("origine"), max_length=16, choices=Method.choices, default=Method.MANUAL)
    checked = models.BooleanField(_("vérifié par un statisticien"), default=False)
    note = models.CharField(_("remarque"), max_length=250, blank=True)

    panels = [FieldPanel("rome"), FieldPanel("occupation"), FieldPanel("method"), FieldPanel("checked"),
              FieldPanel("note")]
    search_fields = [index.FilterField("checked"), index.FilterField("method")]

    class Meta:
        verbose_name = _("lien métier ROME → métier BMO")
        verbose_name_plural = _("liens métiers ROME → métiers BMO")
        ordering = ["rome__code", "occupation__nomenclature"]
        constraints = [models.UniqueConstraint(fields=["rome", "occupation"], name="observatory_romebmo_unique")]

    def __str__(self) -> str:
        return f"{self.rome_id} → {self.occupation}"
