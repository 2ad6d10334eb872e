"""Every public page type is served with a bounded number of SQL queries (< 20).

Pages are discovered from the demo tree (tests/site_pages.py), so a page type added by any app is
measured without being listed here. Measured with the page cache off (the cost of a cache
miss, the worst case a visitor can trigger) on a warm process: each address is requested once
before being measured, as any server has answered it before (Wagtail keeps the site's root
paths in the cache; a search records its first hit with an insert).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

QUERY_BUDGET = 20
pytestmark = pytest.mark.django_db


def test_every_page_type_of_the_demo_is_discovered(site_paths):
    labels = {label for label, _ in site_paths}
    assert {"HomePage", "StandardPage", "SearchPage", "ObservatoryIndexPage"} <= labels, labels
    assert any("/recherche/?" in path for _, path in site_paths), "the search form was not found"


def test_every_public_page_stays_under_the_query_budget(client, site_paths):
    over_budget, measured = [], []
    for label, path in site_paths:
        client.cookies.clear()
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code in (200, 302, 404), f"{label} {path}: {response.status_code}"
        if len(queries) >= QUERY_BUDGET:
            over_budget.append(f"{label} {path}: {len(queries)} requêtes")
        measured.append((path, len(queries)))
    assert not over_budget, "\n".join(over_budget)
    print("\n".join(f"{count:3d}  {path}" for path, count in measured))


def test_a_visitor_with_a_territory_cookie_stays_under_the_query_budget(client, site_paths):
    from observatory.models import Territory

    territory = Territory.objects.filter(level="departement").order_by("key").first()
    assert territory is not None
    client.cookies["territoire"] = territory.key
    over_budget = []
    for label, path in site_paths:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        if len(queries) >= QUERY_BUDGET:
            over_budget.append(f"{label} {path}: {len(queries)} requêtes")
    assert not over_budget, "\n".join(over_budget)
