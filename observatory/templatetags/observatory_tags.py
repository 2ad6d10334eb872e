"""Template tags of the observatory: the territory selector and the "who recruits" list."""

from __future__ import annotations

from django import template
from django.core.cache import cache

from observatory.cache import TIMEOUT, versioned_key
from observatory.figures import french_number, french_percent
from observatory.services import top_tension_occupations
from observatory.territory import COOKIE_NAME, get_visitor_territory, selectable_territories

register = template.Library()


@register.filter
def number(value, digits: int = 0) -> str:
    """A count (jobs, euros…), rounded half up to the unit (or ``digits``), in French typography
    (``observatory.figures``)."""
    return french_number(value, int(digits))


@register.filter
def signed_number(value, digits: int = 0) -> str:
    """A gap: ``+21 733``, ``−6 706``."""
    return french_number(value, int(digits), sign=True)


@register.filter
def percent(value, digits: int = 1) -> str:
    """``5,4 %``: one decimal by default, narrow no-break space before the sign."""
    return french_percent(value, int(digits))


@register.filter
def signed_percent(value, digits: int = 1) -> str:
    """``+5,4 %`` or ``−1,2 %``."""
    return french_percent(value, int(digits), sign=True)


@register.inclusion_tag("components/territory_selector.html", takes_context=True)
def territory_selector(context) -> dict:
    """The visitor's territory and the choices offered (2 queries, the list cached)."""
    request = context.get("request")
    if request is None:
        return {"territory": None, "choices": []}
    territory = get_visitor_territory(request)
    settings = context.get("settings")
    region_code = None
    try:
        region_code = settings.website.SiteSettings.region_code if settings else None
    except Exception:  # no site settings for this request
        region_code = None
    key = versioned_key("territory-choices", region_code or "")
    choices = cache.get(key)
    if choices is None:
        choices = [(item.key, item.name, item.get_level_display()) for item in selectable_territories(region_code)]
        cache.set(key, choices, TIMEOUT)
    return {"territory": territory, "choices": choices, "field_name": COOKIE_NAME,
            "next": request.get_full_path()}


@register.simple_tag(takes_context=True)
def visitor_territory(context):
    """``{% visitor_territory as territory %}``: the visitor's territory (memoised on the request)."""
    request = context.get("request")
    return get_visitor_territory(request) if request is not None else None


@register.simple_tag
def top_tensions(territory, rome_codes=None, limit=10, domains=None):
    """``{% top_tensions territory rome_codes=codes limit=5 as items %}`` (codes: list or comma-separated)."""
    if isinstance(rome_codes, str):
        rome_codes = [code for code in rome_codes.split(",") if code.strip()]
    if isinstance(domains, str):
        domains = [letter.strip().upper() for letter in domains.split(",") if letter.strip()]
    return top_tension_occupations(territory, rome_codes=rome_codes, limit=limit, domains=domains)


@register.filter
def level_class(level) -> str:
    """CSS modifier for a 1–5 tension level (the level is always written in words too)."""
    return f"tension--{int(level)}" if level else "tension--none"


@register.simple_tag(takes_context=True)
def key_figure_near(context, indicator):
    """``{% key_figure_near indicator as figure %}``: the figure for the visitor's territory (see services)."""
    from observatory.services import key_indicator_value_near

    request = context.get("request")
    territory = get_visitor_territory(request) if request is not None else None
    return key_indicator_value_near(indicator, territory)
