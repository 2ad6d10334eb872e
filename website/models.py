"""Site-wide Wagtail models: images, home page, generic pages, search, settings.

Section pages (careers, schools, observatory) declare ``parent_page_types`` themselves, so
the home page accepts them without this module importing those apps (dependencies go one
way: sections depend on ``website``, never the reverse).
"""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page
from wagtail.search import index

from website.blocks import (
    AudienceEntryBlock,
    BaseStreamBlock,
    LinkBlock,
    SocialLinkBlock,
    section_blocks,
)
from website.caching import content_version
from website.pages import SitePage


class SiteImage(AbstractImage):
    """An image with the credit (author, licence) the site must show next to it.

    Alt text is Wagtail's own ``description`` field; editors are asked for it on upload.
    """

    credit = models.CharField(
        _("crédit"),
        max_length=255,
        blank=True,
        help_text=_("Auteur et licence, affichés avec l'image (ex. « Photo : Région HdF »)."),
    )

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class SiteRendition(AbstractRendition):
    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    def __setstate__(self, state: dict) -> None:
        super().__setstate__(state)
        # Unpickled means read from the renditions cache. Wagtail 7.4 marks only prefetched
        # renditions as such (``_from_cache``), so it wrote every rendition it had just read from
        # the cache back to it: one more round trip to Redis for each image of each page.
        self._from_cache = True


class HeroMixin(models.Model):
    """Title area shared by landing pages: an introduction and an optional image."""

    introduction = models.TextField(
        _("introduction"), blank=True, max_length=400,
        help_text=_("Une ou deux phrases, affichées sous le titre et dans les résultats de recherche."),
    )
    hero_image = models.ForeignKey(
        "website.SiteImage", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("image d'en-tête"),
    )

    hero_panels = [
        MultiFieldPanel(
            [FieldPanel("introduction"), FieldPanel("hero_image")],
            heading=_("En-tête"),
        )
    ]

    class Meta:
        abstract = True


