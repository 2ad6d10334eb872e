"""Event registrations hold visitors' names and e-mail addresses: the Région manages them, the agency never sees them."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from website.roles import AGENCY, REGION, PermissionInfo, expand_rules, role_named

REGISTRATION_PERMISSIONS = [
    PermissionInfo("schools", "eventregistration", f"{action}_eventregistration", "content")
    for action in ("add", "change", "delete", "view")
]


def test_the_agency_gets_no_permission_on_event_registrations():
    assert expand_rules(role_named(AGENCY), REGISTRATION_PERMISSIONS) == set()


def test_the_region_views_corrects_and_deletes_registrations_but_does_not_create_them():
    assert expand_rules(role_named(REGION), REGISTRATION_PERMISSIONS) == {
        "schools.view_eventregistration", "schools.change_eventregistration", "schools.delete_eventregistration"}


@pytest.mark.django_db
@pytest.mark.parametrize(("group", "allowed"), [(AGENCY, False), (REGION, True)])
def test_only_the_region_opens_the_registrations_screen(client, group, allowed):
    from website.roles import apply_roles

    apply_roles()
    user = get_user_model().objects.create_user(f"u-{len(group)}", "u@region.fr", "x-Secret-1")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    response = client.get("/admin/inscriptions/")
    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)
        assert "Nom et prénom" not in response.content.decode()
