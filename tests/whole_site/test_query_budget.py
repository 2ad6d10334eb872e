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

# Pages allowed over the budget: none since the site data cache and ``SitePage`` (website/site_cache.py,
# website/pages.py). Keep it empty; a page that needs an entry here needs a fix instead.
KNOWN_OVER_BUDGET: dict[str, int] = {}


def budget_for(label: str, path: str) -> int:
    """The ceiling for one address: QUERY_BUDGET, or its recorded ratchet value."""
    key = path.split("?")[0] + "?" if "?" in path else label
    return KNOWN_OVER_BUDGET.get(key, QUERY_BUDGET - 1) + 1


def test_every_page_type_of_the_demo_is_discovered(site_paths):
    labels = {label for label, _ in site_paths}
    assert {"HomePage", "StandardPage", "SearchPage", "ObservatoryIndexPage"} <= labels, labels
    assert any("/recherche/?" in path for _, path in site_paths), "the search form was not found"


def test_the_ratchet_only_lists_pages_that_exist(site_paths):
    keys = {label for label, _ in site_paths} | {path.split("?")[0] + "?" for _, path in site_paths if "?" in path}
    assert set(KNOWN_OVER_BUDGET) <= keys, set(KNOWN_OVER_BUDGET) - keys


def test_every_public_page_stays_under_the_query_budget(client, site_paths):
    over_budget, measured = [], []
    for label, path in site_paths:
        client.cookies.clear()
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code in (200, 302, 404), f"{label} {path}: {response.status_code}"
        if len(queries) >= budget_for(label, path):
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
        if len(queries) >= budget_for(label, path):
            over_budget.append(f"{label} {path}: {len(queries)} requêtes")
    assert not over_budget, "\n".join(over_budget)
