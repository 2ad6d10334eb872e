"""The visitor's territory: chosen with a plain GET form, remembered by a functional cookie.

The ``territoire`` cookie holds only a territory key (e.g. ``DEP-59``): no identifier, no
tracking, so it needs no consent (CNIL: strictly necessary for a service the visitor asked
for). Pages that show territorial figures vary on it: a shared cache must key on this cookie
(see docs/observatory-data.md, « Cache »).
"""

from __future__ import annotations

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


def get_visitor_territory(request: HttpRequest) -> Territory | None:
    """The territory chosen by the visitor (cookie ``territoire``), else the site's default (the region).

    One query (with the parent chain), memoised on the request. None only when no territory is loaded.
    """
    cached = getattr(request, "_observatory_territory", False)
    if cached is not False:
        return cached
    chosen = (request.COOKIES.get(COOKIE_NAME) or "").strip().upper()[:16]
    default = _default_key(request)
    keys = [key for key in (chosen, default, "FR") if key]
    found = {t.key: t for t in Territory.objects.filter(key__in=keys).select_related("parent__parent__parent")}
    territory = next((found[key] for key in keys if key in found), None)
    request._observatory_territory = territory  # type: ignore[attr-defined]
    return territory


def selectable_territories(region_code: str | None = None) -> list[Territory]:
    """Territories a visitor may choose: the region, its départements and zones d'emploi (1 query)."""
    region_key = f"REG-{region_code or DEFAULT_TERRITORY_KEY.split('-')[1]}"
    from django.db.models import Q

    return list(Territory.objects.filter(
        Q(key=region_key)
        | Q(parent__key=region_key, level__in=[TerritoryLevel.DEPARTEMENT, TerritoryLevel.ZONE_EMPLOI])
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
