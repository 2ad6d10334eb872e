"""The visitor's territory: chosen with a plain GET form, remembered by a functional cookie.

The ``territoire`` cookie holds only a territory key (e.g. ``DEP-59``): no identifier, no
tracking, so it needs no consent (CNIL: strictly necessary for a service the visitor asked
for). Pages that show territorial figures vary on it: a shared cache must key on this cookie
(see docs/observatory-data.md, « Cache »).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from observatory.models import Territory, TerritoryLevel

COOKIE_NAME = "territoire"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60  # one year
DEFAULT_TERRITORY_KEY = "REG-32"


def _default_key(request: HttpRequest) -> str:
    try:
        from website.models import SiteSettings

        return SiteSettings.for_request(request).default_territory_code or DEFAULT_TERRITORY_KEY
    except Exception:  # no site for this request (tests, API): the region of the project
        return DEFAULT_TERRITORY_KEY


def territories_by_key() -> dict[str, Territory]:
    """Every territory by key, each linked to its parent chain (one query, then cached until the next import).

    A few hundred rows at most (regions, départements, zones d'emploi): one cache entry is
    cheaper than a query per page, and parents are shared objects rather than copies.
    """
    from website.site_cache import cached_until_content_changes

    def build() -> dict[str, Territory]:
        territories = list(Territory.objects.all())
        by_id = {territory.pk: territory for territory in territories}
        for territory in territories:
            if territory.parent_id in by_id:
                territory.parent = by_id[territory.parent_id]
        return {territory.key: territory for territory in territories}

    return cached_until_content_changes("territories", build)


def within(area: Territory, levels_down: int = 2) -> Callable[[int | None], bool]:
    """A test of whether a territory (by id) is ``area`` or inside it (up to ``levels_down`` levels down),
    without a query.

    The cached territory tree is read once here, not once per tested row.
    """
    by_id = {territory.pk: territory for territory in territories_by_key().values()}

    def test(territory_id: int | None) -> bool:
        territory = by_id.get(territory_id)
        for _level in range(levels_down + 1):
            if territory is None:
                return False
            if territory.pk == area.pk:
                return True
            territory = territory.parent
        return False

    return test


def get_visitor_territory(request: HttpRequest) -> Territory | None:
    """The territory chosen by the visitor (cookie ``territoire``), else the site's default (the region).

    Read from the cached territory table, memoised on the request. None only when no territory is loaded.
    """
    cached = getattr(request, "_observatory_territory", False)
    if cached is not False:
        return cached
    chosen = (request.COOKIES.get(COOKIE_NAME) or "").strip().upper()[:16]
    keys = [key for key in (chosen, _default_key(request), "FR") if key]
    found = territories_by_key()
    territory = next((found[key] for key in keys if key in found), None)
    request._observatory_territory = territory  # type: ignore[attr-defined]
    return territory


def selectable_territories(region_code: str | None = None) -> list[Territory]:
    """Territories a visitor may choose: the region, its départements and zones d'emploi (1 query).

    A zone d'emploi hangs under the département holding most of its communes (``zones-emploi``
    import), or directly under the region when loaded without its communes (``territories``).
    """
    region_key = f"REG-{region_code or DEFAULT_TERRITORY_KEY.split('-')[1]}"
    from django.db.models import Q

    return list(Territory.objects.filter(
        Q(key=region_key)
        | Q(parent__key=region_key, level__in=[TerritoryLevel.DEPARTEMENT, TerritoryLevel.ZONE_EMPLOI])
        | Q(parent__parent__key=region_key, level=TerritoryLevel.ZONE_EMPLOI)
    ).order_by("level", "key"))


def remember_territory(response: HttpResponse, territory: Territory, secure: bool = False) -> HttpResponse:
    """Store only the territory key: a functional cookie, one year, SameSite=Lax."""
    response.set_cookie(COOKIE_NAME, territory.key, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True,
                        secure=secure)
    return response


@require_GET
def choose_territory(request: HttpRequest) -> HttpResponse:
    """``/territoire/?territoire=DEP-59&next=/metiers/``: remember the choice and go back (works without JS)."""
    key = (request.GET.get(COOKIE_NAME) or "").strip().upper()[:16]
    next_url = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = "/"
    territory = Territory.objects.filter(key=key).first() if key else None
    if territory is None:
        from django.shortcuts import render

        return render(request, "observatory/territory_error.html",
                      {"message": _("Ce territoire n'existe pas. Choisissez-le dans la liste."), "next": next_url},
                      status=400)
    response = HttpResponseRedirect(next_url)
    return remember_territory(response, territory, secure=request.is_secure())


@require_GET
def choose_commune(request: HttpRequest) -> HttpResponse:
    """``/territoire/commune/?commune=Saint-Omer&next=/metiers/``: the commune's zone d'emploi becomes the
    territory (one match), or the matches are listed as links that choose it (works without JS)."""
    from django.shortcuts import render

    from observatory.commune_search import find_communes

    next_url = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = "/"
    search = find_communes(request.GET.get("commune", ""))
    commune = search.single if search.exact or len(search.communes) == 1 else None
    if commune is not None:
        return remember_territory(HttpResponseRedirect(next_url), commune.zone, secure=request.is_secure())
    # A search that finds nothing is still a search page (like the site search's « 0 résultat »), with
    # its message and the form to try again: not a missing page.
    return render(request, "observatory/commune_search.html", {"search": search, "next": next_url})
