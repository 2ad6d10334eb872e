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


LAYOUT_SHIFTS = """
window.__layoutShift = 0;
new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) { if (!entry.hadRecentInput) { window.__layoutShift += entry.value; } }
}).observe({type: "layout-shift", buffered: true});
"""


def test_small_screen_menu_is_drawn_collapsed_without_any_layout_shift(mobile_page, demo_server):
    # The menu used to open at first paint and collapse when the script ran: a 0.29 layout shift
    # that cost 15 points of Lighthouse performance on every page.
    mobile_page.add_init_script(LAYOUT_SHIFTS)
    mobile_page.goto(demo_server.url + "/metiers/soudeur-soudeuse/", wait_until="load")
    mobile_page.wait_for_timeout(500)
    assert mobile_page.evaluate("window.__layoutShift") < 0.01
    menu, toggle = mobile_page.locator("#menu-principal"), mobile_page.locator(".main-nav__toggle")
    assert menu.is_hidden() and toggle.is_visible()
    toggle.click()
    assert menu.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    toggle.click()
    assert menu.is_hidden() and toggle.get_attribute("aria-expanded") == "false"


def test_small_screen_menu_stays_open_without_javascript(browser, demo_server):
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_server.url + "/")
    assert page.locator("#menu-principal").is_visible()
    assert page.locator(".main-nav__toggle").is_hidden()
    context.close()
