"""Moderation: the agency submits, the region approves and publishes; scheduled publishing."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.website.factories import StandardPageFactory
from website.roles import AGENCY, REGION, STATISTICIANS, apply_roles
from website.workflow import WORKFLOW_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(home_page):
    apply_roles()


def _login(client, role: str):
    user = get_user_model().objects.create_user(f"user-{role[:6]}", password="x")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


def _form(title: str, slug: str, **extra) -> dict:
    return nested_form_data({
        "title": title,
        "slug": slug,
        "introduction": "Une page écrite par l’agence.",
        "body": streamfield([("paragraph", rich_text("<p>Le métier de soudeur en trois points.</p>"))]),
        "comments": inline_formset([]),
        **extra,
    })


def test_the_home_page_subtree_uses_the_validation_region_workflow(roles, home_page):
    page = StandardPageFactory(parent=home_page)
    assert page.get_workflow().name == WORKFLOW_NAME


def test_agency_cannot_publish_but_submits_and_region_approves(client, roles, home_page):
    agency = _login(client, AGENCY)
    add_url = reverse("wagtailadmin_pages:add", args=["website", "standardpage", home_page.pk])
    response = client.post(add_url, _form("Devenir soudeuse", "devenir-soudeuse", **{"action-publish": "1"}))
    assert response.status_code == 302
    page = Page.objects.get(slug="devenir-soudeuse")
    assert not page.live, "the agency's publish request must only save a draft"

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(edit_url, _form("Devenir soudeuse", "devenir-soudeuse", **{"action-submit": "1"}))
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not page.permissions_for_user(agency).can_publish()

    # The region sees it on the dashboard, previews it, approves it: it is live.
    client.logout()
    _login(client, REGION)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "En attente de ma validation" in dashboard and "Devenir soudeuse" in dashboard
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert preview.status_code == 200 and "Le métier de soudeur" in preview.content.decode()
    task_state = state.current_task_state
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(approve_url, {"comment": "Parfait."})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live


def test_region_publishes_directly(client, roles, home_page):
    _login(client, REGION)
    add_url = reverse("wagtailadmin_pages:add", args=["website", "standardpage", home_page.pk])
    client.post(add_url, _form("Les salaires", "les-salaires", **{"action-publish": "1"}))
    assert Page.objects.get(slug="les-salaires").live


def test_statistician_cannot_edit_ordinary_pages(client, roles, home_page):
    page = StandardPageFactory(parent=home_page)
    _login(client, STATISTICIANS)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or "login" not in response["Location"]


def test_scheduled_page_goes_live_with_publish_scheduled(home_page):
    page = StandardPageFactory(parent=home_page, live=False, slug="bientot")
    page.go_live_at = timezone.now() + datetime.timedelta(minutes=5)
    revision = page.save_revision()
    revision.publish()  # with a future go_live_at, Wagtail schedules instead of publishing
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at is not None
    # Five minutes later (moved back in the stored data rather than waiting):
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.refresh_from_db()
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live


@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_a_moderation_action_posted_after_its_task_is_over_is_refused_without_an_error(client, roles, home_page,
                                                                                       accept):
    """Posted twice, or by the autosave while the approval publishes the page: Wagtail 7.4 answered 500."""
    page = StandardPageFactory(parent=home_page, title="Devenir soudeuse", slug="devenir-soudeuse")
    _login(client, REGION)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(edit_url, _form("Devenir soudeuse", "devenir-soudeuse", **{
        "action-workflow-action": "true", "workflow-action-name": "approve"}), HTTP_ACCEPT=accept)
    assert response.status_code in (302, 400)
    page.refresh_from_db()
    assert page.title == "Devenir soudeuse" and not page.has_unpublished_changes


def test_an_autosave_carrying_a_moderation_action_never_performs_it(client, roles, home_page):
    """Wagtail 7.4's autosave copies the action's fields the button set while the editor's own post
    of that action is under way; checking the task first did not do (both passed the check)."""
    _login(client, AGENCY)
    add_url = reverse("wagtailadmin_pages:add", args=["website", "standardpage", home_page.pk])
    client.post(add_url, _form("Devenir soudeuse", "devenir-soudeuse", **{"action-submit": "1"}))
    page = Page.objects.get(slug="devenir-soudeuse")
    client.logout()
    _login(client, REGION)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(edit_url, _form("Devenir soudeuse", "devenir-soudeuse", **{
        "action-workflow-action": "true", "workflow-action-name": "approve"}), HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and response.json()["success"] is False
    page.refresh_from_db()
    assert not page.live
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == WorkflowState.STATUS_IN_PROGRESS


class _SlugTakenMeanwhile:
    """The form finds the slug free; by the time the page is written, another request has taken it."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, slug, parent_page, page=None) -> bool:
        if parent_page is None:  # the model's check while the new page has no place in the tree yet
            return True
        self.calls += 1
        return self.calls == 1  # the form's check, then the one made when the page is written


def test_two_creations_of_one_page_at_once_give_the_second_a_message_not_a_500(client, roles, home_page):
    _login(client, AGENCY)
    add_url = reverse("wagtailadmin_pages:add", args=["website", "standardpage", home_page.pk])
    with mock.patch.object(Page, "_slug_is_available", _SlugTakenMeanwhile()):
        response = client.post(add_url, _form("Devenir soudeuse", "devenir-soudeuse", **{"action-submit": "1"}))
    assert response.status_code == 302 and response["Location"] == add_url
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("un autre enregistrement de cette page" in message and "devenir-soudeuse" in message
               for message in shown), shown
    assert not Page.objects.filter(slug="devenir-soudeuse").exists()


def test_the_autosave_that_loses_such_a_race_gets_wagtails_json_refusal(client, roles, home_page):
    _login(client, AGENCY)
    add_url = reverse("wagtailadmin_pages:add", args=["website", "standardpage", home_page.pk])
    with mock.patch.object(Page, "_slug_is_available", _SlugTakenMeanwhile()):
        response = client.post(add_url, _form("Devenir soudeuse", "devenir-soudeuse"), HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    answer = response.json()
    assert answer["success"] is False and answer["error_code"] == "validation_error"
    assert "devenir-soudeuse" in answer["error_message"]
