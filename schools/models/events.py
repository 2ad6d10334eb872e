"""Events: company open days, visits for classes, job datings, forums.

Past events leave the listings but stay published and reachable (their address may be in
a teacher's e-mail or a newsletter); their page says the event is over. Every event and the
whole listing are offered as iCalendar files so visitors add them to their own calendar.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Q
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from website.blocks import BaseStreamBlock
from website.models import HeroMixin
from website.pages import SitePage, SitePageQuerySet

EVENT_TYPES = [
    ("portes-ouvertes", _("Portes ouvertes d'entreprise")),
    ("visite-classe", _("Visite d'entreprise pour une classe")),
    ("job-dating", _("Job dating")),
    ("forum", _("Forum des métiers")),
    ("rencontre", _("Rencontre avec des professionnels")),
    ("atelier", _("Atelier découverte")),
]
EVENT_TYPE_LABELS = dict(EVENT_TYPES)
EVENTS_PER_PAGE = 12


class EventIndexPage(RoutablePageMixin, HeroMixin, SitePage):
    """Upcoming events with filters (territory, audience, type, month) and an iCalendar feed."""

    body = RichTextField(_("texte d'accompagnement"), blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = [*Page.content_panels, *HeroMixin.hero_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["schools.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("liste des événements")

    def upcoming_events(self):
        """Live events of this listing that are not over yet, soonest first."""
        return (
            EventPage.objects.live().public().child_of(self).upcoming()
        )

    def get_context(self, request, *args, **kwargs):
        from schools.filters import EventFilter

        context = super().get_context(request, *args, **kwargs)
        event_filter = EventFilter(request, self.upcoming_events())
        nearby = None if "territoire" in event_filter.values else self.nearby_area(request, event_filter)
        paginator = Paginator(event_filter.results(near=nearby.area if nearby else None), EVENTS_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        context.update(
            event_filter=event_filter, page_obj=page_obj, events=page_obj.object_list, nearby=nearby,
            nearby_filterable=bool(nearby) and nearby.area.key in event_filter.allowed_values()["territoire"],
        )
        return context

    def nearby_area(self, request, event_filter) -> NearbyArea | None:
        """Where « près de chez vous » is: the visitor's territory, else the nearest one above it with events.

        None when the visitor has chosen nothing narrower than the region (the whole list is
        « near »). One query per level tried, two at most (zone d'emploi → département).
        """
        from observatory.territory import get_visitor_territory

        chosen = get_visitor_territory(request)
        area = chosen
        while area is not None and area.level not in ("region", "nation"):
            if event_filter.filtered().filter(in_territory_q(area)).exists():
                return NearbyArea(chosen=chosen, area=area)
            area = area.parent
        return None

    @path("ical/", name="feed")
    def ical_feed(self, request):
        """The listing (with the visitor's filters) as one iCalendar file."""
        from schools.filters import EventFilter
        from schools.ical import calendar_response

        events = EventFilter(request, self.upcoming_events()).results()[:500]
        return calendar_response(request, events, name=self.title, file_name="evenements-industrie.ics")


def in_territory_q(territory) -> Q:
    """Events in ``territory`` or any territory inside it (up to three levels down)."""
    return (
        Q(territory=territory) | Q(territory__parent=territory) | Q(territory__parent__parent=territory)
        | Q(territory__parent__parent__parent=territory)
    )


@dataclass(frozen=True)
class NearbyArea:
    """The visitor's territory (``chosen``) and the one whose events are listed first (``area``)."""

    chosen: object
    area: object

    @property
    def is_fallback(self) -> bool:
        return self.area.pk != self.chosen.pk


class EventPageQuerySet(SitePageQuerySet):
    def upcoming(self):
        """Events not over yet, soonest first (careers pages call it on ``page.events``)."""
        return self.filter(end__gte=timezone.now()).order_by("start", "pk")

    def near_first(self, territory):
        """Events in ``territory`` (or inside it) first, flagged ``is_near``, then the others; soonest first in each."""
        from django.db.models import BooleanField, Case, Value, When

        flag = Case(When(in_territory_q(territory), then=Value(True)), default=Value(False), output_field=BooleanField())
        return self.annotate(is_near=flag).order_by("-is_near", "start", "pk")

    def in_territory(self, territory):
        """Events in ``territory`` or any territory inside it (département → zones d'emploi)."""
        return self.filter(in_territory_q(territory))


class EventPage(RoutablePageMixin, SitePage):
    """One event: when, where, for whom, how to register, and the jobs it lets people meet.

    Job profiles and filières list their upcoming events through the reverse relation
    ``events`` defined here (careers never imports schools).
    """

    event_type = models.CharField(_("type d'événement"), max_length=20, choices=EVENT_TYPES)
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    summary = models.TextField(_("en bref"), max_length=400,
                               help_text=_("Deux phrases : ce qu'on y fait et pour qui."))
    place_name = models.CharField(_("lieu"), max_length=160, help_text=_("Ex. « Usine Arcelor — Dunkerque »."))
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    transport_hint = models.CharField(
        _("accès en transports en commun"), max_length=255, blank=True,
        help_text=_("Ex. « Tram T1, arrêt Gare ; 10 minutes à pied de la gare SNCF »."),
    )
    territory = models.ForeignKey(
        "observatory.Territory", null=True, blank=False, on_delete=models.SET_NULL, related_name="events",
        verbose_name=_("territoire"),
        help_text=_("La zone d'emploi (ou à défaut le département) du lieu : sert au filtre « près de chez moi »."),
    )
    audiences = ParentalManyToManyField("schools.Audience", related_name="events", verbose_name=_("publics"))
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True,
        help_text=_("Nombre de places, si limité. Avec l'inscription sur ce site, les demandes au-delà vont en "
                    "liste d'attente."),
    )
    registration_form = models.BooleanField(
        _("inscription sur ce site"), default=False,
        help_text=_("Un formulaire court (nom, courriel, nombre de places) ; les inscriptions s'exportent en CSV "
                    "depuis le menu « Inscriptions aux événements »."),
    )
    registration_url = models.URLField(_("lien d'inscription"), blank=True,
                                       help_text=_("Si l'organisateur inscrit sur son propre site."))
    registration_phone = models.CharField(_("téléphone d'inscription"), max_length=30, blank=True)
    registration_note = models.CharField(
        _("modalités d'inscription"), max_length=255, blank=True,
        help_text=_("Ex. « Inscription de la classe par l'enseignant, avant le 15 mars »."),
    )
    organiser = models.CharField(_("organisateur"), max_length=160)
    organiser_url = models.URLField(_("site de l'organisateur"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("programme et détails"))
    job_profiles = ParentalManyToManyField("careers.JobProfilePage", related_name="events", blank=True,
                                           verbose_name=_("métiers à découvrir"))
    filieres = ParentalManyToManyField("careers.FilierePage", related_name="events", blank=True,
                                       verbose_name=_("filières"))

    objects = PageManager.from_queryset(EventPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("event_type"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("start"), FieldPanel("end")])], heading=_("Date et heure")),
        MultiFieldPanel([FieldPanel("place_name"), FieldPanel("address"), FieldPanel("transport_hint"),
                         FieldPanel("territory")], heading=_("Lieu")),
        FieldPanel("audiences", widget=CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldPanel("registration_form"), FieldPanel("registration_url"),
             FieldPanel("registration_phone"), FieldPanel("registration_note"),
             FieldPanel("organiser"), FieldPanel("organiser_url")],
            heading=_("Inscription et organisateur"),
        ),
        MultiFieldPanel([FieldPanel("job_profiles", widget=CheckboxSelectMultiple),
                         FieldPanel("filieres", widget=CheckboxSelectMultiple)],
                        heading=_("Métiers et filières"),
                        help_text=_("L'événement apparaîtra sur ces fiches métiers et pages filières.")),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("place_name"),
        index.SearchField("organiser"),
        index.SearchField("body"),
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("event_type"),
    ]
    parent_page_types = ["schools.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("La fin doit être après le début.")})

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    def get_event_type_label(self) -> str:
        return str(EVENT_TYPE_LABELS.get(self.event_type, self.event_type))

    @property
    def has_registration(self) -> bool:
        return bool(self.registration_form or self.registration_url or self.registration_phone)

    @path("inscription/", name="register")
    def register_view(self, request):
        """The registration form (GET) and its target (POST); then « confirmée » or « liste d'attente »."""
        from schools.registration_views import registration

        return registration(self, request)

    @path("ical/", name="ical")
    def ical(self, request):
        """This event as an iCalendar file."""
        from schools.ical import calendar_response

        return calendar_response(request, [self], name=self.title, file_name=f"{self.slug}.ics")

