"""`set_site_address` points every absolute address of the site at the address it is served from."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from website.management.commands.set_site_address import parse_site_address


@pytest.mark.parametrize(("address", "expected"), [
    ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
    ("http://127.0.0.1:8080/", ("127.0.0.1", 8080)),
    ("https://www.industrie-avenir.fr", ("www.industrie-avenir.fr", 443)),
    ("http://localhost", ("localhost", 80)),
])
def test_an_address_gives_the_sites_host_name_and_port(address, expected):
    assert parse_site_address(address) == expected


@pytest.mark.parametrize("address", [
    "127.0.0.1:8000", "ftp://exemple.fr", "http://", "http://exemple.fr/metiers/", "http://exemple.fr:99999",
    "https://exemple.fr:80", "http://exemple.fr/?a=1", "http://moi@exemple.fr",
])
def test_an_address_that_is_not_just_a_scheme_host_and_port_is_refused_in_french(address):
    with pytest.raises(ValueError, match="Adresse invalide"):
        parse_site_address(address)


@pytest.mark.django_db
def test_the_sitemap_and_page_links_use_the_address_set(client, home_page):
    call_command("set_site_address", "http://127.0.0.1:8123", stdout=None)
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8123"
    home_page.refresh_from_db()
    assert home_page.full_url == "http://127.0.0.1:8123/"
    sitemap = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8123").content.decode()
    assert "<loc>http://127.0.0.1:8123/</loc>" in sitemap
    assert "localhost" not in sitemap


@pytest.mark.django_db
def test_a_wrong_address_leaves_the_site_unchanged(home_page):
    before = Site.objects.get(is_default_site=True).root_url
    with pytest.raises(CommandError, match="Adresse invalide"):
        call_command("set_site_address", "exemple.fr")
    assert Site.objects.get(is_default_site=True).root_url == before


@pytest.mark.django_db
def test_in_development_an_unknown_address_shows_the_sites_french_404_page(client, home_page, settings):
    settings.DEBUG = True
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "website.middleware.SiteNotFoundPageMiddleware"]
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "Page introuvable" in html
    assert "Using the URLconf" not in html and "technical" not in html.lower()


def test_the_development_settings_use_the_sites_404_page():
    from website.settings import dev

    assert "website.middleware.SiteNotFoundPageMiddleware" in dev.MIDDLEWARE


@pytest.mark.django_db
def test_a_new_pages_address_is_ascii_even_when_its_title_has_accents(home_page):
    from website.models import StandardPage

    page = StandardPage(title="Fabriquer un objet en série", introduction="Présentation.")
    home_page.add_child(instance=page)
    assert page.slug == "fabriquer-un-objet-en-serie"
