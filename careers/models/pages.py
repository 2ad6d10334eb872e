"""Career page types: job profiles, filières, "industrie du futur" articles, the jobseekers' section."""

from __future__ import annotations

import contextlib

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from careers.logic import (
    ENTRY_LEVELS,
    FAP_CODE,
    LEVEL_LABELS,
    SHORT_LEVEL_LABELS,
    count_words,
    is_reachable_quickly,
    lowest_level,
    parse_rome_codes,
    reading_minutes,
    riasec_letters,
    stream_text,
)
from website.blocks import BaseStreamBlock, MythFactBlock, VideoBlock
from website.models import HeroMixin
from website.pages import SitePage

PROSE_FEATURES = ["bold", "italic", "ul", "ol", "link"]

# The observatory's filière identifiers (obs-industry's ``Filiere.slug``): a FilierePage
# stores one of them to fetch its key figures, without a database link to the observatory.
OBSERVATORY_FILIERES = [
    ("automobile", _("Automobile")),
    ("aeronautique-ferroviaire", _("Aéronautique et ferroviaire")),
    ("agroalimentaire", _("Agroalimentaire")),
    ("metallurgie-mecanique", _("Métallurgie et mécanique")),
    ("chimie-plasturgie", _("Chimie et plasturgie")),
    ("textile-habillement", _("Textile et habillement")),
    ("energie", _("Énergie")),
    ("materiaux-construction", _("Matériaux de construction")),
]

ARTICLE_THEMES = [
    ("decarbonation", _("Décarbonation")),
    ("robotique", _("Robotique et automatisation")),
    ("numerique", _("Numérique et jumeaux numériques")),
    ("economie-circulaire", _("Économie circulaire")),
    ("relocalisation", _("Relocalisation")),
    ("competences", _("Compétences et formation")),
]


def _image_prefetch(queryset, field: str = "hero_image"):
    """Select an image and its renditions with the rows, so cards cost no query each."""
    return queryset.select_related(field).prefetch_related(f"{field}__renditions")


# --- Filières ---------------------------------------------------------------------------

