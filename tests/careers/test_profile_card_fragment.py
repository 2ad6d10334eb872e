"""Job profile cards are kept per process ({% fragment %}), yet each visitor sees the figures of their territory."""

from __future__ import annotations

import pytest

from tests.careers.factories import JobProfilePageFactory

pytestmark = pytest.mark.django_db


def test_the_listing_card_follows_the_territory_cookie_after_being_kept(client, profile_index, published_tensions):
    JobProfilePageFactory(parent=profile_index, title="Soudeur ou soudeuse", rome_codes="H2913", fap_code="D2Z42")
    region = client.get(profile_index.url).content.decode()
    client.cookies["territoire"] = "DEP-60"
    oise = client.get(profile_index.url).content.decode()
    assert "(Hauts-de-France)</li>" in region and "(Oise)</li>" not in region
    assert "(Oise)</li>" in oise and "(Hauts-de-France)</li>" not in oise
    client.cookies["territoire"] = ""
    assert client.get(profile_index.url).content.decode() == region  # read back as it was kept


def test_a_profile_from_its_kept_fragments_is_the_page_a_full_render_gives(client, profile_index,
                                                                            published_tensions):
    from django.core.cache import caches

    page = JobProfilePageFactory(parent=profile_index, title="Soudeur ou soudeuse", rome_codes="H2913",
                                 fap_code="D2Z42")
    region = client.get(page.url).content.decode()  # keeps the fragments
    client.cookies["territoire"] = "DEP-60"
    from_fragments = client.get(page.url).content.decode()
    caches["fragments"].clear()
    assert client.get(page.url).content.decode() == from_fragments
    assert from_fragments != region  # the visitor's own figures, rendered for this request
    assert "— Oise, famille professionnelle" in from_fragments and "— Oise, famille" not in region


def test_a_profile_whose_fragments_are_kept_computes_only_the_visitors_figures(
        client, profile_index, published_tensions, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = JobProfilePageFactory(parent=profile_index, title="Soudeur ou soudeuse", rome_codes="H2913",
                                 fap_code="D2Z42")
    with CaptureQueriesContext(connection) as first:
        client.get(page.url)
    with CaptureQueriesContext(connection) as second:
        client.get(page.url)
    tables = " ".join(query["sql"] for query in second.captured_queries)
    assert len(second) < len(first)
    assert "observatory_romeappellation" not in tables and "taggit_tag" not in tables  # job titles, tags: kept


def test_a_publication_renders_the_profiles_fragments_again(client, profile_index, published_tensions):
    page = JobProfilePageFactory(parent=profile_index, title="Soudeur ou soudeuse", rome_codes="H2913",
                                 fap_code="D2Z42", introduction="Avant la relecture.")
    assert "Avant la relecture." in client.get(page.url).content.decode()
    page.introduction = "Après la relecture."
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Après la relecture." in html and "Avant la relecture." not in html
