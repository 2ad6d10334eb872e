"""What the demo builds, read from the package's one load of it (the loader's own idempotence is
tested in tests/website/test_demo.py)."""

from __future__ import annotations

import pytest

from website.models import SiteImage

pytestmark = pytest.mark.django_db


def test_demo_images_are_drawn_by_the_project_with_alt_text(demo_site):
    images = SiteImage.objects.all()
    assert images.exists()
    for image in images:
        assert image.description, f"{image.title} has no alt text"
        assert image.credit


def test_demo_builds_the_legal_pages_and_search(client, demo_site):
    for path in ("/", "/mentions-legales/", "/accessibilite/", "/confidentialite/", "/recherche/"):
        assert client.get(path).status_code == 200, path
