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
