"""Nomenclatures: territories (INSEE COG), ROME occupations, FAP 2009 families, NAF rév. 2.

Every row is loaded by an importer from an official file (see ``observatory/importers``);
nothing here is typed by hand. Codes are the official ones, kept as text (``"02"``, ``"2A"``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TerritoryLevel(models.TextChoices):
    NATION = "nation", _("France")
    REGION = "region", _("région")
    DEPARTEMENT = "departement", _("département")
    ZONE_EMPLOI = "zone_emploi", _("zone d'emploi")
    #: France Travail's employment areas of the BMO survey: their own grid, never zones d'emploi
    #: (``BE-3201`` Abbeville Ponthieu is not ``ZE-3201``). Parent: the département.
    BASSIN_BMO = "bassin_bmo", _("bassin d'emploi BMO")


#: Prefix of the territory key for each level: "FR", "REG-32", "DEP-59", "ZE-3201".
KEY_PREFIX = {
    TerritoryLevel.REGION: "REG",
    TerritoryLevel.DEPARTEMENT: "DEP",
    TerritoryLevel.ZONE_EMPLOI: "ZE",
    TerritoryLevel.BASSIN_BMO: "BE",
}


def territory_key(level: str, code: str) -> str:
    """The stable key of a territory: ``FR`` for the nation, else ``<prefix>-<INSEE code>``."""
    if level == TerritoryLevel.NATION:
        return "FR"
    return f"{KEY_PREFIX[TerritoryLevel(level)]}-{code}"


class Territory(models.Model):
    """A territory of the official geographic code (COG): nation, région, département, zone d'emploi;
    or a BMO bassin (France Travail's own grid, loaded from the BMO files)."""

    key = models.CharField(_("clé"), max_length=16, unique=True, help_text=_("Ex. FR, REG-32, DEP-59, ZE-3201."))
    level = models.CharField(_("niveau"), max_length=12, choices=TerritoryLevel.choices)
    code = models.CharField(_("code INSEE"), max_length=8)
    name = models.CharField(_("nom"), max_length=120)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent"),
    )


    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        ordering = ["key"]
        constraints = [models.UniqueConstraint(fields=["level", "code"], name="observatory_territory_level_code")]

    def __str__(self) -> str:
        if self.level == TerritoryLevel.NATION:
            return self.name
        return f"{self.name} ({self.get_level_display()} {self.code})"

    def ancestors(self) -> list[Territory]:
        """This territory, then its parent, grand-parent… up to the nation (at most 4 levels).

        Walks ``parent`` links: callers that need it in one query use
        ``select_related("parent__parent__parent")``.
        """
        chain: list[Territory] = []
        current: Territory | None = self
        while current is not None and len(chain) < 5:
            chain.append(current)
            current = current.parent
        return chain


class Commune(models.Model):
    """A commune of the official geographic code with its zone d'emploi 2020 (INSEE « composition communale »).

    ``zone`` is the territory the site shows for it: the zone d'emploi, or its regional part when the
    zone straddles two régions (``ZE-0054-32``, Beauvais, Hauts-de-France part). ``search_key`` is the
    name without accents, case or punctuation (« saint omer » for Saint-Omer), for the commune search.
    """

    code = models.CharField(_("code commune INSEE"), max_length=5, unique=True)
    name = models.CharField(_("nom"), max_length=120)
    search_key = models.CharField(_("clé de recherche"), max_length=120, db_index=True)
    departement = models.CharField(_("code département"), max_length=3)
    zone = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="communes",
                             verbose_name=_("zone d'emploi"))

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["search_key", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.departement})"


class RomeOccupation(models.Model):
    """An occupation of France Travail's ROME referential (v3 codes such as ``H2913``, kept in ROME 4)."""

    code = models.CharField(_("code ROME"), max_length=5, unique=True)
    label = models.CharField(_("libellé"), max_length=200)
    riasec_major = models.CharField(_("RIASEC majeur"), max_length=1, blank=True)
    riasec_minor = models.CharField(_("RIASEC mineur"), max_length=1, blank=True)
    domain = models.CharField(_("grand domaine"), max_length=1, db_index=True, help_text=_("Lettre : H = Industrie."))


    class Meta:
        verbose_name = _("métier ROME")
        verbose_name_plural = _("métiers ROME")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"

    @property
    def domain_label(self) -> str:
        from observatory.importers.parsing import ROME_DOMAINS

        return ROME_DOMAINS.get(self.domain, "")


