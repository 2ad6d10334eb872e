"""Browser tests: Playwright driving the system Chromium, with axe-core checks.

They skip with a message when no Chromium is installed (``apt-get install chromium`` on
Debian/Ubuntu, or set CHROMIUM_PATH to another Chromium/Chrome binary).
"""

from __future__ import annotations

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + sync Playwright

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit and os.path.exists(explicit):
        return explicit
    for name in CHROMIUM_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def pytest_collection_modifyitems(items):
    """Browser tests need the test database: mark them so pytest-django creates it."""
    for item in items:
        if item.get_closest_marker("browser") and not item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="session")
def demo_server(django_db_setup, django_db_blocker):
    """A live server over the full demo content, loaded once for the browser session.

    pytest-django's own ``live_server`` fixture would flush the database after each test;
    this one keeps the demo for the whole session. Browser tests run in their own pytest
    invocation (``-m browser``, see the Makefile) so that this committed demo data never
    meets the database-isolated unit tests.
    """
    from django.core.management import call_command
    from pytest_django.live_server_helper import LiveServer

    # The server's thread reads the database during every test: keep it unblocked.
    with django_db_blocker.unblock():
        from django.db import connection

        assert "memory" in connection.settings_dict["NAME"] or connection.settings_dict["NAME"].startswith("test_"), (
            "browser tests must run on the test database"
        )
        call_command("load_demo", "--no-admin", verbosity=0)
        server = LiveServer("localhost")
        yield server
        server.stop()
        _close_every_connection_to_the_test_database()


def _close_every_connection_to_the_test_database() -> None:
    """Leave no session on the test database, so that pytest-django can drop it.

    A connection opened by a thread of the live server or of a background task stays open after
    the thread ends (connections are per thread), and PostgreSQL then refuses to drop the database
    (« being accessed by other users »). This session's own connections are closed by Django.
    """
    from django.db import connection, connections

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid()")
    connections.close_all()


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if executable is None:
        pytest.skip("No Chromium found: install it (`apt-get install chromium`) or set CHROMIUM_PATH to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session", autouse=True)
def _browser_before_the_database(browser):
    """Start Chromium before anything opens a database connection, for the whole session.

    Playwright's synchronous API keeps an asyncio loop running in this thread. While it runs,
    asgiref (and so Django's ``connections``) takes the thread for an async one and hands out other
    connection objects than before it started. A test that started the browser itself (through
    ``request.getfixturevalue``) opened its transaction on one connection and tried to roll it back
    on another ("The rollback flag doesn't work outside of an 'atomic' block"). With the browser
    first, every connection of the session is on the same side.
    """


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def mobile_page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page; return the violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    return results.response["violations"]


def format_violations(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in violations
    )


def tab_through(page, max_steps: int = 200) -> list[str]:
    """Press Tab until focus cycles; return a description of each focused element."""
    seen: list[str] = []
    for _ in range(max_steps):
        page.keyboard.press("Tab")
        description = page.evaluate(
            "() => { const e = document.activeElement; if (!e || e === document.body) return '';"
            " return e.tagName + '|' + (e.getAttribute('href') || e.name || e.id || e.textContent.trim().slice(0, 40)); }"
        )
        if not description:
            break
        if seen and description == seen[0]:
            break
        seen.append(description)
    return seen
