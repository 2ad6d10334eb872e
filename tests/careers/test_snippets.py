"""Companies, testimonials and training providers: the consent rule, admin screens and previews."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from careers.models import Company, Testimonial, TrainingProvider
from tests.careers.factories import (
    CompanyFactory,
    JobProfilePageFactory,
    TestimonialFactory,
    TrainingProgrammeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("agence", "agence@example.org", "motdepasse-solide")
    client.force_login(user)
    return client


def test_a_testimonial_cannot_be_saved_live_without_consent_date():
    with pytest.raises(ValidationError):
        TestimonialFactory(consent_date=None, live=True)
    assert not Testimonial.objects.exists()


def test_a_draft_testimonial_may_wait_for_its_consent_date():
    testimonial = TestimonialFactory(consent_date=None, live=False)
    assert Testimonial.objects.get(pk=testimonial.pk).live is False


def _testimonial_form(**overrides) -> dict:
    data = {"first_name": "Inès", "age": "24", "role": "Soudeuse", "company": "", "quote": "J'aime souder.",
            "portrait": "", "video-count": "0", "consent_date": "", "audiences": ["jeunes"]}
    data.update(overrides)
    return data


def test_publishing_from_the_admin_without_consent_date_is_refused_with_a_message(editor_client):
    url = reverse("wagtailsnippets_careers_testimonial:add")
    response = editor_client.post(url, {**_testimonial_form(), "action-publish": "action-publish"})
    assert response.status_code == 200
    assert "ne peut pas être publié sans la date du consentement" in response.content.decode()
    assert not Testimonial.objects.exists()


def test_the_admin_saves_a_draft_without_consent_then_publishes_once_it_is_given(editor_client):
    add_url = reverse("wagtailsnippets_careers_testimonial:add")
    response = editor_client.post(add_url, _testimonial_form())
    assert response.status_code == 302
    testimonial = Testimonial.objects.get()
    assert testimonial.live is False
    edit_url = reverse("wagtailsnippets_careers_testimonial:edit", args=[testimonial.pk])
    response = editor_client.post(edit_url, {**_testimonial_form(consent_date="2025-03-01"),
                                             "action-publish": "action-publish"})
    assert response.status_code == 302
    testimonial.refresh_from_db()
    assert testimonial.live and testimonial.consent_date == datetime.date(2025, 3, 1)
    assert testimonial.audiences == ["jeunes"]


def test_an_unknown_audience_is_refused():
    testimonial = TestimonialFactory.build(audiences=["martiens"])
    with pytest.raises(ValidationError):
        testimonial.clean()


@pytest.mark.parametrize("model_name", ["company", "testimonial", "trainingprovider"])
def test_the_agency_reaches_each_snippet_listing_and_creation_form(editor_client, model_name):
    for view in ("list", "add"):
        response = editor_client.get(reverse(f"wagtailsnippets_careers_{model_name}:{view}"))
        assert response.status_code == 200


def test_the_agency_creates_a_training_provider_with_a_programme(editor_client, home_page, territories):
    from tests.careers.factories import JobProfileIndexPageFactory

    profile = JobProfilePageFactory(parent=JobProfileIndexPageFactory(parent=home_page))
    _region, nord = territories
    data = {
        "name": "Centre de formation du Hainaut", "description": "", "place": "Valenciennes",
        "territory": str(nord.pk), "website": "", "contact": "",
        "programmes-TOTAL_FORMS": "1", "programmes-INITIAL_FORMS": "0", "programmes-MIN_NUM_FORMS": "1",
        "programmes-MAX_NUM_FORMS": "1000",
        "programmes-0-title": "Titre professionnel Soudeur", "programmes-0-job_profile": str(profile.pk),
        "programmes-0-level": "titre-pro", "programmes-0-duration": "8 mois", "programmes-0-funded_for_jobseekers": "on",
        "programmes-0-funding_note": "", "programmes-0-ORDER": "1", "programmes-0-id": "",
    }
    response = editor_client.post(reverse("wagtailsnippets_careers_trainingprovider:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    provider = TrainingProvider.objects.get()
    programme = provider.programmes.get()
    assert programme.job_profile_id == profile.pk and programme.funded_for_jobseekers


def test_company_preview_renders_the_card(editor_client, territories):
    company = CompanyFactory(name="Forges du Test")
    url = reverse("wagtailsnippets_careers_company:preview_on_edit", args=[company.pk])
    data = {"name": "Forges du Test", "filiere": "", "description": "Des pièces forgées.", "logo": "",
            "place": "Douai", "territory": str(company.territory_id), "size_band": "pme", "employees": "",
            "website": "", "job_profiles": []}
    assert editor_client.post(url, data).json()["is_valid"]
    assert "Forges du Test" in editor_client.get(url).content.decode()


def test_programme_funding_labels_say_who_pays(home_page):
    from tests.careers.factories import JobProfileIndexPageFactory

    programme = TrainingProgrammeFactory(
        job_profile=JobProfilePageFactory(parent=JobProfileIndexPageFactory(parent=home_page)),
        apprenticeship=True, funded_for_jobseekers=True, eligible_cpf=False,
    )
    assert programme.funding_labels == ["Apprentissage (formation payée, salaire versé)",
                                        "Demandeurs d'emploi : France Travail (AIF, POEI) ou Région"]


def test_every_contact_of_a_provider_is_shown_with_the_next_start_and_the_source(home_page):
    import datetime

    from django.template.loader import render_to_string
    from django.utils import timezone

    from tests.careers.factories import JobProfileIndexPageFactory

    programme = TrainingProgrammeFactory(
        job_profile=JobProfilePageFactory(parent=JobProfileIndexPageFactory(parent=home_page)),
        next_start=timezone.localdate() + datetime.timedelta(days=30), information_source="Carif-Oref, novembre 2026",
    )
    provider = programme.provider
    provider.website, provider.contact = "", "03 20 00 00 00"  # a phone and no website
    provider.save()
    html = render_to_string("careers/includes/training_list.html", {"training": [programme]})
    assert '<a href="tel:0320000000">03 20 00 00 00</a>' in html
    assert "Prochaine rentrée :" in html and "date à demander" not in html
    assert "Source : Carif-Oref, novembre 2026." in html
    provider.contact = "contact@cfa.example.org"
    programme.next_start = timezone.localdate() - datetime.timedelta(days=3)
    html = render_to_string("careers/includes/training_list.html", {"training": [programme]})
    assert 'href="mailto:contact@cfa.example.org"' in html
    assert "date à demander à l’organisme" in html


def test_company_listing_can_be_exported(editor_client, territories):
    CompanyFactory(name="Export SA")
    response = editor_client.get(reverse("wagtailsnippets_careers_company:list") + "?export=csv")
    assert response.status_code == 200
    assert b"Export SA" in b"".join(response.streaming_content if response.streaming else [response.content])
    assert Company.objects.count() == 1
