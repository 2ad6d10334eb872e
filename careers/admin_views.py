"""Editors' report « Fiches à enrichir »: the short profiles, most needed first.

A short profile (``JobProfilePage.is_short``) shows only official data. Which ones deserve prose
first? Those whose occupation recruits most, or is hardest to recruit for, in the region: the
report lists them with the hiring projects of their BMO métier (France Travail, latest survey)
and the Dares tension level of their family in the site's default territory (the region), both
sortable, and links each to its edit form.
"""

from __future__ import annotations

from django.db.models import IntegerField, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView

EMPTY_TEXTS = ("", "<p></p>")


def short_profiles_queryset(territory_key: str):
    """Short profiles with ``tension_level`` (their family's published Dares level in that territory)
    and ``hiring_projects`` (their BMO métier's projects there, latest survey); None where unpublished."""
    from careers.models import JobProfilePage
    from observatory.models import HiringProjects, RomeBmoLink, TensionIndicator

    level = (TensionIndicator.objects.published()
             .filter(fap__code=OuterRef("fap_code"), territory__key=territory_key, level__isnull=False)
             .order_by("-year").values("level")[:1])
    empty = Q()
    for name in JobProfilePage.PROSE_FIELDS:
        empty &= Q(**{f"{name}__in": EMPTY_TEXTS})
    # A short profile has one ROME code (``create_occupation_pages``), its BMO métier linked by the statisticians.
    linked = RomeBmoLink.objects.filter(rome__code=OuterRef(OuterRef("rome_codes"))).values("occupation__code")
    projects = (HiringProjects.objects.published()
                .filter(territory__key=territory_key, occupation_code__in=Subquery(linked), projects__isnull=False)
                .order_by("-year").values("projects")[:1])
    return JobProfilePage.objects.filter(empty).annotate(
        tension_level=Subquery(level, output_field=IntegerField()),
        hiring_projects=Subquery(projects, output_field=IntegerField()),
    )


class ShortProfilesReportView(BaseListingView):
    """The « fiches courtes » to enrich, the hardest-to-recruit occupations first."""

    page_title = _("Fiches courtes à enrichir")
    header_icon = "doc-empty"
    results_template_name = "wagtailadmin/generic/listing_results.html"
    index_url_name = "careers_short_profiles"
    index_results_url_name = "careers_short_profiles_results"
    paginate_by = 50
    default_ordering = "-tension_level"
    columns = [
        TitleColumn("title", label=_("Métier"), sort_key="title",
                    get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk])),
        Column("rome_codes", label=_("Code ROME"), sort_key="rome_codes"),
        Column("fap_code", label=_("Famille (FAP)")),
        Column("hiring_projects", label=_("Projets de recrutement (BMO, dernière enquête)"), sort_key="hiring_projects"),
        Column("tension_level", label=_("Tension (1 à 5, Dares)"), sort_key="tension_level"),
    ]

    def get_base_queryset(self):
        from observatory.territory import _default_key

        # The site's default territory (Paramètres du site), the region unless an editor chose otherwise.
        return short_profiles_queryset(_default_key(self.request))

    def order_queryset(self, queryset):
        # Unpublished levels last whichever way the column is sorted.
        from django.db.models import F

        ordering = self.ordering or self.default_ordering
        field = ordering.lstrip("-")
        expression = F(field).desc(nulls_last=True) if ordering.startswith("-") else F(field).asc(nulls_last=True)
        return queryset.order_by(expression, "title")