class HomePage(HeroMixin, SitePage):
    """The site's front door: a campaign hero, one entry per audience, highlights, key figures."""

    hero_call_to_action = StreamField(
        [("link", LinkBlock())], blank=True, max_num=2, verbose_name=_("boutons de l'en-tête"),
    )
    audience_entries = StreamField(
        [("entry", AudienceEntryBlock())], blank=True, verbose_name=_("entrées par public"),
        help_text=_("Une carte par public : demandeurs d'emploi, jeunes, enseignants…"),
    )
    highlights_title = models.CharField(_("titre des actualités"), max_length=120, default="À la une")
    highlights = StreamField(
        [("page", blocks.PageChooserBlock(label=_("page")))], blank=True,
        verbose_name=_("pages mises en avant"),
        help_text=_("Les pages à mettre en avant sur l'accueil (métiers, articles, événements…)."),
    )
    key_figures = StreamField(
        section_blocks("key_figures"), blank=True, max_num=1, verbose_name=_("chiffres clés"),
        help_text=_("Des chiffres de l'observatoire, toujours affichés avec leur source et leur année."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("contenu"))

    content_panels = [
        *Page.content_panels,
        *HeroMixin.hero_panels,
        FieldPanel("hero_call_to_action"),
        FieldPanel("audience_entries"),
        FieldPanel("key_figures"),
        MultiFieldPanel([FieldPanel("highlights_title"), FieldPanel("highlights")], heading=_("À la une")),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    feedback_enabled = False  # no "was this page useful?" on the front door

    class Meta:
        verbose_name = _("page d'accueil")

    def get_highlight_pages(self) -> list[Page]:
        """Live highlighted pages as their specific type, in editor order.

        Their card images are fetched in one query for all cards (the pages are of
        different types, so ``select_related`` cannot do it), keeping the number of
        queries independent of the number of highlights.
        """
        ids = [block.value.pk for block in self.highlights if block.value]

        def build() -> list[Page]:
            pages = list(Page.objects.live().public().filter(pk__in=ids).specific())
            image_ids = {page.hero_image_id for page in pages if getattr(page, "hero_image_id", None)}
            # With their renditions (one query for all): the cards need three sizes of each picture.
            images = SiteImage.objects.prefetch_related("renditions").in_bulk(image_ids) if image_ids else {}
            for page in pages:
                if getattr(page, "hero_image_id", None) in images:
                    page.hero_image = images[page.hero_image_id]
            by_id = {page.pk: page for page in pages}
            return [by_id[pk] for pk in ids if pk in by_id]

        # Kept in the process until content changes, under the chosen pages (a preview of other
        # choices gets its own): four queries of every uncached home page (issue #17).
        return content_version.recent(f"website:highlights:{','.join(map(str, ids))}", build)


class StandardPage(HeroMixin, SitePage):
    """A generic content page: legal notice, accessibility statement, privacy, about…"""

    body = StreamField(BaseStreamBlock(), verbose_name=_("contenu"))
    updated_note = models.DateField(
        _("mise à jour"), null=True, blank=True,
        help_text=_("Date affichée « Mis à jour le » (pour les pages réglementaires)."),
    )

    content_panels = [*Page.content_panels, *HeroMixin.hero_panels, FieldPanel("body"), FieldPanel("updated_note")]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]
    subpage_types = ["website.StandardPage"]

    class Meta:
        verbose_name = _("page standard")


class SearchPage(SitePage):
    """Site search: Wagtail search in French, editors' promotions first, results grouped by type."""

    results_per_page = models.PositiveSmallIntegerField(_("résultats par page"), default=20)
    help_text_block = RichTextField(
        _("aide"), blank=True, features=["bold", "italic", "link"],
        help_text=_("Affiché quand la recherche ne donne aucun résultat."),
    )

    content_panels = [*Page.content_panels, FieldPanel("results_per_page"), FieldPanel("help_text_block")]
    parent_page_types = ["website.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    search_fields: list = []
    feedback_enabled = False

    class Meta:
        verbose_name = _("page de recherche")

    def get_context(self, request, *args, **kwargs):
        from website.fragments import held_for_request
        from website.search import run_site_search, search_suggestions, with_summaries

        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:200]
        context["search_query"] = query
        if not query:
            return context
        promotions, results = run_site_search(query, exclude_page=self)
        paginator = SearchPaginator(results, self.results_per_page)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        shown = [*promotions, *page_obj.object_list]
        # A result is the same for every search that finds it, until the next publication: kept as a
        # fragment (components/search_result.html), whose page needs no summary read again.
        with_summaries([page for page in shown if not held_for_request(request, ("search-result",), [page.pk])])
        context.update(
            suggestions=search_suggestions(query, request) if page_obj.number == 1 else [],
            promotions=shown[:len(promotions)],
            page_obj=page_obj,
            result_groups=group_results_by_type(shown[len(promotions):]),
            result_count=paginator.count + len(promotions),
        )
        return context


class SearchPaginator(Paginator):
    """Django's paginator, which counts the results without a query when their first page holds them all.

    Most searches find fewer results than a page shows: the first page is then read alone (one
    query instead of a count and a page), and it gives the count.
    """

    def page(self, number):
        if str(number).strip() in ("1", "") and "count" not in self.__dict__ and not self.orphans:
            first = list(self.object_list[: self.per_page])
            # The cached property's value: a short first page is all there is.
            self.count = len(first) if len(first) < self.per_page else self.object_list.count()
            return self._get_page(first, 1, self)
        return super().page(number)


def group_results_by_type(pages) -> list[tuple[str, list[Page]]]:
    """Group search results by page type, keeping the relevance order inside each group."""
    groups: dict[str, list[Page]] = {}
    for page in pages:
        label = str(page.specific_class._meta.verbose_name if page.specific_class else _("page"))
        groups.setdefault(label[:1].upper() + label[1:], []).append(page)
    return list(groups.items())


AUDIENCE_CHOICES = [
    ("demandeurs", _("Demandeurs d’emploi")),
    ("jeunes", _("Collégiens et lycéens")),
    ("parents", _("Parents")),
    ("enseignants", _("Enseignants et conseillers")),
    ("reconversion", _("Salariés en reconversion")),
    ("entreprises", _("Entreprises")),
    ("grand-public", _("Grand public")),
]


class CampaignIndexPage(HeroMixin, SitePage):
    """``/campagne/``: the campaign waves, current ones first."""

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("contenu"))

    content_panels = [*Page.content_panels, *HeroMixin.hero_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["website.CampaignPage"]
    max_count = 1
    feedback_enabled = False

    class Meta:
        verbose_name = _("index des campagnes")

    def get_context(self, request, *args, **kwargs):
        from django.utils import timezone

        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        campaigns = list(CampaignPage.objects.child_of(self).live().public()
                         .select_related("hero_image").order_by("-start_date", "title"))
        context["current_campaigns"] = [c for c in campaigns if c.is_current(today)]
        context["other_campaigns"] = [c for c in campaigns if not c.is_current(today)]
        return context


class CampaignPage(HeroMixin, SitePage):
    """``/campagne/<slug>/``: the landing page of one campaign wave, for one audience.

    Posters, flyers and social posts point here with their channel in the address
    (``?canal=affiche-lycee``), so the audience report shows which channel brought whom.
    """

    audience = models.CharField(_("public visé"), max_length=20, choices=AUDIENCE_CHOICES, default="grand-public")
    wave = models.CharField(_("vague"), max_length=80, blank=True, help_text=_("Ex. « Printemps 2026 »."))
    start_date = models.DateField(_("début"), null=True, blank=True)
    end_date = models.DateField(_("fin"), null=True, blank=True)
    call_to_action = StreamField([("link", LinkBlock())], blank=True, max_num=2,
                                 verbose_name=_("boutons d'action"))
    body = StreamField(BaseStreamBlock(), verbose_name=_("contenu"))

    content_panels = [
        *Page.content_panels,
        *HeroMixin.hero_panels,
        MultiFieldPanel([FieldPanel("audience"), FieldPanel("wave"), FieldPanel("start_date"), FieldPanel("end_date")],
                        heading=_("Campagne")),
        FieldPanel("call_to_action"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body"),
                     index.FilterField("audience")]
    parent_page_types = ["website.CampaignIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("page de campagne")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La fin de la campagne doit suivre son début.")})

    def is_current(self, today) -> bool:
        """True while the wave runs (open-ended on either side when a date is missing)."""
        return (self.start_date is None or self.start_date <= today) and (self.end_date is None or today <= self.end_date)


