"""``website/`` is the ground floor: it never names the section apps built on top of it.

Dependencies point one way — careers, schools, observatory and audience import ``website``,
never the reverse — so that each of them can change (or be removed) without touching the
base. Those apps plug into the base through Wagtail hooks (``register_role_grants``,
``register_page_checks``, ``construct_homepage_panels``, ``register_moderated_snippets``), an
attribute of their ``AppConfig`` (``page_cache_relevant``) and the project's settings
(``SECTION_URLCONFS``, ``SECTION_BLOCKS``, ``DEMO_LOADERS``). The settings package is the
composition root: it alone may list the apps. Migrations are history, not code that runs
against the apps' modules.

Read from the source with :mod:`ast`, without importing anything: an import hidden in a
function counts as much as one at the top of a module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

WEBSITE = Path(__file__).resolve().parents[2] / "website"
SECTION_APPS = ("careers", "schools", "observatory", "audience")
#: Where the apps may be named: the composition root (settings) and the migrations' history.
ALLOWED_FOLDERS = (WEBSITE / "settings", WEBSITE / "migrations")
#: Bare labels caught as string literals too (``apps.get_model("schools", …)``). Not "audience":
#: in the base it is a field of campaign pages and home-page entries (the public a page is for).
BARE_LABELS = ("careers", "schools", "observatory")


def website_modules() -> list[Path]:
    return sorted(path for path in WEBSITE.rglob("*.py")
                  if not any(path.is_relative_to(folder) for folder in ALLOWED_FOLDERS))


def _names_a_section_app(module: str) -> bool:
    return module.partition(".")[0] in SECTION_APPS


def section_app_references(source: str) -> list[str]:
    """Each import of a section app, and each string naming one (``"observatory.dataset"``), with its line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {alias.name}" for alias in node.names if _names_a_section_app(alias.name)]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and _names_a_section_app(node.module or ""):
            found.append(f"{node.lineno}: from {node.module} import …")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.strip()
            if text.startswith(tuple(f"{label}." for label in SECTION_APPS)) or text in BARE_LABELS:
                found.append(f"{node.lineno}: {text!r}")
    return found


def test_the_checker_catches_imports_anywhere_and_dotted_names_but_not_prose():
    source = (
        "import careers.models\n"
        "from observatory.blocks import IndicatorBlock\n"
        "def panels():\n"
        "    from audience.reports import default_period\n"
        "    return apps.get_model('schools', 'KitDownloadCount'), 'observatory.dataset'\n"
        "'''Section pages (careers, schools, observatory) declare their parents themselves.'''\n"
        "from website.blocks import BaseStreamBlock\n"
        "FieldPanel('audience')\n"
    )
    assert [line.partition(":")[0] for line in section_app_references(source)] == ["1", "2", "4", "5", "5"]


@pytest.mark.parametrize("path", website_modules(), ids=lambda path: str(path.relative_to(WEBSITE)))
def test_website_module_names_no_section_app(path):
    assert section_app_references(path.read_text(encoding="utf-8")) == []


# --- The demo app sits on top of everything -------------------------------------------------
# ``demo/`` (the content of ``manage.py load_demo``) is installed by the dev and test settings
# only: a production module that imported it would fail on a production server, or carry the
# demo's fictitious content and accounts into it. Production logic a loader needs belongs to the
# owning app, which the demo imports.

PROJECT = WEBSITE.parent
PRODUCTION_APPS = ("website", "observatory", "careers", "schools", "audience")


def demo_imports(source: str) -> list[str]:
    """Each import of the demo app (at any depth: a function's import counts too), with its line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {alias.name}" for alias in node.names
                      if alias.name.partition(".")[0] == "demo"]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").partition(".")[0] == "demo":
            found.append(f"{node.lineno}: from {node.module} import …")
    return found


def production_modules() -> list[Path]:
    return sorted(path for app in PRODUCTION_APPS for path in (PROJECT / app).rglob("*.py")
                  if "migrations" not in path.parts)


def test_the_demo_checker_catches_nested_imports_but_not_other_names():
    source = (
        "import demo.loaders\n"
        "def f():\n"
        "    from demo.pages import get_or_create_page\n"
        "from website.auth_backends import is_demo_account\n"
        "import democracy\n"
    )
    assert [line.partition(":")[0] for line in demo_imports(source)] == ["1", "3"]


@pytest.mark.parametrize("path", production_modules(), ids=lambda path: str(path.relative_to(PROJECT)))
def test_production_module_imports_no_demo(path):
    assert demo_imports(path.read_text(encoding="utf-8")) == []


def test_the_demo_app_is_installed_by_dev_and_test_settings_only():
    settings_folder = WEBSITE / "settings"
    installs = {path.name for path in settings_folder.glob("*.py") if '"demo"' in path.read_text(encoding="utf-8")}
    assert installs == {"dev.py", "test.py"}
    assert not any(path.name.startswith("demo") for app in PRODUCTION_APPS for path in (PROJECT / app).rglob("*.py"))
