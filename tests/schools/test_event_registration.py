"""Registering to an event: capacity and waiting list, errors in French, the organiser's CSV export."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from schools.models import EventRegistration, RegistrationStatus
from schools.models.registrations import purge_old_registrations, register, status_for
from tests.schools.factories import EventPageFactory

pytestmark = pytest.mark.django_db

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


def _form(**overrides):
    data = {"name": "Camille Martin", "email": "camille@example.org", "phone": "", "organisation": "",
            "seats": "1", "consent": "on", "website": ""}
    data.update(overrides)
    return data


@pytest.fixture
def event(event_index):
    return EventPageFactory(parent=event_index, title="Atelier cobot", capacity=3, registration_form=True)


def test_status_is_confirmed_within_capacity_then_waiting():
    assert status_for(None, 500, 10) == RegistrationStatus.CONFIRMED
    assert status_for(3, 2, 1) == RegistrationStatus.CONFIRMED
    assert status_for(3, 3, 1) == RegistrationStatus.WAITING
    assert status_for(3, 2, 2) == RegistrationStatus.WAITING


def test_registration_past_capacity_goes_to_the_waiting_list(client, event):
    url = event.url + "inscription/"
    page = client.get(url)
    assert page.status_code == 200 and "Il reste 3 places" in page.content.decode()
    response = client.post(url, _form(seats="3"))
    assert response.status_code == 302 and response["Location"].endswith("?resultat=confirmee")
    response = client.post(url, _form(email="dominique@example.org"))
    assert response["Location"].endswith("?resultat=attente")
    shown = client.get(url + "?resultat=attente").content.decode()
    assert "liste d’attente" in shown
    assert list(EventRegistration.objects.order_by("pk").values_list("status", flat=True)) == [
        RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]
    assert "complet" in client.get(url).content.decode()


def test_form_errors_are_said_in_french_and_nothing_is_stored(client, event):
    response = client.post(event.url + "inscription/", _form(email="pas-une-adresse", seats="zéro", consent=""))
    assert response.status_code == 400
    text = response.content.decode()
    assert "adresse électronique n&#x27;est pas valide" in text or "adresse électronique n'est pas valide" in text
    assert "nombre de places en chiffres" in text
    assert 'aria-invalid="true"' in text
    assert not EventRegistration.objects.exists()


def test_same_email_twice_is_refused_clearly(client, event):
    client.post(event.url + "inscription/", _form())
    response = client.post(event.url + "inscription/", _form(email="CAMILLE@example.org"))
    assert response.status_code == 409
    assert EventRegistration.objects.count() == 1


def test_no_form_no_page_and_past_events_are_closed(client, event_index):
    plain = EventPageFactory(parent=event_index, registration_form=False)
    assert client.get(plain.url + "inscription/").status_code == 404
    past = EventPageFactory(parent=event_index, registration_form=True, days=-3)
    assert "inscriptions sont closes" in client.get(past.url + "inscription/").content.decode()
    assert client.post(past.url + "inscription/", _form()).status_code == 410
    assert not EventRegistration.objects.exists()


def test_event_page_offers_every_way_to_register_and_the_calendar_file(client, event_index):
    event = EventPageFactory(parent=event_index, registration_form=True, registration_url="https://example.org/i",
                             registration_phone="01 99 00 12 34", transport_hint="Tram T1, arrêt Gare")
    text = client.get(event.url).content.decode()
    assert event.url + "inscription/" in text
    assert "https://example.org/i" in text
    assert 'href="tel:0199001234"' in text
    assert "Tram T1, arrêt Gare" in text
    assert "Ajouter à mon agenda" in text
    ics = client.get(event.url + "ical/").content.decode()
    assert "Tram T1" in ics and "01 99 00 12 34" in ics


def test_admin_exports_the_list_as_formula_safe_csv(admin_client, event):
    register(event, name='=HYPERLINK("http://evil.example","x")', email="a@example.org", seats=1)
    register(event, name="Lou", email="b@example.org", seats=3)
    url = reverse("inscriptions:index") + f"?event={event.pk}&export=csv"
    response = admin_client.get(url)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Événement", "Date de l'événement", "Nom et prénom"]
    assert rows[1][2].startswith("'=HYPERLINK")
    assert rows[2][7] == "Liste d'attente"


def test_registrations_are_purged_three_months_after_the_event(event_index):
    old = EventPageFactory(parent=event_index, registration_form=True, days=-120)
    recent = EventPageFactory(parent=event_index, registration_form=True, days=-10)
    register(old, name="A", email="a@example.org", seats=1)
    register(recent, name="B", email="b@example.org", seats=1)
    assert purge_old_registrations() == 1
    assert list(EventRegistration.objects.values_list("name", flat=True)) == ["B"]
