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


def test_the_pupils_salary_figures_come_from_the_observatory_for_the_right_family(client, demo_site):
    html = client.get("/collegiens-lyceens/").content.decode()
    assert "3\u202f100\u202f€" in html and "2\u202f020\u202f€" in html  # H0Z91 and G1Z, read from the data
    assert "3 120" not in html and "3\u202f120" not in html  # the figure of all industrial engineers
    assert html.count("France entière") >= 2
