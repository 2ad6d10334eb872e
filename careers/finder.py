"""The /metiers/ search: combinable facets over job profiles, read from GET parameters.

Every profile of the index is read once with its ways in and filières (a handful of
queries, whatever the number of profiles), then facets are applied and counted in
Python (``careers.logic.filter_and_count``). Tension levels come precomputed from the
observatory in one bulk call. The URL carries every choice, so a search can be shared
and works without JavaScript.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from careers.logic import ENTRY_LEVELS, RIASEC, filter_and_count, riasec_letters
from careers.tension import is_high_at, profile_tensions, published_place, visitor_territory
from careers.title_search import search_titles

MAX_QUERY_LENGTH = 100


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    """One group of checkboxes of the search form (a ``<fieldset>``)."""

    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)
    help_text: str = ""

    @property
    def selected_options(self) -> list[FacetOption]:
        return [option for option in self.options if option.selected]


@dataclass(frozen=True)
class _Listed:
    """The index's live profiles, A→Z, and the values each carries for the facets that do not
    depend on the visitor (``{pk: {facet: values}}``)."""

    profiles: list
    facet_values: dict[int, dict[str, frozenset[str]]]
    #: ``(slug, title)`` of every live filière, A→Z (the options of the filière facet).
    filieres: list[tuple[str, str]]


def _listed(index_page) -> _Listed:
    """The index's profiles with what their cards and the facets show, read from the database once per
    content version and process (issue #17: two thirds of an uncached listing were these queries and
    their prefetches, and a tenth walking the prefetched relations again for the facets). Shared by
    the process's requests: a request copies the profiles it annotates (tension, title found)."""
    from careers.models import FilierePage, JobProfilePage
    from website.caching import content_version

    def build() -> _Listed:
        profiles = list(
            JobProfilePage.objects.child_of(index_page).live().public()
            .select_related("hero_image")
            .prefetch_related(
                "hero_image__renditions",
                "ways_in",
                Prefetch("filieres", queryset=FilierePage.objects.live().public().order_by("title")),
            )
            .order_by("title")
        )
        facet_values = {profile.pk: {
            "filiere": frozenset(f.slug for f in profile.filieres.all()),
            "niveau": frozenset(way.level for way in profile.ways_in.all()),
            "interet": frozenset(riasec_letters(profile.riasec_code)),
            "apprentissage": frozenset({"1"} if profile.has_apprenticeship() else ()),
        } for profile in profiles}
        filieres = list(FilierePage.objects.live().public().order_by("title").values_list("slug", "title"))
        return _Listed(profiles, facet_values, filieres)

    return content_version.local(f"job-profiles-{index_page.pk}", build)


def _search_ids(index_page, query: str) -> list[int]:
    from careers.models import JobProfilePage
    from website.search import searchable_words

    # The same cleaning as the site search: an unterminated quote was a 500 on SQLite's full-text.
    words = searchable_words(query)
    if not words:
        return []
    results = JobProfilePage.objects.child_of(index_page).live().public().search(words, operator="and")
    return [page.pk for page in results]


