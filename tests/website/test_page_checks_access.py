"""The « Vérifications » of a page read its latest draft: only those who may edit the page see them."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.website.factories import StandardPageFactory
from website.roles import AGENCY, STATISTICIANS, apply_roles
from website.wagtail_hooks import page_listing_editorial_buttons

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_page(home_page):
    apply_roles()
    page = StandardPageFactory(parent=home_page, title="Plan de campagne")
    page.title = "Titre confidentiel du brouillon"
    page.save_revision()
    return page


def _member(role: str):
    user = get_user_model().objects.create_user(f"membre-{role[:6]}", password="x")
    user.groups.add(Group.objects.get(name=role))
    return get_user_model().objects.get(pk=user.pk)


def test_an_admin_user_who_cannot_edit_the_page_is_refused_its_checks(client, draft_page):
    client.force_login(_member(STATISTICIANS))
    response = client.get(reverse("website_page_checks", args=[draft_page.pk]))
    # Wagtail answers a refused admin view by sending the user to the dashboard with its message.
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_an_editor_of_the_page_sees_its_checks(client, draft_page):
    client.force_login(_member(AGENCY))
    assert client.get(reverse("website_page_checks", args=[draft_page.pk])).status_code == 200


def test_the_checks_button_is_offered_only_to_those_who_may_edit_the_page(draft_page):
    def labels(user):
        return [str(button.label) for button in page_listing_editorial_buttons(draft_page, user)]

    assert "Vérifications" in labels(_member(AGENCY))
    assert "Vérifications" not in labels(_member(STATISTICIANS))


def test_the_editorial_buttons_go_into_each_listing_rows_more_menu_not_across_the_row():
    from wagtail import hooks

    assert page_listing_editorial_buttons in hooks.get_hooks("register_page_listing_more_buttons")
    assert page_listing_editorial_buttons not in hooks.get_hooks("register_page_listing_buttons")
