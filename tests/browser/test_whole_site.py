"""Whole site, in Chromium: every public page type passes axe-core, the keyboard and the Nu HTML Checker.

The pages are discovered from the demo content (tests/site_pages.py): one live page per page
class, every GET form they show submitted once (search results, filtered listings, quiz results,
territory choice), the 404 page and the API documentation. A page type added by any app is
checked without being listed here.

- axe-core with the WCAG 2.0/2.1 A and AA rules, on desktop and on a phone-sized screen;
- keyboard: every visible link, button and form field receives focus with the Tab key;
- HTML validity: zero errors from the Nu HTML Checker (vnu.jar from the ``vnu-jar`` npm
  package, installed by ``npm ci``; needs Java). Skipped with a message when either is absent.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import axe_violations, format_violations

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parent.parent.parent
VNU_JAR = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MAX_TAB_STEPS = 600

# Marks every element a keyboard user must reach: visible, enabled, not removed from the tab order.
MARK_INTERACTIVE = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  let n = 0;
  for (const el of document.querySelectorAll(selector)) {
    if (el.disabled || el.getAttribute('tabindex') === '-1' || el.closest('[inert]')) continue;
    if (el.tagName === 'INPUT' && el.type === 'radio') {  // Tab stops once per group; arrows move inside it
      const group = Array.from(document.querySelectorAll(`input[type=radio][name="${CSS.escape(el.name)}"]`));
      const stop = group.find(r => r.checked) || group[0];
      if (el !== stop) continue;
    }
    const style = getComputedStyle(el);
    if (!el.getClientRects().length || style.visibility === 'hidden') continue;
    el.dataset.kbd = String(n++);
  }
  return n;
}"""
FOCUSED_MARK = "() => document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.kbd || '' : ''"
DESCRIBE_MISSING = """(ids) => ids.map(id => { const e = document.querySelector(`[data-kbd="${id}"]`);
  return e.tagName + ' ' + (e.getAttribute('href') || e.name || e.id || e.textContent.trim().slice(0, 40)); })"""


@pytest.fixture(scope="module")
def whole_site(demo_server, django_db_blocker) -> list[tuple[str, str]]:
    from django.test import Client

    from tests.site_pages import public_paths

    with django_db_blocker.unblock():
        return public_paths(Client())


def _visit(page, demo_server, label: str, path: str):
    response = page.goto(demo_server.url + path)
    assert response is not None, f"{label} {path}: no response"
    expected = 404 if path.startswith("/cette-adresse") else 200
    assert response.status == expected, f"{label} {path}: HTTP {response.status}"
    return response


@pytest.mark.parametrize("tab", ["page", "mobile_page"], ids=["desktop", "phone"])
def test_every_public_page_has_no_axe_violation(tab, request, demo_server, whole_site):
    browser_tab = request.getfixturevalue(tab)  # a desktop window or a phone viewport
    failures = []
    for label, path in whole_site:
        _visit(browser_tab, demo_server, label, path)
        violations = axe_violations(browser_tab)
        if violations:
            failures.append(f"{label} {path}:\n{format_violations(violations)}")
    assert not failures, "\n\n".join(failures)


def test_the_server_error_page_has_no_axe_violation(page, demo_server):
    from django.template import loader

    page.goto(demo_server.url + "/robots.txt")  # same origin, then the page exactly as the 500 handler renders it
    page.set_content(loader.get_template("500.html").render())
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_keyboard_reaches_every_visible_link_button_and_field_on_every_page(page, demo_server, whole_site):
    failures = []
    for label, path in whole_site:
        _visit(page, demo_server, label, path)
        expected = page.evaluate(MARK_INTERACTIVE)
        reached: set[str] = set()
        for _ in range(min(MAX_TAB_STEPS, expected * 2 + 5)):
            page.keyboard.press("Tab")
            mark = page.evaluate(FOCUSED_MARK)
            if mark:
                reached.add(mark)
            if len(reached) == expected:
                break
        missing = sorted(set(map(str, range(expected))) - reached, key=int)
        if missing:
            described = page.evaluate(DESCRIBE_MISSING, missing[:8])
            failures.append(f"{label} {path}: {len(missing)}/{expected} non atteints au clavier: {described}")
    assert not failures, "\n".join(failures)


def test_every_public_page_is_valid_html_for_the_nu_checker(page, demo_server, whole_site, tmp_path):
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java is absent: install a JRE (`apt-get install default-jre-headless`) to run the Nu HTML Checker")
    if not VNU_JAR.exists():
        pytest.skip(f"{VNU_JAR.relative_to(PROJECT)} is absent: run `npm ci` to install the Nu HTML Checker")
    files: dict[str, str] = {}
    for index, (label, path) in enumerate(whole_site):
        response = _visit(page, demo_server, label, path)
        target = tmp_path / f"page-{index:03d}.html"
        target.write_bytes(response.body())  # the HTML as served, before any script ran
        files[target.as_uri()] = f"{label} {path}"
    server_error = tmp_path / "page-500.html"  # served by website.views.server_error as is, without the database
    server_error.write_text((PROJECT / "templates" / "500.html").read_text())
    files[server_error.as_uri()] = "Erreur du serveur (500)"
    result = subprocess.run(  # noqa: S603 — fixed arguments, our own files
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *(str(tmp_path / Path(uri).name) for uri in files)],
        capture_output=True, text=True, timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)
    errors = [m for m in report["messages"] if m.get("type") == "error" or m.get("subType") == "fatal"]
    by_page: dict[str, list[str]] = {}
    for message in errors:
        name = Path(message.get("url", "").removeprefix("file:")).name
        page_label = next((label for uri, label in files.items() if uri.endswith(name)), name)
        by_page.setdefault(page_label, []).append(
            f"  l.{message.get('lastLine')}: {message['message']} — {message.get('extract', '').strip()[:80]}"
        )
    assert not by_page, "\n".join(f"{label}:\n" + "\n".join(lines[:10]) for label, lines in by_page.items())


CHECK_VIDEOS = """async () => {
  const found = [];
  for (const video of document.querySelectorAll('video')) {
    const track = video.querySelector('track[kind=captions]');
    const figure = video.closest('figure');
    const transcript = figure && figure.querySelector('details.transcript');
    let captions = '';
    if (track) { captions = (await (await fetch(track.src)).text()).slice(0, 6); }
    found.push({src: video.currentSrc || (video.querySelector('source') || {}).src || '', captions,
                lang: track ? track.srclang : '', controls: video.controls,
                transcript: transcript ? transcript.textContent.trim().length : 0});
  }
  return found;
}"""


def test_every_video_has_french_captions_a_transcript_and_keyboard_controls(page, demo_server, whole_site):
    videos, failures = [], []
    for label, path in whole_site:
        _visit(page, demo_server, label, path)
        for video in page.evaluate(CHECK_VIDEOS):
            videos.append(video)
            if video["captions"] != "WEBVTT" or video["lang"] != "fr":
                failures.append(f"{label} {path}: sous-titres absents ou illisibles ({video})")
            if video["transcript"] < 100:
                failures.append(f"{label} {path}: transcription absente ({video})")
            if not video["controls"]:
                failures.append(f"{label} {path}: pas de commandes de lecture ({video})")
            if not video["src"].startswith(demo_server.url):
                failures.append(f"{label} {path}: vidéo hébergée ailleurs ({video['src']})")
    assert len(videos) >= 2, "le site de démonstration doit montrer au moins deux vidéos"
    assert not failures, "\n".join(failures)
