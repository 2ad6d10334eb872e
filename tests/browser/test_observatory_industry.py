"""« L'industrie en chiffres » and a filière page in a real browser: axe, keyboard, no JavaScript."""

import pytest

from tests.browser.conftest import axe_violations, format_violations

pytestmark = pytest.mark.browser

FIGURES = "/observatoire/industrie-en-chiffres/"
FILIERE = FIGURES + "filieres/metallurgie-mecanique/"


def test_figures_page_has_no_axe_violations(page, demo_server):
    page.goto(demo_server.url + FIGURES)
    assert page.locator("h1").inner_text() == "L’industrie en chiffres"
    assert page.locator("table").count() >= 3
    assert page.get_by_text("Données de démonstration synthétiques.").first.is_visible()
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_filiere_page_has_no_axe_violations(page, demo_server):
    page.goto(demo_server.url + FILIERE)
    assert "Métallurgie" in page.locator("h1").inner_text()
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_mobile_figures_page_has_no_axe_violations(mobile_page, demo_server):
    mobile_page.goto(demo_server.url + FIGURES)
    violations = axe_violations(mobile_page)
    assert violations == [], format_violations(violations)


def test_figures_work_without_javascript_and_lead_to_filiere_pages(no_js_page, demo_server):
    response = no_js_page.goto(demo_server.url + FIGURES)
    assert response.status == 200
    assert no_js_page.locator(".bar-chart").first.is_visible()
    no_js_page.get_by_role("link", name="Automobile").first.click()
    assert no_js_page.locator("h1").inner_text() == "Automobile"
    assert no_js_page.locator('a[href="/metiers/?filiere=automobile"]').count() == 1


def test_csv_download_link_serves_the_table(page, demo_server):
    page.goto(demo_server.url + FIGURES)
    href = page.locator("a[download]").first.get_attribute("href")
    response = page.request.get(demo_server.url + href)
    assert response.status == 200 and "text/csv" in response.headers["content-type"]
    assert "REG-32" in response.text()


def test_method_page_for_non_statisticians_has_no_axe_violations(page, demo_server):
    page.goto(demo_server.url + "/observatoire/comprendre-les-chiffres-de-l-industrie/")
    assert page.get_by_role("heading", name="Pourquoi trois chiffres pour une seule industrie ?").is_visible()
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)