class FiliereIndexPage(HeroMixin, SitePage):
    """/filieres/: the region's industrial value chains ("filières")."""

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("contenu"))

    content_panels = [*Page.content_panels, *HeroMixin.hero_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["careers.FilierePage"]
    max_count = 1

    class Meta:
        verbose_name = _("liste des filières")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["filieres"] = _image_prefetch(FilierePage.objects.child_of(self).live().public().order_by("title"))
        return context


class FilierePage(HeroMixin, SitePage):
    """A filière: a value chain (what it makes, from raw material to finished product).

    A filière groups the companies of several sectors that work for the same final
    product, including the services they buy (maintenance, engineering, logistics):
    this is why it weighs more than its "sector" in the official statistics.
    """

    observatory_slug = models.CharField(
        _("filière de l'observatoire"), max_length=40, choices=OBSERVATORY_FILIERES, unique=True,
        help_text=_("Les chiffres clés de la page viennent de la filière correspondante de l'observatoire."),
    )
    what_it_makes = RichTextField(_("ce qu'elle fabrique"), features=PROSE_FEATURES)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("contenu"))

    content_panels = [
        *Page.content_panels, *HeroMixin.hero_panels,
        FieldPanel("observatory_slug"), FieldPanel("what_it_makes"), FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("what_it_makes"),
                     index.SearchField("body")]
    parent_page_types = ["careers.FiliereIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("filière")
        verbose_name_plural = _("filières")

    def get_context(self, request, *args, **kwargs):
        from careers.services import filiere_context

        context = super().get_context(request, *args, **kwargs)
        context.update(filiere_context(self, request))
        return context


# --- Job profiles -------------------------------------------------------------------------

class JobProfileIndexPage(RoutablePageMixin, HeroMixin, SitePage):
    """/metiers/: every job profile, with combinable facets and free-text search (GET, works without JS).

    ``/metiers/<code ROME>/`` (``/metiers/H2201/``) answers with a permanent redirect to the profile
    of that occupation: the address France Travail's code gives, for links from other sites.
    """

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("contenu sous la liste"))
    results_per_page = models.PositiveSmallIntegerField(_("fiches par page"), default=24)

    content_panels = [*Page.content_panels, *HeroMixin.hero_panels, FieldPanel("results_per_page"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["careers.JobProfilePage"]
    max_count = 1

    class Meta:
        verbose_name = _("liste des métiers")

    def get_context(self, request, *args, **kwargs):
        from careers.finder import find_profiles

        context = super().get_context(request, *args, **kwargs)
        context.update(find_profiles(self, request))
        return context

    @re_path(r"^(?P<code>[A-Za-z]\d{4})/$", name="by_rome_code")
    def by_rome_code(self, request, code: str):
        """Permanent redirect to the profile of the ROME occupation ``code`` (404 when none covers it)."""
        from django.http import Http404, HttpResponsePermanentRedirect

        profile = profile_for_rome_code(code.upper(), JobProfilePage.objects.child_of(self).live().public())
        if profile is None:
            raise Http404(_("Aucune fiche métier pour ce code ROME."))
        return HttpResponsePermanentRedirect(profile.get_url(request))


def profile_for_rome_code(code: str, profiles):
    """The profile of ROME ``code`` among ``profiles``: the one listing it first, else any listing it.

    ``rome_codes`` is stored normalised (``"H2913,H2902"``), so the code is matched as a whole
    item of the list, never as part of another code.
    """
    candidates = profiles.filter(models.Q(rome_codes=code) | models.Q(rome_codes__startswith=f"{code},")
                                 | models.Q(rome_codes__endswith=f",{code}") | models.Q(rome_codes__contains=f",{code},"))
    first, *_others = sorted(candidates.only("id", "url_path", "rome_codes", "path"),
                             key=lambda page: (not page.rome_codes.startswith(code), page.path)) or [None]
    return first


class JobProfileTag(TaggedItemBase):
    content_object = ParentalKey("careers.JobProfilePage", on_delete=models.CASCADE, related_name="tagged_items")


class JobProfilePage(HeroMixin, SitePage):
    """A job profile ("fiche métier"): what the job is, how to get in, what it pays, who hires, here.

    ``introduction`` is the one-paragraph summary; ``easy_read_summary`` says the same in
    easy-to-read French (FALC: short sentences, everyday words).

    Two states of one page type. A **short profile** (« fiche courte », :attr:`is_short`) has no
    prose yet: ``create_occupation_pages`` makes one for every industrial ROME occupation
    without a profile, and it shows only what official data says (ROME job titles, interests,
    the family's tension, salary, hiring projects, training). Editors enrich it in the admin by
    writing the prose — the four :data:`PROSE_FIELDS` together — and it becomes a full profile,
    the data-driven parts staying as they are.
    """

    #: The prose of a full profile: all four, or none (a short profile).
    PROSE_FIELDS = ("easy_read_summary", "missions", "skills", "working_conditions")

    title_masculine = models.CharField(_("intitulé au masculin"), max_length=120)
    title_feminine = models.CharField(_("intitulé au féminin"), max_length=120)
    rome_codes = models.CharField(
        _("codes ROME"), max_length=60,
        help_text=_("Un ou plusieurs codes ROME v3 séparés par des virgules (ex. « H2913, H2902 »)."),
    )
    fap_code = models.CharField(
        _("famille professionnelle (FAP 2009)"), max_length=5, blank=True,
        help_text=_("Code FAP à 225 postes (ex. D2Z42 pour les soudeurs) : salaires et chiffres de la Dares."),
    )
    riasec_code = models.CharField(
        _("code RIASEC"), max_length=3, blank=True,
        help_text=_("Intérêts dominants (ROME) : R réaliste, I investigateur, A artistique, S social, E entreprenant, C conventionnel."),
    )
    filieres = ParentalManyToManyField(FilierePage, blank=True, related_name="job_profiles", verbose_name=_("filières"))
    easy_read_summary = models.TextField(_("résumé facile à lire (FALC)"), max_length=600, blank=True)
    missions = RichTextField(_("ce que vous faites"), features=PROSE_FEATURES, blank=True)
    day_to_day = RichTextField(_("une journée type"), features=PROSE_FEATURES, blank=True)
    skills = RichTextField(_("compétences et qualités"), features=PROSE_FEATURES, blank=True)
    working_conditions = RichTextField(
        _("conditions de travail"), features=PROSE_FEATURES, blank=True,
        help_text=_("Horaires, travail posté, environnement, tenue…"),
    )
    progression = RichTextField(_("évolution de carrière"), features=PROSE_FEATURES, blank=True)
    starting_salary = models.PositiveIntegerField(_("salaire de début (net mensuel, €)"), null=True, blank=True)
    experienced_salary = models.PositiveIntegerField(_("salaire confirmé (net mensuel, €)"), null=True, blank=True)
    median_salary = models.PositiveIntegerField(
        _("salaire médian (net mensuel, €)"), null=True, blank=True,
        help_text=_("Salaire médian de la famille professionnelle (Dares) : la moitié des salariés gagnent plus."),
    )
    salary_source = models.CharField(
        _("source des salaires"), max_length=255, blank=True,
        help_text=_("Obligatoire si un salaire est indiqué (ex. « Convention collective de la métallurgie, grille 2024 »)."),
    )
    share_of_women = models.PositiveSmallIntegerField(_("part de femmes (%)"), null=True, blank=True)
    share_of_women_source = models.CharField(_("source de la part de femmes"), max_length=255, blank=True)
    video = StreamField([("video", VideoBlock())], blank=True, max_num=1, verbose_name=_("vidéo"))
    related_profiles = ParentalManyToManyField(
        "self", blank=True, symmetrical=False, related_name="+", verbose_name=_("métiers proches"),
    )
    tags = ClusterTaggableManager(through=JobProfileTag, blank=True, verbose_name=_("mots-clés"))

    content_panels = [
        *Page.content_panels,
        HelpPanel(content=_("Fiche courte tant que les quatre textes (résumé FALC, ce que vous faites, compétences, "
                            "conditions de travail) sont vides : la page ne montre alors que les données officielles. "
                            "Écrivez-les ensemble pour en faire une fiche complète.")),
        FieldRowPanel([FieldPanel("title_masculine"), FieldPanel("title_feminine")], heading=_("Intitulés")),
        *HeroMixin.hero_panels,
        FieldPanel("easy_read_summary"),
        FieldPanel("missions"),
        FieldPanel("day_to_day"),
        FieldPanel("skills"),
        FieldPanel("working_conditions"),
        FieldPanel("video"),
    ]
    access_panels = [
        HelpPanel(content=_("Chaque voie d'accès apparaît dans les filtres « Niveau d'entrée » et « Apprentissage » de /metiers/. "
                            "Les voies « sans diplôme » et « formation courte » alimentent les parcours des demandeurs d'emploi.")),
        InlinePanel("ways_in", heading=_("Voies d'accès"), label=_("voie d'accès")),
        FieldPanel("progression"),
    ]
    figures_panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starting_salary"), FieldPanel("experienced_salary")]),
             FieldPanel("median_salary"), FieldPanel("salary_source")],
            heading=_("Salaires"),
        ),
        MultiFieldPanel([FieldPanel("share_of_women"), FieldPanel("share_of_women_source")], heading=_("Féminisation")),
    ]
    classification_panels = [
        MultiFieldPanel([FieldPanel("rome_codes"), FieldPanel("fap_code"), FieldPanel("riasec_code")],
                        heading=_("Codes officiels")),
        FieldPanel("filieres", widget=forms.CheckboxSelectMultiple),
        FieldPanel("related_profiles"),
        FieldPanel("tags"),
    ]
    edit_handler = TabbedInterface([
        ObjectList(content_panels, heading=_("Le métier")),
        ObjectList(access_panels, heading=_("Y accéder")),
        ObjectList(figures_panels, heading=_("Chiffres")),
        ObjectList(classification_panels, heading=_("Classement")),
        ObjectList(Page.promote_panels, heading=_("Promotion")),
        ObjectList(Page.settings_panels, heading=_("Paramètres")),
    ])
    search_fields = [
        *Page.search_fields,
        index.SearchField("title_masculine", boost=3),
        index.SearchField("title_feminine", boost=3),
        index.SearchField("introduction", boost=2),
        index.SearchField("easy_read_summary"),
        index.SearchField("missions"),
        index.SearchField("skills"),
        index.SearchField("rome_codes"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.AutocompleteField("title"),
    ]
    parent_page_types = ["careers.JobProfileIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("fiche métier")
        verbose_name_plural = _("fiches métiers")

    def clean(self):
        super().clean()
        errors = {}
        try:
            if not parse_rome_codes(self.rome_codes):
                errors["rome_codes"] = _("Indiquez au moins un code ROME.")
        except ValueError as exc:
            errors["rome_codes"] = _("« %(code)s » n'est pas un code ROME (une lettre puis quatre chiffres, ex. H2913).") % {
                "code": exc.args[0]}
        if self.fap_code and not FAP_CODE.match(self.fap_code):
            errors["fap_code"] = _("Un code FAP 2009 s'écrit comme D2Z42 : lettre, chiffre, lettre, deux chiffres.")
        if self.riasec_code and len(riasec_letters(self.riasec_code)) != len(self.riasec_code):
            errors["riasec_code"] = _("Utilisez seulement les lettres R, I, A, S, E, C.")
        if (self.starting_salary or self.experienced_salary or self.median_salary) and not self.salary_source:
            errors["salary_source"] = _("Un salaire affiché doit avoir sa source.")
        if self.share_of_women is not None and not self.share_of_women_source:
            errors["share_of_women_source"] = _("Un chiffre affiché doit avoir sa source.")
        if self.share_of_women is not None and self.share_of_women > 100:
            errors["share_of_women"] = _("Un pourcentage est compris entre 0 et 100.")
        written = [name for name in self.PROSE_FIELDS if strip_tags(getattr(self, name) or "").strip()]
        if written:  # enriching a short profile: the four texts go together
            for name in self.PROSE_FIELDS:
                if name not in written:
                    errors[name] = _("Une fiche complète a ses quatre textes : celui-ci manque "
                                     "(ou videz les autres pour garder une fiche courte).")
        if errors:
            raise ValidationError(errors)

    @property
    def is_short(self) -> bool:
        """A « fiche courte »: no prose yet, only the official data (see the class docstring)."""
        return not any(strip_tags(getattr(self, name) or "").strip() for name in self.PROSE_FIELDS)

    def save(self, *args, **kwargs):
        # Stored normalised, so that search and the observatory lookups see "H2913,H2902".
        with contextlib.suppress(ValueError):  # clean() reports it in the admin; scripts keep what they wrote
            self.rome_codes = ",".join(parse_rome_codes(self.rome_codes))
        self.fap_code = (self.fap_code or "").upper()
        self.riasec_code = (self.riasec_code or "").upper()
        return super().save(*args, **kwargs)

    def get_rome_codes(self) -> list[str]:
        """The profile's ROME v3 codes, e.g. ``["H2913", "H2902"]`` (observatory lookups use them)."""
        try:
            return parse_rome_codes(self.rome_codes)
        except ValueError:
            return []

    @property
    def gendered_title(self) -> str:
        if self.title_masculine == self.title_feminine:
            return self.title_masculine
        return f"{self.title_masculine} / {self.title_feminine}"

    def way_in_levels(self) -> list[str]:
        """The entry levels of this profile's ways in (uses a prefetched ``ways_in`` when there is one)."""
        return [way.level for way in self.ways_in.all()]

    def has_apprenticeship(self) -> bool:
        return any(way.apprenticeship for way in self.ways_in.all())

    def lowest_level_label(self) -> str:
        level = lowest_level(self.way_in_levels())
        return SHORT_LEVEL_LABELS.get(level, "") if level else ""

    def reachable_quickly(self) -> bool:
        return is_reachable_quickly(self.way_in_levels())

    def upcoming_events(self, limit: int = 3, territory=None) -> list[Page]:
        """Upcoming events linked to this profile, when the schools app provides them.

        The schools app's EventPage points to job profiles with ``related_name="events"``;
        careers never imports schools, so the relation is looked up by name. When the
        event queryset offers ``upcoming()`` (future events, soonest first) it is used, and
        ``near_first(territory)`` puts the visitor's territory first (flagged ``is_near``).
        """
        manager = getattr(self, "events", None)
        if manager is None:
            return []
        queryset = manager.all()
        if hasattr(queryset, "live"):
            queryset = queryset.live().public()
        if hasattr(queryset, "upcoming"):
            queryset = queryset.upcoming()
        if territory is not None and territory.level not in ("region", "nation") and hasattr(queryset, "near_first"):
            queryset = queryset.near_first(territory)
        return list(queryset[:limit])

    def get_context(self, request, *args, **kwargs):
        from careers.services import profile_context
        from website.fragments import held_for_request

        context = super().get_context(request, *args, **kwargs)
        # The parts that do not depend on the visitor's territory are kept as fragments (the
        # template names them): when they all are, only the visitor's own figures are computed.
        editorial = not held_for_request(request, PROFILE_FRAGMENTS, [self.pk])
        context.update(profile_context(self, request, editorial=editorial))
        return context


#: The fragments of ``careers/job_profile_page.html`` (``{% fragment %}``, varying on the page's id):
#: everything a profile shows that is the same in every territory.
PROFILE_FRAGMENTS = ("profile-jsonld", "profile-head", "profile-facts", "profile-testimonials", "profile-tail",
                     "profile-related-top", "profile-related-rest")


class JobProfileWayIn(Orderable):
    """One way into the job: a diploma, a certificate or a short training, and whether apprenticeship is possible."""

    page = ParentalKey(JobProfilePage, on_delete=models.CASCADE, related_name="ways_in")
    level = models.CharField(_("niveau"), max_length=20, choices=[(key, label) for key, label, _rank in ENTRY_LEVELS])
    title = models.CharField(_("diplôme ou formation"), max_length=150, help_text=_("Ex. « CAP Réalisations industrielles en chaudronnerie »"))
    duration = models.CharField(_("durée"), max_length=60, blank=True)
    apprenticeship = models.BooleanField(_("possible en apprentissage"), default=False)
    description = models.TextField(_("précisions"), max_length=400, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("level"), FieldPanel("duration"), FieldPanel("apprenticeship")]),
        FieldPanel("title"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("voie d'accès")
        verbose_name_plural = _("voies d'accès")

    def __str__(self) -> str:
        return self.title

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS.get(self.level, self.level)


# --- Industrie du futur -------------------------------------------------------------------

class ArticleIndexPage(HeroMixin, SitePage):
    """/industrie-du-futur/: stories about where industry is going (decarbonation, robots, digital twins…)."""

    content_panels = [*Page.content_panels, *HeroMixin.hero_panels]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["careers.ArticlePage"]
    max_count = 1

    class Meta:
        verbose_name = _("liste des articles")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        articles = _image_prefetch(ArticlePage.objects.child_of(self).live().public().order_by("-date", "-pk"))
        theme = request.GET.get("theme", "")
        themes = dict(ARTICLE_THEMES)
        if theme in themes:
            articles = articles.filter(theme=theme)
        else:
            theme = ""
        paginator = Paginator(articles, 12)
        context.update(
            page_obj=paginator.get_page(request.GET.get("page")),
            themes=ARTICLE_THEMES,
            current_theme=theme,
            current_theme_label=themes.get(theme, ""),
        )
        return context


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("careers.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


def _live_chosen(chosen, model):
    """The live, public pages among those chosen in a many-to-many field of a page.

    In a preview the choice is the form's, held in memory (modelcluster's ``FakeQuerySet``, which
    has no ``live()``), and the page may not be saved yet: the pages are then read by id.
    """
    pages = chosen.all()
    if hasattr(pages, "live"):
        return pages.live().public()
    return model.objects.live().public().filter(pk__in=[page.pk for page in pages])


class ArticlePage(HeroMixin, SitePage):
    """An "industrie du futur" article, linked to the job profiles and filières it talks about."""

    date = models.DateField(_("date de publication"), default=timezone.localdate)
    theme = models.CharField(_("thème"), max_length=30, choices=ARTICLE_THEMES)
    body = StreamField(BaseStreamBlock(), verbose_name=_("contenu"))
    reading_time = models.PositiveSmallIntegerField(_("temps de lecture (minutes)"), default=1, editable=False)
    job_profiles = ParentalManyToManyField(JobProfilePage, blank=True, related_name="articles", verbose_name=_("métiers liés"))
    filieres = ParentalManyToManyField(FilierePage, blank=True, related_name="articles", verbose_name=_("filières liées"))
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("mots-clés"))

    content_panels = [
        *Page.content_panels,
        *HeroMixin.hero_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("theme")]),
        FieldPanel("body"),
    ]
    links_panels = [FieldPanel("job_profiles"), FieldPanel("filieres"), FieldPanel("tags")]
    edit_handler = TabbedInterface([
        ObjectList(content_panels, heading=_("Article")),
        ObjectList(links_panels, heading=_("Liens")),
        ObjectList(Page.promote_panels, heading=_("Promotion")),
        ObjectList(Page.settings_panels, heading=_("Paramètres")),
    ])
    search_fields = [*Page.search_fields, index.SearchField("introduction", boost=2), index.SearchField("body"),
                     index.RelatedFields("tags", [index.SearchField("name")]), index.FilterField("theme")]
    parent_page_types = ["careers.ArticleIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def save(self, *args, **kwargs):
        # Stored at save time: the listing shows it for every card without rendering bodies.
        text = " ".join([self.title, self.introduction or "", strip_tags(" ".join(stream_text(list(self.body.raw_data))))])
        self.reading_time = reading_minutes(count_words(text))
        return super().save(*args, **kwargs)

    @cached_property
    def theme_label(self) -> str:
        return str(dict(ARTICLE_THEMES).get(self.theme, ""))

    def related_articles(self, limit: int = 3) -> list[ArticlePage]:
        """Other live articles sharing a tag, a filière or the theme, most shared first (two queries)."""
        # Read as objects: in a preview the choices are the form's, in memory (no values_list("pk")).
        tag_ids = [tag.pk for tag in self.tags.all()]
        filiere_ids = [filiere.pk for filiere in self.filieres.all()]
        candidates = (
            ArticlePage.objects.live().public().exclude(pk=self.pk)
            .filter(models.Q(tags__in=tag_ids) | models.Q(filieres__in=filiere_ids) | models.Q(theme=self.theme))
            .annotate(shared=models.Count("tags", filter=models.Q(tags__in=tag_ids), distinct=True)
                      + models.Count("filieres", filter=models.Q(filieres__in=filiere_ids), distinct=True))
            .order_by("-shared", "-date")
        )
        return list(_image_prefetch(candidates)[:limit])

    def get_context(self, request, *args, **kwargs):
        from observatory.blocks import shows_visitor_figures, visitor_figures_vary
        from website.fragments import held_for_request

        context = super().get_context(request, *args, **kwargs)
        # An indicator block in the body shows the visitor's figures: the body's fragment varies on them.
        context["body_figures"] = visitor_figures_vary(request) if shows_visitor_figures(self.body) else None
        # Everything else is the same for every visitor, kept as fragments (the template names them):
        # when the tail is kept, its links and cards are not read again.
        if not held_for_request(request, ARTICLE_TAIL_FRAGMENTS, [self.pk]):
            # Profile cards show the entry level: their ways in come in one query, not one per card.
            context["linked_profiles"] = list(_image_prefetch(_live_chosen(self.job_profiles, JobProfilePage))
                                              .prefetch_related("ways_in"))
            context["linked_filieres"] = list(_live_chosen(self.filieres, FilierePage))
            context["related_articles"] = self.related_articles()
        return context


#: The fragments of ``careers/article_page.html`` (``{% fragment %}``, varying on the page's id) that
#: show the article's links: its tags, filières, job profiles and related articles.
ARTICLE_TAIL_FRAGMENTS = ("article-tail",)


# --- Jobseekers' section -----------------------------------------------------------------

class JobseekerSectionPage(HeroMixin, SitePage):
    """/demandeurs-d-emploi/: the jobseekers' and career changers' entry to the site."""

    first_job_text = RichTextField(_("premier emploi : texte"), features=PROSE_FEATURES, blank=True)
    career_change_text = RichTextField(_("reconversion : texte"), features=PROSE_FEATURES, blank=True)
    job_datings = StreamField(
        [("page", blocks.PageChooserBlock(label=_("événement")))], blank=True, verbose_name=_("job datings à venir"),
        help_text=_("Choisissez les pages d'événements (job datings, forums) à mettre en avant."),
    )
    funding = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("se faire financer une formation"))
    myths = StreamField([("myth_fact", MythFactBlock())], blank=True, verbose_name=_("idées reçues"))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("contenu complémentaire"))

    content_panels = [
        *Page.content_panels, *HeroMixin.hero_panels,
        MultiFieldPanel([FieldPanel("first_job_text"), FieldPanel("career_change_text")], heading=_("Parcours")),
        FieldPanel("job_datings"),
        FieldPanel("funding"),
        FieldPanel("myths"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("funding"),
                     index.SearchField("body")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["website.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("espace demandeurs d'emploi")

    def get_context(self, request, *args, **kwargs):
        from careers.services import jobseeker_context

        context = super().get_context(request, *args, **kwargs)
        context.update(jobseeker_context(self, request))
        return context
