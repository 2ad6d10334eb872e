"""Template tags of the observatory: the territory selector and the "who recruits" list."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from observatory.cache import TIMEOUT, data_version_store
from observatory.figures import french_number, french_percent
from observatory.models import Commune, TerritoryLevel
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
    # On every page: kept in the process's memory until the next import, not read from Redis each time.
    choices, has_communes = data_version_store.local(
        f"territory-choice-groups:{region_code or ''}",
        lambda: (grouped_choices(selectable_territories(region_code)), Commune.objects.exists()), max_age=TIMEOUT)
    return {"territory": territory, "choices": choices, "has_communes": has_communes, "field_name": COOKIE_NAME,
            "next": request.get_full_path()}


def grouped_choices(territories) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """The chooser's options: the region alone, then one group per département (itself, then its zones
    d'emploi by name); zones hung directly under the region (loaded without communes) in a group of their own."""
    groups: dict[int, tuple[str, list]] = {}
    loose: list = []
    region: list = []
    for item in territories:
        if item.level == TerritoryLevel.DEPARTEMENT:
            groups.setdefault(item.pk, (item.name, []))[1].insert(0, item)
    for item in territories:
        if item.level == TerritoryLevel.REGION:
            region.append(item)
        elif item.level == TerritoryLevel.ZONE_EMPLOI:
            (groups[item.parent_id][1] if item.parent_id in groups else loose).append(item)

    def options(items):
        return [(item.key, item.name, str(item.get_level_display())) for item in items]

    result = [("", options(region))]
    for name, items in sorted(groups.values(), key=lambda group: group[1][0].code):
        head, zones = items[0], sorted(items[1:], key=lambda zone: zone.name)
        result.append((str(name), options([head, *zones])))
    if loose:
        result.append((str(_("Zones d'emploi")), options(sorted(loose, key=lambda zone: zone.name))))
    return result


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


@register.simple_tag
def key_figure(indicator):
    """``{% key_figure indicator as figure %}``: the figure for the territory the indicator names."""
    from observatory.services import key_indicator_value

    return key_indicator_value(indicator)


@register.simple_tag(takes_context=True)
def key_figure_near(context, indicator):
    """``{% key_figure_near indicator as figure %}``: the figure for the visitor's territory (see services)."""
    from observatory.services import key_indicator_value_near

    request = context.get("request")
    territory = get_visitor_territory(request) if request is not None else None
    return key_indicator_value_near(indicator, territory)
