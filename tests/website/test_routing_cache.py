"""Routing reads each page once per content version and process, and gives every request its own copy (#17)."""

from __future__ import annotations

import pytest

from tests.careers.factories import JobProfileIndexPageFactory, JobProfilePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(home_page):
    return JobProfilePageFactory(parent=JobProfileIndexPageFactory(parent=home_page), title="Soudeur ou soudeuse")


def test_a_page_already_served_is_found_again_without_a_query(client, profile, django_assert_num_queries):
    from wagtail.models import Page

    from website.pages import SitePage

    home = Page.objects.get(pk=profile.get_parent().get_parent().pk).specific
    client.get(profile.url)
    with django_assert_num_queries(0):
        found = home.route(None, [profile.get_parent().slug, profile.slug])
    assert isinstance(found.page, SitePage) and found.page.pk == profile.pk


def test_a_published_change_and_a_new_page_are_served_at_once(client, profile):
    assert "Soudeur ou soudeuse" in client.get(profile.url).content.decode()
    profile.title = "Soudeur ou soudeuse TIG"
    profile.save_revision().publish()
    assert "Soudeur ou soudeuse TIG" in client.get(profile.url).content.decode()
    other = JobProfilePageFactory(parent=profile.get_parent(), title="Chaudronnier ou chaudronnière")
    assert client.get(other.url).status_code == 200


def test_an_unpublished_page_and_an_unknown_slug_answer_404(client, profile):
    client.get(profile.url)
    assert client.get(profile.get_parent().url + "pas-un-metier/").status_code == 404
    profile.unpublish()
    assert client.get(profile.url).status_code == 404


def test_what_a_request_sets_on_its_page_stays_with_that_request(profile, django_assert_num_queries):
    from website.pages import kept_page
    from website.versions import request_scope

    with request_scope():
        first = kept_page(type(profile), profile.pk)
        first.title = "changé par une requête"
        first._prefetched_objects_cache = {"ways_in": []}
    with request_scope(), django_assert_num_queries(0):  # the kept page, copied
        second = kept_page(type(profile), profile.pk)
    assert second is not first
    assert second.title == "Soudeur ou soudeuse"
    assert "ways_in" not in getattr(second, "_prefetched_objects_cache", {})