class Rome4Occupation(models.Model):
    """A fiche of ROME 4.0, France Travail's occupation referential since 2024 (1,584 fiches, version 460).

    Loaded by the ``rome`` importer from ``unix_referentiel_code_rome_v<version>_utf8.csv`` (a ROME v3
    file fills :class:`RomeOccupation` instead). A 4.0 code may repeat a v3 code (``H2913``) or be new
    (``H2917``); ``parent_code`` is the ROME v3 fiche it descends from (``code_rome_parent``), the only
    way from a 4.0 code to the Dares figures, which are keyed on FAP 2009 through the v3 crosswalk.
    ``fap`` and ``fap_path`` are derived (rebuilt when the ROME or the FAP ↔ ROME crosswalk is
    published, :func:`observatory.rome4.rebuild_rome4_paths`): the FAP 2009 family reached, and the
    path taken, written for the statistician (« H2917 (ROME 4.0) → H2913 (ROME v3) → FAP D2Z42 »).
    """

    code = models.CharField(_("code ROME 4.0"), max_length=5, unique=True)
    label = models.CharField(_("libellé"), max_length=250)
    parent_code = models.CharField(_("fiche ROME v3 parente"), max_length=5, db_index=True,
                                   help_text=_("code_rome_parent du référentiel ROME 4.0."))
    code_ogr = models.PositiveIntegerField(_("identifiant OGR"), null=True, blank=True)
    version = models.CharField(_("version du référentiel"), max_length=20, help_text=_("Ex. « 4.0 v460 »."))
    transition_eco = models.CharField(_("transition écologique"), max_length=120, blank=True)
    transition_num = models.CharField(_("transition numérique"), max_length=120, blank=True)
    transition_demo = models.CharField(_("transition démographique"), max_length=120, blank=True)
    regulated = models.BooleanField(_("emploi réglementé"), default=False)
    executive = models.BooleanField(_("emploi cadre"), default=False)
    fap = models.ForeignKey("FapFamily", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                            verbose_name=_("famille FAP 2009 atteinte"))
    fap_path = models.CharField(_("chemin vers la FAP 2009"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("fiche ROME 4.0")
        verbose_name_plural = _("fiches ROME 4.0")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"


class RomeMobility(models.Model):
    """A mobility link of ROME 4.0: from one fiche, an occupation one can move to (« mobilité professionnelle »).

    Loaded by the ``rome-mobility`` importer from France Travail's
    ``unix_rubrique_mobilite_v<version>_utf8.csv`` (ROME 4.0 v460: 14,912 links, 7 to 21 per fiche).
    Both ends are ROME 4.0 fiches; a job profile, keyed on ROME v3 codes, reaches its links through
    the fiches descending from its codes (:attr:`Rome4Occupation.parent_code`). ``order`` is the link's
    position in the source fiche's list (``numero_ordre``, 1 first). ``mobility_type`` is « proche »
    (close occupation) or « evolution » when the file says so; the ROME 4.0 v460 file does not, so it
    is empty there. Re-importing replaces the links of every source fiche in the file.
    """

    class MobilityType(models.TextChoices):
        UNSPECIFIED = "", _("non précisé par le fichier")
        CLOSE = "proche", _("métier proche")
        EVOLUTION = "evolution", _("évolution")

    source = models.ForeignKey(Rome4Occupation, to_field="code", on_delete=models.CASCADE,
                               related_name="mobility_links", verbose_name=_("fiche de départ"))
    target = models.ForeignKey(Rome4Occupation, to_field="code", on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("fiche d'arrivée"))
    mobility_type = models.CharField(_("type de mobilité"), max_length=10, blank=True,
                                     choices=MobilityType.choices)
    order = models.PositiveSmallIntegerField(_("rang dans la fiche"), null=True, blank=True,
                                             help_text=_("numero_ordre du fichier : 1 = premier lien de la fiche."))
    version = models.CharField(_("version du référentiel"), max_length=20, help_text=_("Ex. « 4.0 v460 »."))

    class Meta:
        verbose_name = _("mobilité ROME")
        verbose_name_plural = _("mobilités ROME")
        ordering = ["source", "order", "target"]
        constraints = [models.UniqueConstraint(fields=["source", "target", "mobility_type"],
                                               name="observatory_romemobility_unique")]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.target_id}"


class RomeAppellation(models.Model):
    """A job title (« appellation ») of the ROME, with its two gendered forms, linked to its occupation.

    Loaded by the ``rome-appellations`` importer from France Travail's ``referentiel_appellation``
    (ROME v3: 10,990 titles; ROME 4.0: 13,120). ``code_ogr`` is France Travail's own identifier,
    kept from one version to the next, so a ROME 4.0 file updates the v3 titles it keeps.
    ``rome_code`` is the ROME v3 occupation the title leads to (for a ROME 4.0 title, its fiche's
    ``code_rome_parent``): the site's profiles and the Dares figures are keyed on v3 codes.
    ``rome4_code`` is the ROME 4.0 fiche (blank for a v3 file); ``principal`` marks the one main
    title of each ROME 4.0 fiche (ROME v3 has no such notion).
    """

    code_ogr = models.PositiveIntegerField(_("identifiant OGR"), unique=True)
    label = models.CharField(_("intitulé"), max_length=250, help_text=_("Les deux genres, comme France Travail l'écrit."))
    masculine = models.CharField(_("intitulé au masculin"), max_length=250)
    feminine = models.CharField(_("intitulé au féminin"), max_length=250)
    rome_code = models.CharField(_("code ROME v3"), max_length=5, db_index=True)
    rome4_code = models.CharField(_("code ROME 4.0"), max_length=5, blank=True)
    principal = models.BooleanField(_("appellation principale"), default=False)
    search_key = models.CharField(_("clé de recherche"), max_length=500, db_index=True,
                                  help_text=_("Les deux genres, sans accents ni majuscules."))

    class Meta:
        verbose_name = _("appellation ROME")
        verbose_name_plural = _("appellations ROME")
        ordering = ["rome_code", "-principal", "label"]

    def __str__(self) -> str:
        return f"{self.label} ({self.rome_code})"


class FapFamily(models.Model):
    """A FAP 2009 family: 22 domains (``D``), 87 aggregated (``D2Z``), 225 detailed (``D2Z40``)."""

    class Level(models.IntegerChoices):
        DOMAIN = 22, _("domaine (22)")
        AGGREGATED = 87, _("famille agrégée (87)")
        DETAILED = 225, _("famille détaillée (225)")

    code = models.CharField(_("code FAP"), max_length=5, unique=True)
    label = models.CharField(_("libellé"), max_length=200)
    level = models.PositiveSmallIntegerField(_("niveau"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent"),
    )


    class Meta:
        verbose_name = _("famille professionnelle (FAP)")
        verbose_name_plural = _("familles professionnelles (FAP)")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"


class RomeFapLink(models.Model):
    """The official FAP 2009 ↔ ROME v3 crosswalk (a ROME code may feed several FAP 225 families).

    DARES assigns a job-seeker to a family by ROME code *and* qualification: ``qualifications``
    keeps the digits that lead here. ``is_default`` marks, per ROME code, the family a qualified
    job-seeker is counted in (``observatory.tension.family_for_qualified_jobseeker``): the family
    whose figures stand for that occupation wherever no page chose another.
    """

    rome = models.ForeignKey(RomeOccupation, on_delete=models.CASCADE, related_name="fap_links")
    fap = models.ForeignKey(FapFamily, on_delete=models.CASCADE, related_name="rome_links")
    qualifications = models.CharField(
        _("niveaux de qualification"), max_length=10, blank=True,
        help_text=_("Chiffres de qualification du demandeur d'emploi menant à cette famille "
                    "(1 manœuvre … 9 cadre) ; vide : tous les niveaux."),
    )
    is_default = models.BooleanField(_("famille par défaut du code ROME"), default=False)

    class Meta:
        verbose_name = _("correspondance ROME ↔ FAP")
        verbose_name_plural = _("correspondances ROME ↔ FAP")
        constraints = [models.UniqueConstraint(fields=["rome", "fap"], name="observatory_romefaplink_unique")]

    def __str__(self) -> str:
        return f"{self.rome_id} ↔ {self.fap_id}"


class NafActivity(models.Model):
    """An activity of INSEE's NAF rév. 2, from section (``C``) to sous-classe (``25.62A``), with its A38 branch."""

    class Level(models.TextChoices):
        SECTION = "section", _("section")
        DIVISION = "division", _("division")
        GROUP = "groupe", _("groupe")
        CLASS = "classe", _("classe")
        SUBCLASS = "sous_classe", _("sous-classe")

    code = models.CharField(_("code NAF"), max_length=6, unique=True)
    label = models.CharField(_("libellé"), max_length=250)
    level = models.CharField(_("niveau"), max_length=12, choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent"),
    )
    a38 = models.CharField(_("branche A38"), max_length=2, blank=True, db_index=True,
                           help_text=_("Agrégation A38 de l'INSEE, ex. CA, CH, MA (vide pour une section)."))


    class Meta:
        verbose_name = _("activité NAF")
        verbose_name_plural = _("activités NAF")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"
