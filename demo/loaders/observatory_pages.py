"""Demo pages of the observatory: /observatoire/ and its method page, and the home page key figures."""

from __future__ import annotations

from wagtail.models import Page

from demo.content import Fields, optional, read_entries, require_known
from demo.pages import get_or_create_page, section_page
from observatory.models import FapFamily, KeyIndicator, MethodologyPage, ObservatoryIndexPage, Territory
from website.models import HomePage, StandardPage

#: The observatory's method pages (demo/data/observatory/method_pages.json): StreamField blocks as
#: {"type", "value"}. "standard" pages are built here, "methodology" ones (with their audience) by
#: the industry step, which runs once its data are loaded.
METHOD_PAGE_FIELDS: Fields = {
    "slug": str, "page_type": str, "audience": optional(str, ""), "title": str, "introduction": str,
    "body": [{"type": str, "value": object}],
}
PAGE_TYPES = {"standard": StandardPage, "methodology": MethodologyPage}
#: The home page's key figures: the region's tension level of these FAP families.
KEY_FIGURE_FIELDS: Fields = {"fap": str, "title": str}


def method_pages_data() -> list[dict]:
    pages = read_entries("observatory/method_pages", METHOD_PAGE_FIELDS)
    require_known(pages, "page_type", PAGE_TYPES, "observatory/method_pages")
    return pages


def load_method_pages(parent: Page, page_type: str) -> None:
    """The method pages of ``page_type`` under ``parent`` (the observatory), created once."""
    for page in method_pages_data():
        if page["page_type"] != page_type:
            continue
        extra = {"audience": page["audience"]} if page["audience"] else {}
        get_or_create_page(parent, PAGE_TYPES[page_type], page["slug"], title=page["title"],
                           introduction=page["introduction"],
                           body=[(block["type"], block["value"]) for block in page["body"]], **extra)


def load_pages(stdout) -> None:
    home = HomePage.objects.first()
    if home is None:
        return
    observatory = get_or_create_page(home, ObservatoryIndexPage, "observatoire", **section_page("observatoire"))
    load_method_pages(observatory, "standard")
    _home_key_figures(home, stdout)


def _home_key_figures(home: HomePage, stdout) -> None:
    region = Territory.objects.filter(key="REG-32").first()
    if region is None or home.key_figures:
        return
    figures = []
    for figure in read_entries("observatory/home_key_figures", KEY_FIGURE_FIELDS, key="fap"):
        code, title = figure["fap"], figure["title"]
        fap = FapFamily.objects.filter(code=code).first()
        if fap is None:
            continue
        indicator, _ = KeyIndicator.objects.get_or_create(
            measure=KeyIndicator.Measure.TENSION_LEVEL, territory=region, fap=fap, defaults={"title": title},
        )
        figures.append({"indicator": indicator, "comment": ""})
    if not figures:
        return
    home.key_figures = [("key_figures", {"heading": "L’industrie en chiffres", "figures": figures})]
    home.save_revision().publish()
    stdout.write("  observatoire : chiffres clés de l’accueil")
