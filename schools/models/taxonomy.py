"""Small reference lists the schools pages are tagged with: school levels, disciplines, audiences.

School levels and audiences are fixed by the French school system and the site's publics;
they are created by a data migration (``0002_seed_levels_and_audiences``) so filters always
offer the same values. Disciplines
are a snippet the agency can extend (a kit may be used in "physique-chimie" as well as
"technologie"); a new or changed discipline shows on kit pages only once the Communication
Région has published it (website.moderation).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from website.moderation import LiveQuerySet


class SchoolLevel(models.Model):
    """A stage of schooling a kit is written for (cycle 3, cycle 4, seconde, voies du lycée)."""

    slug = models.SlugField(_("identifiant"), unique=True)
    name = models.CharField(_("nom"), max_length=80)
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("niveau scolaire")
        verbose_name_plural = _("niveaux scolaires")

    def __str__(self) -> str:
        return self.name


class Discipline(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model):
    """A school subject a kit can be used in (technologie, physique-chimie, SVT…)."""

    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(_("identifiant"), unique=True,
                            help_text=_("Utilisé dans l'adresse des filtres, ex. « technologie »."))

    objects = LiveQuerySet.as_manager()

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")

    def __str__(self) -> str:
        return self.name


class Audience(models.Model):
    """Who an event is for (collégiens, classes, enseignants, demandeurs d'emploi…)."""

    slug = models.SlugField(_("identifiant"), unique=True)
    name = models.CharField(_("nom"), max_length=80)
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("public")
        verbose_name_plural = _("publics")

    def __str__(self) -> str:
        return self.name