class CachedSiteSetting(BaseSiteSetting):
    """A site setting read from the cache until the next content change (one query less per page)."""

    class Meta:
        abstract = True

    @classmethod
    def for_site(cls, site):
        if site is None:
            return super().for_site(site)
        from website.site_cache import cached_until_content_changes

        return cached_until_content_changes(
            f"{cls._meta.label_lower}-{site.pk}", lambda: super(CachedSiteSetting, cls).for_site(site)
        )


#: RGAA compliance levels (décret 2019-768): « totalement » needs an audit with 100 % of criteria met,
#: « partiellement » an audit with at least 50 %, « non » otherwise or without an audit.
ACCESSIBILITY_STATUSES = [
    ("totalement", _("totalement conforme")),
    ("partiellement", _("partiellement conforme")),
    ("non", _("non conforme")),
]


@register_setting(icon="site")
class SiteSettings(CachedSiteSetting):
    """Who runs the site and where: the region, the default territory, contacts, footer."""

    region_name = models.CharField(_("région"), max_length=80, default="Hauts-de-France")
    region_code = models.CharField(
        _("code INSEE de la région"), max_length=3, default="32",
        help_text=_("Code officiel géographique de l'INSEE (ex. 32 pour les Hauts-de-France)."),
    )
    default_territory_code = models.CharField(
        _("territoire par défaut"), max_length=12, default="REG-32",
        help_text=_("Territoire utilisé pour les indicateurs tant que le visiteur n'en a pas choisi."),
    )
    organisation_name = models.CharField(_("éditeur du site"), max_length=120, default="Région Hauts-de-France")
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    contact_address = models.TextField(_("adresse"), blank=True)
    social_links = StreamField([("link", SocialLinkBlock())], blank=True, verbose_name=_("réseaux sociaux"))
    footer_text = models.TextField(_("texte du pied de page"), blank=True, max_length=500)
    accessibility_status = models.CharField(
        _("état de conformité RGAA"), max_length=14, choices=ACCESSIBILITY_STATUSES, default="non",
        help_text=_("Dit une seule fois ici, affiché dans le pied de page de chaque page et en tête de la déclaration "
                    "d'accessibilité. Sans audit RGAA complet, le site est « non conforme »."),
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("déclaration d'accessibilité"),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("region_name"), FieldPanel("region_code"), FieldPanel("default_territory_code")],
            heading=_("Territoire"),
        ),
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("contact_email"), FieldPanel("contact_phone"),
             FieldPanel("contact_address")],
            heading=_("Contact"),
        ),
        FieldPanel("social_links"),
        FieldPanel("footer_text"),
        MultiFieldPanel([FieldPanel("accessibility_status"), FieldPanel("accessibility_statement")],
                        heading=_("Accessibilité")),
    ]

    class Meta:
        verbose_name = _("paramètres du site")

    @property
    def accessibility_mention(self) -> str:
        """The mention the law asks on every page: « Accessibilité : non conforme »."""
        return str(_("Accessibilité : %(status)s") % {"status": self.get_accessibility_status_display()})


@register_setting(icon="list-ul")
class NavigationSettings(CachedSiteSetting):
    """Main menu and footer links, edited by the region's communication team."""

    main_menu = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("menu principal"))
    footer_menu = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("liens du pied de page"))

    panels = [
        HelpPanel(content=_("L'ordre des liens est celui de l'affichage. Préférez des libellés courts.")),
        FieldPanel("main_menu"),
        FieldPanel("footer_menu"),
    ]

    class Meta:
        verbose_name = _("navigation")
