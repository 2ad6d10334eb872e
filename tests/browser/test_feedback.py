"""The « Cette page vous a-t-elle été utile ? » widget in a real browser: accessible, with and without JavaScript."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations, format_violations

pytestmark = pytest.mark.browser

PAGE = "/mentions-legales/"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    from django.core.cache import cache

    cache.clear()


def test_feedback_widget_has_no_axe_violations(page, demo_server):
    page.goto(demo_server.url + PAGE)
    assert page.get_by_role("group", name="Cette page vous a-t-elle été utile ?").is_visible()
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_feedback_widget_on_mobile_has_no_axe_violations(mobile_page, demo_server):
    mobile_page.goto(demo_server.url + PAGE)
    violations = axe_violations(mobile_page)
    assert violations == [], format_violations(violations)


def test_keyboard_user_answers_and_hears_the_thanks_without_leaving_the_page(page, demo_server):
    page.goto(demo_server.url + PAGE)
    page.get_by_label("Comment pouvons-nous améliorer cette page ? (facultatif)").fill("Plus d’exemples, svp.")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past "Oui", to "Non"
    assert page.evaluate("document.activeElement.value") == "non"
    page.keyboard.press("Enter")
    status = page.locator("[data-feedback-status]")
    status.get_by_text("Merci pour votre avis").wait_for()
    assert page.url == demo_server.url + PAGE
    assert page.evaluate("document.activeElement.hasAttribute('data-feedback-status')")
    assert status.get_attribute("role") == "status"
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_second_answers_are_refused_politely_after_the_limit(page, demo_server):
    from audience.ratelimit import MAX_PER_PAGE

    for _ in range(MAX_PER_PAGE + 1):
        page.goto(demo_server.url + PAGE)
        page.get_by_role("button", name="Oui, elle m’a été utile").click()
        page.locator("[data-feedback-status]:not(:empty)").wait_for()
    status = page.locator("[data-feedback-status]")
    assert "déjà donné votre avis" in status.inner_text()
    assert status.get_attribute("data-state") == "error"


def test_feedback_works_without_javascript(no_js_page, demo_server):
    no_js_page.goto(demo_server.url + PAGE)
    no_js_page.get_by_role("button", name="Non, pas vraiment").click()
    no_js_page.wait_for_load_state()
    assert no_js_page.locator("h1").inner_text() == "Merci pour votre avis"
    no_js_page.get_by_role("link", name="Revenir à la page").click()
    assert no_js_page.url.endswith(PAGE)
