import pytest

from tests.browser.conftest import axe_violations, format_violations, tab_through

pytestmark = pytest.mark.browser


def test_home_page_has_no_axe_violations(page, demo_server):
    page.goto(demo_server.url + "/")
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_keyboard_user_reaches_skip_link_first_then_every_link(page, demo_server):
    page.goto(demo_server.url + "/")
    focused = tab_through(page)
    assert focused[0] == "A|#contenu", focused[:3]
    visible_links = page.locator("a[href]:visible").count()
    assert len([f for f in focused if f.startswith("A|")]) >= visible_links


def test_skip_link_moves_focus_to_main_content(page, demo_server):
    page.goto(demo_server.url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_mobile_home_page_has_no_axe_violations(mobile_page, demo_server):
    mobile_page.goto(demo_server.url + "/")
    violations = axe_violations(mobile_page)
    assert violations == [], format_violations(violations)


def test_home_page_works_without_javascript(no_js_page, demo_server):
    response = no_js_page.goto(demo_server.url + "/")
    assert response.status == 200
    assert no_js_page.locator("h1").is_visible()
