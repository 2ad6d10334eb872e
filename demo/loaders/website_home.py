"""Demo content of the site-wide app: home page, legal pages, search page, site settings.

Navigation and home-page entries that point to the sections are set by
``website.demo_navigation``, which runs after the section apps have built their pages.
"""

from __future__ import annotations

from wagtail.models import Page, Site

from demo.content import Fields, read_entries, read_object
from demo.pages import get_or_create_demo_image, get_or_create_page, section_page
from website.models import HomePage, SearchPage, SiteSettings, StandardPage


def _paragraph(html: str) -> tuple[str, str]:
    return ("paragraph", html)


def ensure_home_page() -> HomePage:
    """The demo home page, replacing Wagtail's welcome page at the root of the default site."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        hero = get_or_create_demo_image("home-hero")
        welcome = root.get_children().filter(slug="home").exclude(content_type__model="homepage").first()
        if welcome is not None:
            welcome.slug = "ancienne-page-accueil"
            welcome.save_revision().publish()
        home = HomePage(slug="accueil", hero_image=hero, **section_page("accueil"))
        root.add_child(instance=home)
        home.save_revision().publish()
        if welcome is not None:
            welcome.delete()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                            site_name="Industrie d'avenir")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Industrie d'avenir"
        site.save()
    return home


#: The legal pages (mentions légales, accessibility statement, privacy): demo/data/website/legal_pages.json.
LEGAL_PAGE_FIELDS: Fields = {"slug": str, "title": str, "introduction": str, "body": str}  # body: HTML


def legal_pages_data() -> list[dict]:
    return read_entries("website/legal_pages", LEGAL_PAGE_FIELDS)


#: The site's contact details, footer text and social links (Paramètres → Réglages du site).
SITE_SETTINGS_FIELDS: Fields = {
    "contact_email": str, "contact_phone": str,
    "contact_address": str,  # one line per address line
    "footer_text": str, "social_links": [{"platform": str, "url": str}],
}


def site_settings_data() -> dict:
    return read_object("website/site_settings", SITE_SETTINGS_FIELDS)


def load(stdout) -> None:
    home = ensure_home_page()
    for page in legal_pages_data():
        get_or_create_page(home, StandardPage, page["slug"], title=page["title"], introduction=page["introduction"],
                           body=[_paragraph(page["body"])])
    get_or_create_page(home, SearchPage, "recherche", **section_page("recherche"))
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    if not site_settings.contact_email:  # set once: an editor's settings are never overwritten
        values = site_settings_data()
        site_settings.contact_email = values["contact_email"]
        site_settings.contact_phone = values["contact_phone"]
        site_settings.contact_address = values["contact_address"]
        site_settings.footer_text = values["footer_text"]
        site_settings.social_links = [("link", link) for link in values["social_links"]]
        site_settings.save()
    if site_settings.accessibility_statement_id is None:
        site_settings.accessibility_statement = home.get_children().filter(slug="accessibilite").first()
        site_settings.save()
    stdout.write(f"  accueil : {home.url_path}")
