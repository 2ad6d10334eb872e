"""Moderated snippets: who may publish, which workflow applies, who may delete a published one."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from careers import models as careers_models
from tests.careers.factories import TestimonialFactory
from website.moderation import moderated_snippet_models
from website.roles import ADMINISTRATORS, AGENCY, REGION, STATISTICIANS, apply_roles
from website.workflow import WORKFLOW_NAME

pytestmark = pytest.mark.django_db

EXPECTED_MODELS = {"careers.company", "careers.testimonial", "careers.trainingprovider", "schools.discipline"}


@pytest.fixture
def roles(home_page):
    apply_roles()


def _member(role: str):
    user = get_user_model().objects.create_user(f"membre-{role[:6]}", password="x")
    user.groups.add(Group.objects.get(name=role))
    return get_user_model().objects.get(pk=user.pk)  # fresh permission caches


def _label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def test_section_apps_declare_the_snippets_public_pages_show():
    assert {_label(model) for model in moderated_snippet_models()} == EXPECTED_MODELS


def test_every_moderated_snippet_goes_through_validation_region(roles):
    for model in moderated_snippet_models():
        workflow = model.get_default_workflow()
        assert workflow is not None and workflow.name == WORKFLOW_NAME, _label(model)


@pytest.mark.parametrize("role,may_publish", [(AGENCY, False), (REGION, True), (STATISTICIANS, False),
                                              (ADMINISTRATORS, True)])
def test_only_the_moderators_may_publish_moderated_snippets(roles, role, may_publish):
    user = _member(role)
    for model in moderated_snippet_models():
        assert user.has_perm(f"{model._meta.app_label}.publish_{model._meta.model_name}") is may_publish, _label(model)


def test_the_agency_holds_no_publish_permission_of_any_kind(roles):
    agency_codenames = set(Permission.objects.filter(group__name=AGENCY).values_list("codename", flat=True))
    assert not {codename for codename in agency_codenames if codename.startswith(("publish_", "unlock_"))}


def test_region_sees_the_publish_button_of_a_testimonial(client, roles):
    testimonial = TestimonialFactory(live=False, consent_date=None)
    client.force_login(_member(REGION))
    html = client.get(reverse("wagtailsnippets_careers_testimonial:edit", args=[testimonial.pk])).content.decode()
    assert 'name="action-publish"' in html


def test_agency_is_offered_submission_not_publication(client, roles):
    testimonial = TestimonialFactory(live=False, consent_date=None)
    client.force_login(_member(AGENCY))
    html = client.get(reverse("wagtailsnippets_careers_testimonial:edit", args=[testimonial.pk])).content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html


def test_agency_cannot_delete_a_live_testimonial(client, roles):
    testimonial = TestimonialFactory(first_name="Léa")
    client.force_login(_member(AGENCY))
    url = reverse("wagtailsnippets_careers_testimonial:delete", args=[testimonial.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert careers_models.Testimonial.objects.filter(pk=testimonial.pk).exists()
    assert any("seule la Communication Région peut le supprimer" in str(m) for m in get_messages(response.wsgi_request))


def test_agency_cannot_bulk_delete_a_live_testimonial(client, roles):
    testimonial = TestimonialFactory(first_name="Léa")
    client.force_login(_member(AGENCY))
    url = reverse("wagtail_bulk_action", args=["careers", "testimonial", "delete"]) + f"?id={testimonial.pk}"
    client.post(url)
    assert careers_models.Testimonial.objects.filter(pk=testimonial.pk).exists()


def test_agency_cannot_delete_a_testimonial_it_has_unpublished(client, roles):
    """Once visitors have seen it, the object is the Région's to delete, even if now withdrawn."""
    testimonial = TestimonialFactory(first_name="Léa", live=False)
    testimonial.save_revision().publish()
    testimonial.refresh_from_db()
    testimonial.unpublish()
    assert not careers_models.Testimonial.objects.get(pk=testimonial.pk).live
    client.force_login(_member(AGENCY))
    client.post(reverse("wagtailsnippets_careers_testimonial:delete", args=[testimonial.pk]))
    assert careers_models.Testimonial.objects.filter(pk=testimonial.pk).exists()


def test_agency_may_delete_a_draft_never_published(client, roles):
    draft = TestimonialFactory(first_name="Brouillon", live=False, consent_date=None)
    client.force_login(_member(AGENCY))
    response = client.post(reverse("wagtailsnippets_careers_testimonial:delete", args=[draft.pk]))
    assert response.status_code == 302
    assert not careers_models.Testimonial.objects.filter(pk=draft.pk).exists()


def test_region_deletes_a_live_testimonial(client, roles):
    testimonial = TestimonialFactory(first_name="Léa")
    client.force_login(_member(REGION))
    client.post(reverse("wagtailsnippets_careers_testimonial:delete", args=[testimonial.pk]))
    assert not careers_models.Testimonial.objects.filter(pk=testimonial.pk).exists()