def find_profiles(index_page, request) -> dict:
    """Template context for /metiers/: results page, facets with counts, the query as understood."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    listed = _listed(index_page)
    profiles = listed.profiles
    territory = visitor_territory(request)
    tensions = profile_tensions(profiles, territory)
    place = published_place(tensions.values(), territory)  # the one level « recrute fortement » counts at

    filieres = listed.filieres
    filiere_slugs = {slug for slug, _title in filieres}
    level_keys = [key for key, _label, _rank in ENTRY_LEVELS]

    def chosen(name: str, allowed) -> set[str]:
        return {value for value in request.GET.getlist(name) if value in allowed}

    selected = {
        "filiere": chosen("filiere", filiere_slugs),
        "niveau": chosen("niveau", set(level_keys)),
        "interet": chosen("interet", {letter for letter, _label in RIASEC}),
        "apprentissage": chosen("apprentissage", {"1"}),
        "recrute": chosen("recrute", {"1"}),
    }
    static = listed.facet_values
    facets_spec = {
        "filiere": (selected["filiere"], lambda p: static[p.pk]["filiere"]),
        "niveau": (selected["niveau"], lambda p: static[p.pk]["niveau"]),
        "interet": (selected["interet"], lambda p: static[p.pk]["interet"]),
        "apprentissage": (selected["apprentissage"], lambda p: static[p.pk]["apprentissage"]),
        "recrute": (selected["recrute"], lambda p: ["1"] if is_high_at(tensions.get(p.pk), place) else []),
    }

    candidates = profiles
    outside_industry: list = []
    matched_titles: dict[int, str] = {}
    if query:
        # A job title (« menuisière », « régleur ») leads to its occupation first; then the site's
        # own full-text search over the profiles' texts.
        titles = search_titles(query, limit=60, request=request)
        by_url = {profile.get_url(request): profile for profile in profiles}
        order: dict[int, int] = {}
        for result in titles:
            profile = by_url.get(result.url) if result.industrial else None
            if profile is not None and profile.pk not in order:
                order[profile.pk] = len(order)
                if result.label.casefold() != profile.title.casefold():
                    matched_titles[profile.pk] = result.label
        for pk in _search_ids(index_page, query):
            order.setdefault(pk, len(order))
        candidates = sorted((p for p in profiles if p.pk in order), key=lambda p: order[p.pk])
        outside_industry = [result for result in titles if not result.industrial][:5]
    matched, counts = filter_and_count(candidates, facets_spec)

    def options(name: str, values: list[tuple[str, str]]) -> list[FacetOption]:
        return [FacetOption(value, str(label), counts[name][value], value in selected[name]) for value, label in values]

    facets = [
        Facet("filiere", str(_("Filière")), options("filiere", filieres)),
        Facet("niveau", str(_("Niveau d'entrée")), options("niveau", [(key, label) for key, label, _r in ENTRY_LEVELS]),
              str(_("Les diplômes ou formations qui permettent de commencer."))),
        Facet("interet", str(_("Ce qui vous intéresse")), options("interet", RIASEC),
              str(_("Les centres d'intérêt du test RIASEC (codes du ROME)."))),
        Facet("apprentissage", str(_("Apprentissage")), options("apprentissage", [("1", _("Accessible en apprentissage"))])),
    ]
    if territory is not None:
        facets.insert(0, Facet(
            "recrute", str(_("Recrutement")),
            options("recrute", [("1", _recruiting_label(territory, place))]),
            str(_("Tension forte ou très forte (niveau 4 ou 5 sur 5) publiée par la Dares pour ce territoire.")),
        ))
    paginator = Paginator(matched, index_page.results_per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    # Only the cards shown are annotated, on copies: the profiles are shared by the process's requests.
    page_obj.object_list = [_annotated(profile, tensions.get(profile.pk), matched_titles.get(profile.pk))
                            for profile in page_obj.object_list]
    active = [(facet, option) for facet in facets for option in facet.selected_options]
    return {
        "search_query": query,
        "outside_industry": outside_industry,
        "facets": facets,
        "active_filters": active,
        "is_filtered": bool(query or active),
        "page_obj": page_obj,
        "result_count": paginator.count,
        "total_count": len(profiles),
        "territory": territory,
        "tension_source": next(iter(tensions.values()), None),
    }


def _annotated(profile, tension, matched_title: str | None):
    """A copy of ``profile`` carrying what its card shows for this request."""
    card = copy.copy(profile)
    card.tension = tension
    if matched_title:
        card.matched_title = matched_title
    return card


def _recruiting_label(territory, place) -> str:
    """« Recrute fortement ici : Nord », or, where DARES publishes nothing for the visitor's territory,
    the territory whose levels are counted, said in words."""
    if place is None or place.pk == territory.pk:
        return _("Recrute fortement ici : %(territory)s") % {"territory": territory.name}
    return _("Recrute fortement : %(place)s (%(level)s ; pas de niveau publié pour %(territory)s)") % {
        "place": place.name, "level": place.get_level_display(), "territory": territory.name}
