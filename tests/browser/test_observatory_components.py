"""The observatory's public components on real demo pages: axe, keyboard, no JavaScript."""

import pytest

from tests.browser.conftest import axe_violations, format_violations

pytestmark = pytest.mark.browser


def test_observatory_page_with_badge_and_ranking_has_no_axe_violations(page, demo_server):
    page.goto(demo_server.url + "/observatoire/")
    assert page.locator(".hiring-occupations__item").count() >= 5
    badge = page.locator(".tension").first
    assert badge.is_visible()
    assert "sur 5" in badge.inner_text()
    assert "Source : Dares, France Travail, 2019" in badge.inner_text()
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_mobile_observatory_page_has_no_axe_violations(mobile_page, demo_server):
    mobile_page.goto(demo_server.url + "/observatoire/")
    violations = axe_violations(mobile_page)
    assert violations == [], format_violations(violations)


def test_home_key_figures_show_source_and_pass_axe(page, demo_server):
    page.goto(demo_server.url + "/")
    figures = page.locator(".key-figure")
    assert figures.count() >= 1
    assert "Dares, France Travail, 2019" in figures.first.inner_text()
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_territory_selector_works_without_javascript(no_js_page, demo_server):
    no_js_page.goto(demo_server.url + "/observatoire/")
    no_js_page.select_option("#territory-choice", "DEP-62")
    no_js_page.locator(".territory-bar__form button[type=submit]").click()
    no_js_page.wait_for_url("**/observatoire/")
    assert "Pas-de-Calais" in no_js_page.locator(".territory-bar__current").inner_text()
    assert "Pas-de-Calais" in no_js_page.locator(".hiring-occupations").inner_text()


def test_method_page_is_linked_from_the_badge(page, demo_server):
    page.goto(demo_server.url + "/observatoire/")
    page.locator(".tension a").first.click()
    assert "Comment mesure-t-on" in page.locator("h1").inner_text()
