"""Posters and QR codes for any public page, from the admin, with the channel in the address."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.website.factories import SiteImageFactory, StandardPageFactory
from website.roles import AGENCY, apply_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(home_page):
    return StandardPageFactory(parent=home_page, title="Devenir pilote de ligne", slug="pilote-de-ligne",
                               introduction="Piloter une ligne automatisée, c’est possible après un bac pro.",
                               hero_image=SiteImageFactory(description="Une ligne automatisée"))


@pytest.fixture
def agency_client(client, home_page):
    apply_roles()
    user = get_user_model().objects.create_user("agence", password="x")
    user.groups.add(Group.objects.get(name=AGENCY))
    client.force_login(user)
    return client


def test_qr_code_svg_and_png_carry_the_channel_in_the_address(agency_client, page):
    svg = agency_client.get(reverse("audience_poster_qr", args=[page.pk, "svg"]) + "?canal=affiche-france-travail")
    assert svg.status_code == 200
    assert svg["Content-Type"] == "image/svg+xml"
    body = svg.content.decode()
    assert body.startswith("<svg") and "pilote-de-ligne/?canal=affiche-france-travail" in body
    png = agency_client.get(reverse("audience_poster_qr", args=[page.pk, "png"]) + "?canal=flyer&telecharger=1")
    assert png.status_code == 200
    assert png.content.startswith(b"\x89PNG")
    assert png["Content-Disposition"].startswith('attachment; filename="qr-pilote-de-ligne-flyer.png"')


def test_unknown_channel_or_format_is_refused_clearly(agency_client, page):
    response = agency_client.get(reverse("audience_poster_qr", args=[page.pk, "svg"]) + "?canal=n-importe-quoi")
    assert response.status_code == 400
    assert "Canal inconnu" in response.content.decode()
    assert agency_client.get(f"/admin/affiche/{page.pk}/qr.gif", follow=True).status_code == 404


def test_qr_code_encodes_exactly_the_campaign_address(page):
    from audience.posters import campaign_url
    from audience.qr import make_qr

    url = campaign_url(page, "salon")
    assert url == "http://localhost/pilote-de-ligne/?canal=salon"
    qr = make_qr(url)
    assert qr.error == "Q" and qr.designator


def test_printable_poster_has_headline_image_qr_and_short_address(agency_client, page):
    response = agency_client.get(reverse("audience_poster", args=[page.pk]) + "?canal=affiche-lycee&format=a3")
    html = response.content.decode()
    assert response.status_code == 200
    assert "poster--a3" in html and "size: A3 portrait" in html
    assert "Devenir pilote de ligne" in html and "Piloter une ligne automatisée" in html
    assert "<svg" in html and "<img" in html
    assert f"/go/{page.pk}/affiche-lycee/" in html
    custom = agency_client.get(reverse("audience_poster", args=[page.pk]) + "?canal=salon&format=a4&titre=Viens+voir")
    assert "Viens voir" in custom.content.decode() and "size: A4 portrait" in custom.content.decode()


def test_poster_form_errors_are_shown_not_crashing(agency_client, page):
    response = agency_client.get(reverse("audience_poster", args=[page.pk]) + "?canal=salon&format=a0")
    assert response.status_code == 400
    assert "Corrigez" in response.content.decode()


def test_no_poster_for_unpublished_pages_and_no_access_for_visitors(client, agency_client, page, home_page):
    draft = StandardPageFactory(parent=home_page, live=False)
    assert agency_client.get(reverse("audience_poster", args=[draft.pk])).status_code == 404
    agency_client.logout()
    response = client.get(reverse("audience_poster", args=[page.pk]))
    assert response.status_code in (302, 403)


def test_short_address_sends_to_the_page_with_its_channel(client, page):
    response = client.get(f"/go/{page.pk}/affiche-lycee/")
    assert response.status_code == 302
    assert response["Location"] == "/pilote-de-ligne/?canal=affiche-lycee"
    assert client.get(f"/go/{page.pk}/inconnu/").status_code == 404
    assert client.get("/go/999999/flyer/").status_code == 404


def test_page_header_offers_poster_and_checks(admin_client, page):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert reverse("audience_poster", args=[page.pk]) in html
    assert reverse("website_page_checks", args=[page.pk]) in html
