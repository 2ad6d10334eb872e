"""Observatory pages about industry: « L'industrie en chiffres » with its filière explorer, and method pages.

The figures page reads precomputed :class:`~observatory.models.IndustryEmploymentResult` rows
only (a few queries per page, whatever the number of filières or branches); its sub-pages are
routes (``filieres/<slug>/``, ``csv/<table>/``) rather than Wagtail pages, because a filière is
data edited by statisticians (a snippet), not editorial content.
"""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from website.blocks import BaseStreamBlock
from website.models import HeroMixin
from website.pages import SitePage


class IndustryFiguresPage(RoutablePageMixin, HeroMixin, SitePage):
    """« L'industrie en chiffres »: industrial employment of the visitor's territory under three definitions.

    Sector (NAF B–E), filière and input–output side by side, each with a chart, the equivalent data
    table, its source and vintage and a CSV download; one sub-page per filière
    (``filieres/<slug>/``). Editors write the introduction and the explanations around the figures;
    the figures themselves come from the published datasets.
    """

    explanation = RichTextField(
        _("pourquoi trois chiffres ?"), blank=True, features=["bold", "italic", "link", "ul"],
        help_text=_("Quelques phrases simples affichées sous les trois chiffres."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("contenu complémentaire"))

    content_panels = [*Page.content_panels, *HeroMixin.hero_panels, FieldPanel("explanation"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("explanation"),
                     index.SearchField("body")]
    parent_page_types = ["observatory.ObservatoryIndexPage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("l’industrie en chiffres")

    def methodology_pages(self):
        return MethodologyPage.objects.live().sibling_of(self, inclusive=False).order_by("path")

    def _figures(self, request):
        from observatory.industry_pages_data import industry_figures
        from observatory.territory import get_visitor_territory

        return industry_figures(get_visitor_territory(request))

    @path("")
    def index_route(self, request):
        figures = self._figures(request)
        return self.render(request, context_overrides={"figures": figures, "methods": self.methodology_pages()})

    @path("filieres/<slug:slug>/")
    def filiere_route(self, request, slug: str):
        from observatory.industry_pages_data import filiere_detail
        from observatory.models import Filiere

        filiere = get_object_or_404(Filiere.objects.prefetch_related("scopes"), slug=slug)
        figures = self._figures(request)
        detail = filiere_detail(filiere, figures)
        return self.render(
            request, template="observatory/filiere_explorer.html",
            context_overrides={"figures": figures, "filiere": filiere, "detail": detail,
                               "methods": self.methodology_pages()},
        )

    @path("csv/<slug:table>/")
    def csv_route(self, request, table: str):
        from observatory.industry_pages_data import CSV_TABLES, csv_response

        if table not in CSV_TABLES:
            raise Http404
        return csv_response(self._figures(request), table)

    @path("filieres/<slug:slug>/csv/")
    def filiere_csv_route(self, request, slug: str):
        from observatory.industry_pages_data import filiere_csv_response, filiere_detail
        from observatory.models import Filiere

        filiere = get_object_or_404(Filiere.objects.prefetch_related("scopes"), slug=slug)
        figures = self._figures(request)
        return filiere_csv_response(filiere, filiere_detail(filiere, figures, with_tensions=False), figures)

    def get_sitemap_urls(self, request=None):
        from observatory.models import Filiere

        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base:
            urls += [{"location": f"{base}filieres/{slug}/", "lastmod": self.last_published_at}
                     for slug in Filiere.objects.values_list("slug", flat=True)]
        return urls


class MethodologyPage(SitePage):
    """A method page of the observatory: how a figure is built, for a given audience.

    Two are expected for industry: one for non-statisticians (plain words, examples) and one for
    experts (formulas, sources, regionalisation). ``audience`` lets other pages link to the right one.
    """

    class Audience(models.TextChoices):
        GENERAL = "general", _("grand public")
        EXPERT = "expert", _("statisticiens et chercheurs")

    audience = models.CharField(_("public"), max_length=8, choices=Audience.choices, default=Audience.GENERAL)
    introduction = models.TextField(_("introduction"), blank=True, max_length=400)
    body = StreamField(BaseStreamBlock(), verbose_name=_("contenu"))

    content_panels = [*Page.content_panels, FieldPanel("audience"), FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]
    parent_page_types = ["observatory.ObservatoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("page de méthode")
        verbose_name_plural = _("pages de méthode")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_methods"] = MethodologyPage.objects.live().sibling_of(self, inclusive=False)
        context["figures_page"] = IndustryFiguresPage.objects.live().sibling_of(self, inclusive=False).first()
        if context["figures_page"] is not None:
            # An industry method page states the parameters the figures use now, never a typed copy of them.
            from observatory.industry_pages_data import JOBS_ROUNDING_TEXT
            from observatory.industry_service import temporary_work_share

            context["temporary_work"] = temporary_work_share()
            context["jobs_rounding"] = JOBS_ROUNDING_TEXT
        return context
