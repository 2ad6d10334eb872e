"""Site-wide data (site, settings, menus, sections, territories) is cached, and every edit shows at once.

See website/site_cache.py and website/pages.py. The page cache is off here (as in development):
these tests check the data every uncached page is built from.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from tests.careers.factories import JobProfileIndexPageFactory, JobProfilePageFactory
from tests.website.factories import StandardPageFactory
from website.models import NavigationSettings, SiteSettings

pytestmark = pytest.mark.django_db

SITE_WIDE_TABLES = ("wagtailcore_site", "website_sitesettings", "website_navigationsettings",
                    "observatory_territory", "wagtailcore_pageviewrestriction")


def _tables_read(client, url: str) -> str:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return " ".join(query["sql"] for query in queries.captured_queries)


def _site() -> Site:
    return Site.objects.get(is_default_site=True)


def _menu_link(page) -> list:
    return [("link", {"page": page, "external_url": "", "label": ""})]


def test_a_second_page_reads_no_site_wide_table(client, home_page):
    page = StandardPageFactory(parent=home_page, slug="a-propos", title="À propos")
    SiteSettings.for_site(_site()), NavigationSettings.for_site(_site())  # as on a live site: they exist
    client.get(page.url)
    sql = _tables_read(client, page.url)
    assert not [table for table in SITE_WIDE_TABLES if f'"{table}"' in sql], sql


def test_a_menu_edit_shows_on_the_next_page(client, home_page):
    page = StandardPageFactory(parent=home_page, slug="contact", title="Nous contacter")
    navigation = NavigationSettings.for_site(_site())
    assert "Nous contacter</a>" not in client.get(page.url).content.decode()
    navigation.main_menu = _menu_link(page)
    navigation.save()
    assert "Nous contacter</a>" in client.get("/").content.decode()


def test_a_site_settings_edit_shows_on_the_next_page(client, home_page):
    client.get("/")
    site_settings = SiteSettings.for_site(_site())
    site_settings.organisation_name = "Agence régionale de l’orientation"
    site_settings.save()
    assert "Agence régionale de l’orientation" in client.get("/").content.decode()


def test_renaming_a_section_updates_the_breadcrumb_of_its_pages(client, home_page):
    index = JobProfileIndexPageFactory(parent=home_page)
    profile = JobProfilePageFactory(parent=index, title="Chaudronnier ou chaudronnière", slug="chaudronnier")
    assert "Métiers</a>" in client.get(profile.url).content.decode()
    index.title = "Tous les métiers"
    index.save_revision().publish()
    assert "Tous les métiers</a>" in client.get(profile.url).content.decode()


def test_a_page_is_found_at_its_new_address_after_a_move(client, home_page):
    first = StandardPageFactory(parent=home_page, slug="rubrique-a", title="Rubrique A")
    second = StandardPageFactory(parent=home_page, slug="rubrique-b", title="Rubrique B")
    child = StandardPageFactory(parent=first, slug="fiche", title="Fiche déplacée")
    assert client.get("/rubrique-a/fiche/").status_code == 200
    child.move(second, pos="last-child")
    old_address = client.get("/rubrique-a/fiche/")  # Wagtail leaves a permanent redirect behind
    assert (old_address.status_code, old_address["Location"]) == (301, "/rubrique-b/fiche/")
    assert "Fiche déplacée" in client.get("/rubrique-b/fiche/").content.decode()


def test_a_new_territory_is_usable_at_once(rf, home_page):
    from observatory.models import Territory
    from observatory.territory import get_visitor_territory, territories_by_key

    assert "DEP-80" not in territories_by_key()
    Territory.objects.create(key="DEP-80", level="departement", code="80", name="Somme")
    request = rf.get("/")
    request.COOKIES["territoire"] = "DEP-80"
    assert get_visitor_territory(request).name == "Somme"


def test_a_private_section_still_asks_for_its_password(client, home_page):
    section = StandardPageFactory(parent=home_page, slug="espace-partenaires", title="Espace partenaires")
    secret = StandardPageFactory(parent=section, slug="tarifs", title="Tarifs confidentiels")
    assert client.get(secret.url).status_code == 200  # cached as "no private section" first
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.PASSWORD,
                                       password="motdepasse")
    response = client.get(secret.url)
    assert "Tarifs confidentiels" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_listings_leave_out_pages_of_a_private_section(home_page):
    from website.models import StandardPage

    section = StandardPageFactory(parent=home_page, slug="prive", title="Privé")
    hidden = StandardPageFactory(parent=section, slug="cache", title="Caché")
    shown = StandardPageFactory(parent=home_page, slug="visible", title="Visible")
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    public_ids = set(StandardPage.objects.live().public().values_list("pk", flat=True))
    assert shown.pk in public_ids
    assert not {section.pk, hidden.pk} & public_ids


def test_an_index_finds_a_child_of_an_unexpected_type(client, home_page):
    # Pages created before a subpage rule (or moved by a script) are still served.
    index = JobProfileIndexPageFactory(parent=home_page)
    odd = index.add_child(instance=StandardPageFactory.build(slug="ancienne-page", title="Ancienne page"))
    assert "Ancienne page" in client.get(odd.url).content.decode()
    assert client.get("/metiers/n-existe-pas/").status_code == 404


def test_a_job_profile_already_served_is_found_without_asking_the_page_tree(client, home_page):
    index = JobProfileIndexPageFactory(parent=home_page)
    profile = JobProfilePageFactory(parent=index, slug="usineur")
    client.get(profile.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(profile.url).status_code == 200
    # Its index's children and the page itself are kept until content changes (website.pages.kept_page).
    lookups = [q["sql"] for q in queries.captured_queries if "wagtailcore_page" in q["sql"]]
    assert lookups == []
