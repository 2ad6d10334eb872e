"""Observatory pages: the section's front page (/observatoire/)."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from website.blocks import BaseStreamBlock
from website.models import HeroMixin
from website.pages import SitePage


class ObservatoryIndexPage(HeroMixin, SitePage):
    """The observatory's front page: who recruits in the region, the datasets and their provenance, the API.

    Child pages: the method pages (``website.StandardPage``) and the observatory's own page
    types (industry figures, filières…), which add themselves to ``subpage_types``.
    """

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("contenu"))
    ranking_limit = models.PositiveSmallIntegerField(
        _("métiers dans le classement « qui recrute »"), default=10,
        help_text=_("Nombre de métiers industriels affichés, du plus au moins en tension."),
    )
    ranking_domains = models.CharField(
        _("grands domaines ROME du classement"), max_length=30, default="H,I,N", blank=True,
        help_text=_("Lettres des grands domaines ROME, séparées par des virgules (H = Industrie, "
                    "I = Installation et maintenance, N = Transport et logistique). Vide = tous les métiers."),
    )

    featured_rome_code = models.CharField(
        _("métier à la une (code ROME)"), max_length=5, blank=True,
        validators=[RegexValidator(r"^[A-N]\d{4}$", _("Un code ROME : une lettre et quatre chiffres (ex. H2913)."))],
        help_text=_("Sa tension, ses raisons et ses projets de recrutement sont détaillés sous le classement."),
    )

    content_panels = [*Page.content_panels, *HeroMixin.hero_panels, FieldPanel("ranking_limit"),
                      FieldPanel("ranking_domains"), FieldPanel("featured_rome_code"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["website.StandardPage", "observatory.IndustryFiguresPage", "observatory.MethodologyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("accueil de l'observatoire")

    def get_ranking_domains(self) -> list[str]:
        return [part.strip().upper() for part in self.ranking_domains.split(",") if part.strip()]

    def get_context(self, request, *args, **kwargs):
        from observatory.services import published_datasets, top_tension_occupations
        from observatory.territory import get_visitor_territory

        context = super().get_context(request, *args, **kwargs)
        territory = get_visitor_territory(request)
        context["territory"] = territory
        context["top_tensions"] = top_tension_occupations(
            territory, domains=self.get_ranking_domains() or None, limit=self.ranking_limit,
        ) if territory else []
        # The download offers the territory whose levels the page shows: DARES publishes nothing by
        # zone d'emploi, so a zone's visitor gets its département's file rather than an empty one.
        context["tension_download_territory"] = (context["top_tensions"][0].territory if context["top_tensions"]
                                                 else territory)
        context["datasets"] = published_datasets()
        from observatory.hiring import top_hiring_projects

        context["top_hiring"] = top_hiring_projects(territory, limit=self.ranking_limit) if territory else []
        from observatory.unemployment import unemployment_for

        context["unemployment"] = unemployment_for(territory)
        if territory and self.featured_rome_code:
            from observatory.services import tension_for_occupation

            context["featured_tension"] = tension_for_occupation(self.featured_rome_code, territory)
        # One query for every child page: the method pages and the industry figures.
        children = list(self.get_children().live().public().specific())
        context["method_page"] = next((child for child in children if child.slug == "methode-tensions"), None)
        context["section_pages"] = children
        return context
