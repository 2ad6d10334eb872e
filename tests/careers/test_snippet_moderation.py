"""Companies, testimonials and training providers go through "Validation Région" like pages.

The agency's work is a draft that visitors never see; the Communication Région approves (or
publishes) it; a published object keeps showing its published version while a change waits.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from careers.models import Company, TrainingProvider
from tests.careers.factories import (
    CompanyFactory,
    JobProfilePageFactory,
    JobProfileWayInFactory,
    TestimonialFactory,
    TrainingProgrammeFactory,
    TrainingProviderFactory,
)
from website.roles import AGENCY, REGION, apply_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(profile_index, territories):
    apply_roles()
    page = JobProfilePageFactory(parent=profile_index, title="Soudeur ou soudeuse")
    JobProfileWayInFactory(page=page)
    return page


def _member(role: str):
    user = get_user_model().objects.create_user(f"membre-{role[:6]}", password="x")
    user.groups.add(Group.objects.get(name=role))
    return user


def _company_form(profile, territory, **extra) -> dict:
    return {"name": "Forges de Denain", "filiere": "", "description": "Forge des pièces pour le ferroviaire.",
            "logo": "", "place": "Denain", "territory": territory.pk, "size_band": "pme", "employees": "",
            "website": "", "job_profiles": [profile.pk], **extra}


def _public_html(client, page) -> str:
    client.logout()
    return client.get(page.url).content.decode()


def test_agency_company_is_a_draft_until_the_region_approves_it(client, profile, territories):
    _region, nord = territories
    agency = _member(AGENCY)
    client.force_login(agency)
    response = client.post(reverse("wagtailsnippets_careers_company:add"),
                           _company_form(profile, nord, **{"action-publish": "action-publish"}))
    assert response.status_code == 302
    company = Company.objects.get(name="Forges de Denain")
    assert not company.live, "the agency's publish request must only save a draft"
    assert "Forges de Denain" not in _public_html(client, profile)

    client.force_login(agency)
    response = client.post(reverse("wagtailsnippets_careers_company:edit", args=[company.pk]),
                           _company_form(profile, nord, **{"action-submit": "action-submit"}))
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(company.pk), base_content_type__model="company")
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "Forges de Denain" not in _public_html(client, profile)

    client.force_login(_member(REGION))
    approve_url = reverse("wagtailsnippets_careers_company:workflow_action",
                          args=[company.pk, "approve", state.current_task_state.pk])
    response = client.post(approve_url, {"comment": "Parfait."})
    assert response.status_code in (200, 302)
    company.refresh_from_db()
    assert company.live
    assert "Forges de Denain" in _public_html(client, profile)


def test_agency_cannot_approve_its_own_submission(client, profile, territories):
    _region, nord = territories
    agency = _member(AGENCY)
    client.force_login(agency)
    client.post(reverse("wagtailsnippets_careers_company:add"),
                _company_form(profile, nord, **{"action-submit": "action-submit"}))
    company = Company.objects.get(name="Forges de Denain")
    state = WorkflowState.objects.get(object_id=str(company.pk), base_content_type__model="company")
    approve_url = reverse("wagtailsnippets_careers_company:workflow_action",
                          args=[company.pk, "approve", state.current_task_state.pk])
    client.post(approve_url, {"comment": ""})  # refused: Wagtail sends the agency back to the dashboard
    company.refresh_from_db()
    state.refresh_from_db()
    assert not company.live and state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_draft_change_to_a_live_company_waits_for_the_region(client, profile, territories):
    """A company published before moderation existed (no revision) is edited as a draft."""
    _region, nord = territories
    company = CompanyFactory(name="Aciérie du Hainaut", territory=nord, job_profiles=[profile])
    assert company.live and company.latest_revision is None
    client.force_login(_member(AGENCY))
    response = client.post(reverse("wagtailsnippets_careers_company:edit", args=[company.pk]),
                           _company_form(profile, nord, name="Aciérie du Hainaut",
                                         description="Texte encore en relecture."))
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.live and company.has_unpublished_changes
    html = _public_html(client, profile)
    assert "Aciérie du Hainaut" in html and "Texte encore en relecture." not in html

    client.force_login(_member(REGION))
    response = client.post(reverse("wagtailsnippets_careers_company:edit", args=[company.pk]),
                           _company_form(profile, nord, name="Aciérie du Hainaut",
                                         description="Texte encore en relecture.",
                                         **{"action-publish": "action-publish"}))
    assert response.status_code == 302
    assert "Texte encore en relecture." in _public_html(client, profile)


def test_never_published_snippets_stay_off_job_profiles(client, profile, territories):
    _region, nord = territories
    CompanyFactory(name="Entreprise en brouillon", territory=nord, job_profiles=[profile], live=False)
    draft_company = CompanyFactory(name="Chaudronnerie pas encore validée", territory=nord, live=False)
    TestimonialFactory(first_name="Nadia", company=draft_company, job_profiles=[profile])
    TrainingProgrammeFactory(job_profile=profile, title="Formation en brouillon",
                             provider=TrainingProviderFactory(territory=nord, live=False))
    TrainingProgrammeFactory(job_profile=profile, title="Formation publiée",
                             provider=TrainingProviderFactory(territory=nord))
    client.cookies["territoire"] = "DEP-59"
    html = _public_html(client, profile)
    assert "Formation publiée" in html and "Nadia" in html
    assert "Entreprise en brouillon" not in html
    assert "Formation en brouillon" not in html
    assert "Chaudronnerie pas encore validée" not in html, "a live testimonial must not name a draft company"


def test_never_published_companies_stay_off_filiere_pages(client, filiere_index, territories):
    from tests.careers.factories import FilierePageFactory

    filiere = FilierePageFactory(parent=filiere_index)
    CompanyFactory(name="Fonderie publiée", filiere=filiere)
    CompanyFactory(name="Fonderie en brouillon", filiere=filiere, live=False)
    html = client.get(filiere.url).content.decode()
    assert "Fonderie publiée" in html and "Fonderie en brouillon" not in html


def test_agency_training_provider_is_a_draft_and_its_programmes_stay_hidden(client, profile, territories):
    _region, nord = territories
    client.force_login(_member(AGENCY))
    data = nested_form_data({
        "name": "CFA de la métallurgie", "description": "", "place": "Lille", "territory": nord.pk,
        "website": "", "contact": "",
        "programmes": inline_formset([{"title": "CAP soudure en brouillon", "job_profile": profile.pk,
                                       "level": "cap", "duration": "2 ans", "funding_note": ""}], min=1),
        "action-publish": "action-publish",
    })
    response = client.post(reverse("wagtailsnippets_careers_trainingprovider:add"), data)
    assert response.status_code == 302
    assert not TrainingProvider.objects.get(name="CFA de la métallurgie").live
    client.cookies["territoire"] = "DEP-59"
    assert "CAP soudure en brouillon" not in _public_html(client, profile)
