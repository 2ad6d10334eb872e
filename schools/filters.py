"""GET filters of the kit and event listings: validated, counted, and working without JavaScript.

Each facet counts the items matching all *other* selected filters (the usual faceted-search
rule), so the visitor sees how many results a choice would give. Counts take one query per
facet whatever the number of kits or events.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Count, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from schools.models.events import EVENT_TYPES, in_territory_q
from schools.models.kits import DURATION_BANDS, duration_band_filter, kits_count_by_duration
from schools.models.taxonomy import Audience, Discipline, SchoolLevel


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str  # the GET parameter
    label: str
    all_label: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def selected(self) -> FacetOption | None:
        return next((option for option in self.options if option.selected), None)


class _ListingFilter:
    """Shared mechanics: read each parameter once, reject unknown values with a message."""

    params: tuple[str, ...] = ()
    labels: dict[str, str] = {}

    def __init__(self, data, items):
        self.items = items
        self.errors: list[str] = []
        self.values: dict[str, str] = {}
        allowed = self.allowed_values()
        for name in self.params:
            raw = (data.get(name) or "").strip()[:60]
            if not raw:
                continue
            if raw not in allowed[name]:
                self.errors.append(
                    _("« %(value)s » n'est pas une valeur possible pour le filtre « %(filter)s » : "
                      "ce filtre est ignoré.")
                    % {"value": raw, "filter": self.labels[name]}
                )
                continue
            self.values[name] = raw

    def allowed_values(self) -> dict[str, set[str]]:
        raise NotImplementedError

    def condition(self, name: str, value: str) -> Q:
        raise NotImplementedError

    def filtered(self, skip: str | None = None):
        items = self.items
        for name, value in self.values.items():
            if name != skip:
                items = items.filter(self.condition(name, value))
        return items

    @property
    def is_active(self) -> bool:
        return bool(self.values)


class KitFilter(_ListingFilter):
    """Kits by level, discipline, duration band and filière."""

    params = ("niveau", "discipline", "duree", "filiere")
    labels = {"niveau": _("Niveau"), "discipline": _("Discipline"), "duree": _("Durée"), "filiere": _("Filière")}

    def __init__(self, data, kits):
        from careers.models import FilierePage

        self._levels = list(SchoolLevel.objects.all())
        self._disciplines = list(Discipline.objects.live())
        self._filieres = list(FilierePage.objects.live().public().order_by("title").only("pk", "slug", "title"))
        super().__init__(data, kits)

    def allowed_values(self) -> dict[str, set[str]]:
        return {
            "niveau": {level.slug for level in self._levels},
            "discipline": {discipline.slug for discipline in self._disciplines},
            "duree": {slug for slug, *_rest in DURATION_BANDS},
            "filiere": {filiere.slug for filiere in self._filieres},
        }

    def condition(self, name: str, value: str) -> Q:
        if name == "niveau":
            return Q(levels__slug=value)
        if name == "discipline":
            return Q(disciplines__slug=value)
        if name == "filiere":
            return Q(filieres__slug=value)
        return duration_band_filter(value)

    def results(self):
        return (
            self.filtered().distinct().select_related("hero_image")
            .prefetch_related("levels", "disciplines").order_by("title")
        )

    def facets(self) -> list[Facet]:
        level_counts = dict(
            SchoolLevel.objects.filter(kits__in=self.filtered(skip="niveau").values("pk"))
            .values_list("slug").annotate(n=Count("kits", distinct=True))
        )
        discipline_counts = dict(
            Discipline.objects.live().filter(kits__in=self.filtered(skip="discipline").values("pk"))
            .values_list("slug").annotate(n=Count("kits", distinct=True))
        )
        duration_counts = kits_count_by_duration(self.filtered(skip="duree"))
        filiere_counts = dict(
            self.filtered(skip="filiere").filter(filieres__in=[f.pk for f in self._filieres])
            .order_by().values_list("filieres").annotate(n=Count("pk", distinct=True))
        )
        return [
            Facet("niveau", _("Niveau"), _("Tous les niveaux"), [
                FacetOption(lv.slug, lv.name, level_counts.get(lv.slug, 0), self.values.get("niveau") == lv.slug)
                for lv in self._levels
            ]),
            Facet("discipline", _("Discipline"), _("Toutes les disciplines"), [
                FacetOption(d.slug, d.name, discipline_counts.get(d.slug, 0), self.values.get("discipline") == d.slug)
                for d in self._disciplines
            ]),
            Facet("duree", _("Durée"), _("Toutes les durées"), [
                FacetOption(slug, str(label), duration_counts.get(slug, 0), self.values.get("duree") == slug)
                for slug, label, *_rest in DURATION_BANDS
            ]),
            Facet("filiere", _("Filière"), _("Toutes les filières"), [
                FacetOption(f.slug, f.title, filiere_counts.get(f.pk, 0), self.values.get("filiere") == f.slug)
                for f in self._filieres
            ]),
        ]


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


class EventFilter(_ListingFilter):
    """Upcoming events by territory (its zones included), audience, type and month (next twelve)."""

    params = ("territoire", "public", "type", "mois")
    labels = {"territoire": _("Territoire"), "public": _("Public"), "type": _("Type"), "mois": _("Mois")}
    months_ahead = 12

    def __init__(self, request, events):
        from observatory.territory import selectable_territories

        self._territories = selectable_territories()
        self._territories_by_key = {territory.key: territory for territory in self._territories}
        self._audiences = list(Audience.objects.all())
        first = _month_start(timezone.localdate())
        self._months = [first]
        for _i in range(self.months_ahead - 1):
            self._months.append(_next_month(self._months[-1]))
        super().__init__(request.GET, events)

    def allowed_values(self) -> dict[str, set[str]]:
        return {
            "territoire": set(self._territories_by_key),
            "public": {audience.slug for audience in self._audiences},
            "type": {slug for slug, _label in EVENT_TYPES},
            "mois": {month.strftime("%Y-%m") for month in self._months},
        }

    def _month_range(self, value: str) -> tuple[datetime.datetime, datetime.datetime]:
        year, month = (int(part) for part in value.split("-"))
        start = datetime.date(year, month, 1)
        tz = timezone.get_current_timezone()
        return (datetime.datetime.combine(start, datetime.time.min, tz),
                datetime.datetime.combine(_next_month(start), datetime.time.min, tz))

    def condition(self, name: str, value: str) -> Q:
        if name == "territoire":
            return in_territory_q(self._territories_by_key[value])
        if name == "public":
            return Q(audiences__slug=value)
        if name == "type":
            return Q(event_type=value)
        start, end = self._month_range(value)
        # An event belongs to every month it overlaps.
        return Q(start__lt=end, end__gte=start)

    def results(self, near=None):
        """Matching events, soonest first; with ``near`` (a territory), those in it come first, flagged ``is_near``."""
        events = self.filtered().distinct().select_related("territory")
        if near is None:
            return events.order_by("start", "pk")
        near_flag = Case(When(in_territory_q(near), then=Value(True)), default=Value(False),
                         output_field=BooleanField())
        return events.annotate(is_near=near_flag).order_by("-is_near", "start", "pk")

    def _territory_counts(self) -> dict[int, int]:
        """Events per territory, each event counted in its territory and every territory above it (1 query)."""
        counts: dict[int, int] = {}
        rows = self.filtered(skip="territoire").order_by().values_list(
            "pk", "territory", "territory__parent", "territory__parent__parent", "territory__parent__parent__parent",
        ).distinct()
        for _pk, *chain in rows:
            for territory_id in chain:
                if territory_id is not None:
                    counts[territory_id] = counts.get(territory_id, 0) + 1
        return counts

    def facets(self) -> list[Facet]:
        territory_counts = self._territory_counts()
        audience_counts = dict(
            Audience.objects.filter(events__in=self.filtered(skip="public").values("pk"))
            .values_list("slug").annotate(n=Count("events", distinct=True))
        )
        type_counts = dict(
            self.filtered(skip="type").order_by().values_list("event_type").annotate(n=Count("pk", distinct=True))
        )
        month_events = self.filtered(skip="mois")
        month_aggregates = {
            month.strftime("m%Y%m"): Count("pk", distinct=True, filter=self.condition("mois", month.strftime("%Y-%m")))
            for month in self._months
        }
        month_counts = month_events.aggregate(**month_aggregates)
        return [
            Facet("territoire", _("Près de"), _("Toute la région"), [
                FacetOption(t.key, t.name if t.level != "zone_emploi" else _("%(name)s (zone d'emploi)") % {"name": t.name},
                            territory_counts.get(t.pk, 0), self.values.get("territoire") == t.key)
                for t in self._territories if t.level != "region"
            ]),
            Facet("public", _("Public"), _("Tous les publics"), [
                FacetOption(a.slug, a.name, audience_counts.get(a.slug, 0), self.values.get("public") == a.slug)
                for a in self._audiences
            ]),
            Facet("type", _("Type d'événement"), _("Tous les types"), [
                FacetOption(slug, str(label), type_counts.get(slug, 0), self.values.get("type") == slug)
                for slug, label in EVENT_TYPES
            ]),
            Facet("mois", _("Mois"), _("Tous les mois"), [
                FacetOption(month.strftime("%Y-%m"), date_format(month, "F Y").capitalize(),
                            month_counts[month.strftime("m%Y%m")], self.values.get("mois") == month.strftime("%Y-%m"))
                for month in self._months
            ]),
        ]
