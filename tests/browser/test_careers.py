"""Careers pages in a real browser: the /metiers/ finder with and without JavaScript, a profile with axe."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import axe_violations, format_violations

pytestmark = pytest.mark.browser

# The first visit renders image renditions: allow it time on a slow machine.
FIRST_VISIT_MS = 120_000


def _status(page) -> str:
    return page.locator("[data-finder-status]").inner_text().strip()


def _count(status: str) -> int:
    return int(re.match(r"(\d+)", status).group(1))


def test_finder_filters_without_javascript_through_a_shareable_url(no_js_page, demo_server):
    no_js_page.goto(demo_server.url + "/metiers/", timeout=FIRST_VISIT_MS)
    total = _count(_status(no_js_page))
    assert total >= 30
    no_js_page.locator("#facet-filiere label", has_text="Agroalimentaire").click()
    no_js_page.locator("#facet-niveau label", has_text="Sans diplôme").click()
    no_js_page.get_by_role("button", name="Appliquer les filtres").click()
    no_js_page.wait_for_url(re.compile(r"filiere=agroalimentaire"))
    assert "niveau=sans-diplome" in no_js_page.url
    filtered = _count(_status(no_js_page))
    assert 0 < filtered < total
    # The same address, opened again, gives the same result: it can be shared.
    no_js_page.goto(no_js_page.url)
    assert _count(_status(no_js_page)) == filtered
    assert no_js_page.locator("#f-filiere-agroalimentaire").is_checked()


def test_finder_updates_results_and_announces_the_count_with_javascript(page, demo_server):
    page.goto(demo_server.url + "/metiers/", timeout=FIRST_VISIT_MS)
    total = _count(_status(page))
    assert page.get_by_role("button", name="Appliquer les filtres").is_hidden()
    page.locator("#facet-niveau label", has_text="Sans diplôme").click()
    page.wait_for_url(re.compile(r"niveau=sans-diplome"))
    page.wait_for_function("() => !document.querySelector('[data-finder]').hasAttribute('aria-busy')")
    status = _status(page)
    assert "correspond" in status and _count(status) < total
    # The live region is the same element that was announced before (screen readers follow it).
    assert page.locator('[data-finder-status][role="status"][aria-live="polite"]').count() == 1
    cards = page.locator(".finder__results .card").count()
    assert 0 < cards <= _count(status)


def test_profile_page_has_no_axe_violations_and_one_heading_1(page, demo_server):
    page.goto(demo_server.url + "/metiers/technicien-technicienne-maintenance/", timeout=FIRST_VISIT_MS)
    assert page.locator("h1").count() == 1
    assert page.locator("text=Se former près de chez vous").first.is_visible()
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_finder_page_has_no_axe_violations(page, demo_server):
    page.goto(demo_server.url + "/metiers/?filiere=automobile", timeout=FIRST_VISIT_MS)
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_profile_prints_as_a_clean_sheet_with_its_qr_code(page, demo_server):
    page.goto(demo_server.url + "/metiers/soudeur-soudeuse/", timeout=FIRST_VISIT_MS)
    page.emulate_media(media="print")
    assert page.locator(".print-qr svg").is_visible()
    assert page.locator(".site-header").is_hidden() and page.locator(".toc").is_hidden()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize("path", ["/filieres/agroalimentaire/", "/demandeurs-d-emploi/",
                                  "/industrie-du-futur/four-electrique-verrerie/"])
def test_section_pages_have_no_axe_violations(page, demo_server, path):
    page.goto(demo_server.url + path, timeout=FIRST_VISIT_MS)
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)
