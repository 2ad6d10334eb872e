"""Template helpers used across the site: menus and query-string editing."""

from __future__ import annotations

from django import template
from django.http import QueryDict

from website.models import NavigationSettings
from website.site_cache import cached_until_content_changes

register = template.Library()


def _links(context, field: str) -> list[dict]:
    request = context.get("request")
    if request is None:
        return []
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:  # e.g. an unknown host name on a 404 page
        return []

    def build() -> list[tuple[str, str]]:
        navigation = NavigationSettings.for_request(request)
        menu = ((block.value.url(), block.value.text()) for block in getattr(navigation, field))
        return [(url, str(text)) for url, text in menu if url]

    # The links (one query for their pages) are the same for every visitor until the next edit.
    links = cached_until_content_changes(f"menu-{field}-{site.pk}", build)
    return [{"url": url, "text": text, "active": url != "/" and request.path.startswith(url)} for url, text in links]


@register.simple_tag(takes_context=True)
def main_menu_links(context) -> list[dict]:
    """Main-menu links with the one containing the current page marked active."""
    return _links(context, "main_menu")


@register.simple_tag(takes_context=True)
def footer_menu_links(context) -> list[dict]:
    """Footer links, less the accessibility statement: the footer's legal line links to it with its status."""
    mention = accessibility_mention(context)
    return [link for link in _links(context, "footer_menu") if not mention or link["url"] != mention["url"]]


@register.simple_tag(takes_context=True)
def accessibility_mention(context) -> dict | None:
    """« Accessibilité : non conforme » and the statement's address, from the site settings (one value, cached)."""
    request = context.get("request")
    if request is None:
        return None
    from wagtail.models import Site

    from website.models import SiteSettings

    site = Site.find_for_request(request)
    if site is None:
        return None

    def build() -> tuple[str, str]:
        settings = SiteSettings.for_site(site)
        statement = settings.accessibility_statement
        url = statement.get_url(request) if statement is not None and statement.live else ""
        return settings.accessibility_mention, url or ""

    text, url = cached_until_content_changes(f"accessibility-mention-{site.pk}", build)
    return {"text": text, "url": url}


@register.tag("fragment")
def do_fragment(parser, token):
    """``{% fragment "name" vary… %}…{% endfragment %}``: the enclosed HTML, kept per process (``website.fragments``).

    ``vary`` names everything the enclosed HTML shows that the content and data versions do
    not already cover: the object's id, the visitor's figures, the heading level.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name: {% fragment \"name\" value… %}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]])


_ABSENT = object()


def _vary_value(expression: template.base.FilterExpression, context) -> object:
    """The value of a ``vary`` expression; an attribute the object lacks is None.

    A plain dotted name (``profile.matched_title``) is read attribute by attribute. Django's own
    lookup calls ``dir()`` on the object whenever an attribute is missing (to tell a failing
    property from an absent one), and ``dir()`` of a page lists hundreds of names: on a listing of
    job profile cards, whose optional annotations are mostly absent, that was a tenth of the render
    (issue #17). Anything else (filters, literals, dictionaries, callables) goes through Django.
    """
    var = expression.var
    if expression.filters or not isinstance(var, template.base.Variable) or var.lookups is None:
        return expression.resolve(context)
    head, *rest = var.lookups
    current = context.get(head, _ABSENT)
    if current is _ABSENT or callable(current):
        return expression.resolve(context)
    for bit in rest:
        if current is None:
            return None
        if isinstance(current, dict):
            return expression.resolve(context)
        current = getattr(current, bit, None)
        if callable(current):
            return expression.resolve(context)
    return current


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary

    def render(self, context) -> str:
        from website.fragments import rendered

        return rendered(str(self.name.resolve(context)), [_vary_value(value, context) for value in self.vary],
                        lambda: self.nodelist.render(context), request=context.get("request"))


@register.simple_tag(takes_context=True)
def query_transform(context, **changes) -> str:
    """The current query string with ``changes`` applied (None removes a key).

    Used by pagination and facet links so that filters survive page changes.
    """
    request = context.get("request")
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()
