"""What only changes on publication is computed once, not at each uncached render (issue #17)."""

from __future__ import annotations

import pytest

from tests.careers.factories import JobProfilePageFactory, JobProfileWayInFactory

pytestmark = pytest.mark.django_db


def test_the_printed_sheets_qr_code_is_drawn_once_per_address(client, profile_index, territories, monkeypatch):
    import segno

    from careers import services

    services.qr_code_svg.cache_clear()
    drawn = []
    original = segno.make
    monkeypatch.setattr(segno, "make", lambda *args, **kwargs: drawn.append(args) or original(*args, **kwargs))
    profile = JobProfilePageFactory(parent=profile_index)
    JobProfileWayInFactory(page=profile)
    first = client.get(profile.url).content.decode()
    second = client.get(profile.url).content.decode()
    assert len(drawn) == 1
    assert "<svg" in first and first.count("<svg") == second.count("<svg")


def test_the_job_listing_shows_a_profile_published_after_it_was_first_rendered(client, profile_index):
    JobProfilePageFactory(parent=profile_index, title="Chaudronnier ou chaudronnière")
    assert "Chaudronnier" in client.get(profile_index.url).content.decode()
    JobProfilePageFactory(parent=profile_index, title="Usineur ou usineuse")
    html = client.get(profile_index.url).content.decode()
    assert "Usineur" in html and "Chaudronnier" in html


def test_a_process_local_value_is_rebuilt_when_the_content_version_moves():
    from website.caching import bump_content_version, content_version

    builds = []

    def build():
        builds.append(1)
        return len(builds)

    assert content_version.local("test-local", build) == 1
    assert content_version.local("test-local", build) == 1
    bump_content_version()
    assert content_version.local("test-local", build) == 2


def _profile_with_event(profile_index, event_index, days: int = 5):
    from tests.schools.factories import EventPageFactory

    profile = JobProfilePageFactory(parent=profile_index)
    event = EventPageFactory(parent=event_index, title="Portes ouvertes de la forge", days=days)
    event.job_profiles.set([profile])
    event.save_revision().publish()
    return profile, event


@pytest.fixture
def event_index(home_page):
    schools_factories = pytest.importorskip("tests.schools.factories")
    return schools_factories.EventIndexPageFactory(parent=home_page)


def test_a_profiles_lists_are_read_once_then_follow_a_publication(client, profile_index, event_index, territories,
                                                                   django_assert_max_num_queries):
    """Related profiles, companies, training and events: read at the first render, reused until content changes."""
    from tests.careers.factories import CompanyFactory

    profile, _event = _profile_with_event(profile_index, event_index)
    client.get(profile.url)
    with django_assert_max_num_queries(4):  # routing and the page; the lists and fragments are kept
        html = client.get(profile.url).content.decode()
    assert "Portes ouvertes de la forge" in html
    CompanyFactory(name="Forges de Denain", job_profiles=[profile])
    assert "Forges de Denain" in client.get(profile.url).content.decode()


def test_an_event_over_since_the_lists_were_kept_leaves_the_profile_without_a_publication(
        client, profile_index, event_index, territories, monkeypatch):
    import datetime

    from django.utils import timezone

    profile, event = _profile_with_event(profile_index, event_index, days=1)
    assert "Portes ouvertes de la forge" in client.get(profile.url).content.decode()
    later = event.end + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Portes ouvertes de la forge" not in client.get(profile.url).content.decode()


def test_recently_used_values_are_kept_per_version_and_bounded(monkeypatch):
    from website import versions
    from website.caching import bump_content_version, content_version

    monkeypatch.setattr(versions, "RECENT_VALUES", 2)
    builds: list[str] = []

    def build(name: str):
        return lambda: builds.append(name) or f"{name}{len(builds)}"

    with versions.request_scope():
        assert content_version.recent("a", build("a")) == "a1"
        assert content_version.recent("a", build("a")) == "a1"
        content_version.recent("b", build("b"))
        content_version.recent("c", build("c"))  # over the bound: "a", used least recently, goes
        assert content_version.recent("a", build("a")) == "a4"
    bump_content_version()
    with versions.request_scope():
        assert content_version.recent("a", build("a")) == "a5"
    assert builds == ["a", "b", "c", "a", "a"]
