"""Disciplines are moderated: a new one shows on kits and in their filters once the Région publishes it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from schools.models import Discipline
from tests.schools.factories import ClassroomKitPageFactory, DisciplineFactory
from website.roles import AGENCY, REGION, apply_roles

pytestmark = pytest.mark.django_db


def _member(role: str):
    user = get_user_model().objects.create_user(f"membre-{role[:6]}", password="x")
    user.groups.add(Group.objects.get(name=role))
    return user


def test_a_discipline_never_published_is_neither_a_filter_nor_shown_on_kits(client, kit_index):
    techno = DisciplineFactory(name="Technologie", slug="technologie")
    draft = DisciplineFactory(name="Robotique en relecture", slug="robotique", live=False)
    kit = ClassroomKitPageFactory(parent=kit_index, title="Kit robot", disciplines=[techno, draft])
    listing = client.get(kit_index.url)
    assert "Technologie" in listing.content.decode()
    assert "Robotique en relecture" not in listing.content.decode()
    facets = {facet.name: facet for facet in listing.context["kit_filter"].facets()}
    assert [option.value for option in facets["discipline"].options] == ["technologie"]
    page = client.get(kit.url).content.decode()
    assert "Technologie" in page and "Robotique en relecture" not in page


def test_the_agency_creates_a_draft_discipline_and_the_region_publishes_it(client, kit_index):
    apply_roles()
    client.force_login(_member(AGENCY))
    add_url = reverse("wagtailsnippets_schools_discipline:add")
    response = client.post(add_url, {"name": "Robotique", "slug": "robotique", "action-publish": "action-publish"})
    assert response.status_code == 302
    discipline = Discipline.objects.get(slug="robotique")
    assert not discipline.live
    ClassroomKitPageFactory(parent=kit_index, title="Kit robot", disciplines=[discipline])
    client.logout()
    assert "Robotique" not in client.get(kit_index.url).content.decode()

    client.force_login(_member(REGION))
    response = client.post(reverse("wagtailsnippets_schools_discipline:edit", args=[discipline.pk]),
                           {"name": "Robotique", "slug": "robotique", "action-publish": "action-publish"})
    assert response.status_code == 302
    client.logout()
    assert "Robotique" in client.get(kit_index.url).content.decode()
