"""The accessibility statement says honestly what is tested and what is not."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_accessibility_statement_names_the_checks_and_the_missing_audit(client, demo_site):
    response = client.get("/accessibilite/")
    assert response.status_code == 200
    text = response.content.decode()
    for check in ("axe-core", "Nu HTML Checker", "Tab", "Sans JavaScript", "chaque type de page"):
        assert check in text, check
    assert "non conforme" in text  # no independent audit yet: RGAA requires saying so
