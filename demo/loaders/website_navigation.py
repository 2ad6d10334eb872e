"""Last demo step: menus, home-page audience entries and highlights, from the pages that exist.

It runs after every section app has built its pages and looks them up by URL, so it does
not import the section apps.
"""

from __future__ import annotations

from wagtail.models import Page, Site

from demo.content import Fields, read_entries, read_object
from website.models import HomePage, NavigationSettings

#: Menus and the home page's calls to action, as page paths under the home page with their labels.
LINK: Fields = {"path": str, "label": str}
NAVIGATION_FIELDS: Fields = {"main_menu": [LINK], "footer_menu": [LINK], "hero_links": [LINK]}
#: The home page's entries by public (« Je cherche un emploi »…), each leading to a section.
AUDIENCE_ENTRY_FIELDS: Fields = {"path": str, "audience": str, "title": str, "text": str, "colour": str}


def navigation_data() -> dict:
    return read_object("website/navigation", NAVIGATION_FIELDS)


def audience_entries_data() -> list[dict]:
    return read_entries("website/home_audience_entries", AUDIENCE_ENTRY_FIELDS, key="path")


def _page_at(site: Site, path: str) -> Page | None:
    url_path = site.root_page.url_path + path.lstrip("/")
    return Page.objects.filter(url_path=url_path).live().first()


def _links(site: Site, links: list[dict]) -> list[tuple[str, dict]]:
    """Link blocks to the pages that exist (a section not loaded leaves its link out)."""
    return [("link", {"page": page, "label": link["label"]}) for link in links if (page := _page_at(site, link["path"]))]


def load(stdout) -> None:
    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings.for_site(site)
    links = navigation_data()
    # Fill each menu once, when its pages exist; never overwrite what an editor changed.
    menu = _links(site, links["main_menu"])
    footer = _links(site, links["footer_menu"])
    changed = False
    if menu and not navigation.main_menu:
        navigation.main_menu, changed = menu, True
    if footer and not navigation.footer_menu:
        navigation.footer_menu, changed = footer, True
    if changed:
        navigation.save()
    home = HomePage.objects.get(pk=site.root_page_id)
    entries = [
        ("entry", {"audience": entry["audience"], "title": entry["title"], "text": entry["text"], "page": page,
                   "colour": entry["colour"]})
        for entry in audience_entries_data() if (page := _page_at(site, entry["path"]))
    ]
    if entries and not home.audience_entries:
        home.audience_entries = entries
        home.hero_call_to_action = _links(site, links["hero_links"])
        home.save_revision().publish()
    stdout.write(f"  menu : {len(navigation.main_menu)} liens")
