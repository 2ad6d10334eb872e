"""The demo's indexes are written once at the end of the load, and are then what per-save updates give."""

from __future__ import annotations

import pytest
from wagtail.models import ReferenceIndex

from careers.models import JobProfilePage
from demo.indexing import indexes_updated_at_the_end
from tests.careers.factories import JobProfileIndexPageFactory, JobProfilePageFactory, JobProfileWayInFactory
from tests.website.factories import SiteImageFactory

pytestmark = pytest.mark.django_db


def found(query: str) -> list[int]:
    return [page.pk for page in JobProfilePage.objects.live().search(query)]


def test_pages_saved_during_the_load_get_their_references_and_search_entries_when_it_ends(home_page):
    image = SiteImageFactory()
    with indexes_updated_at_the_end():
        jobs = JobProfileIndexPageFactory(parent=home_page)
        profile = JobProfilePageFactory(parent=jobs, title="Chaudronnier témoin", hero_image=image)
        JobProfileWayInFactory(page=profile)  # an inline child: it stands for its page
        assert not ReferenceIndex.get_references_to(image).exists()
        assert found("chaudronnier") == []

    assert [reference.object_id for reference in ReferenceIndex.get_references_to(image)] == [str(profile.pk)]
    assert found("chaudronnier") == [profile.pk]


def test_skipping_the_search_index_still_writes_the_references(home_page):
    image = SiteImageFactory()
    with indexes_updated_at_the_end(search=False):
        jobs = JobProfileIndexPageFactory(parent=home_page)
        JobProfilePageFactory(parent=jobs, title="Chaudronnier témoin", hero_image=image)

    assert ReferenceIndex.get_references_to(image).exists()
    assert found("chaudronnier") == []


def test_after_the_load_each_save_updates_the_indexes_again(home_page):
    with indexes_updated_at_the_end(search=False):
        jobs = JobProfileIndexPageFactory(parent=home_page)

    image = SiteImageFactory()
    profile = JobProfilePageFactory(parent=jobs, title="Chaudronnier témoin", hero_image=image)

    assert ReferenceIndex.get_references_to(image).exists()
    assert found("chaudronnier") == [profile.pk]
