"""HTTP performance of the whole site on a production-like server (gunicorn, production settings).

Measures, for the home page, a job profile, the filtered job listing, a kit, an observatory page
and the API — uncached and with the page cache on — requests per second and p50/p99 latency
(wrk), next to a static file served by the same server as the ceiling; then SQL queries per page
(every public page type, in-process), page weight and request count on first load (Chromium,
phone viewport), and Lighthouse mobile scores when Lighthouse is installed (``npm ci``).

Targets (issue "Proof"): < 20 SQL queries per page; cached pages within 3× of the static
ceiling; no page over 500 KB on first load (lazy images below the fold are not loaded).
Tunables: BENCH_SECONDS (per measured address, default 8), BENCH_CONNECTIONS (default 16),
BENCH_LIGHTHOUSE=0 to skip Lighthouse.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from bench import _prod

PORT = 8006
REDIS_PORT = 6390
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
QUERY_BUDGET = 20
WEIGHT_BUDGET_KB = 500
CACHED_WITHIN = 3.0
LIGHTHOUSE = _prod.PROJECT / "node_modules" / "lighthouse" / "cli" / "index.js"


def prepare_demo() -> None:
    from django.core.management import call_command

    call_command("load_demo", "--no-admin", verbosity=0)


def targets(site_paths: list[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """The measured addresses, found from the demo content (None: that page type is not built yet)."""
    by_class = dict(site_paths)

    def first(predicate) -> str | None:
        return next((path for label, path in site_paths if predicate(label, path)), None)

    job_profile = by_class.get("JobProfilePage")
    listing = first(lambda label, path: "formulaire" in label and path.startswith("/metiers/?"))
    kit = first(lambda label, path: "kit" in label.lower() and "formulaire" not in label)
    observatory = first(lambda label, path: label.startswith("Observatory") and "formulaire" not in label and path != "/observatoire/") \
        or by_class.get("ObservatoryIndexPage")
    return [
        ("accueil", "/"),
        ("fiche métier", job_profile),
        ("liste des métiers filtrée", listing),
        ("kit", kit),
        ("observatoire", observatory),
        ("API tension", "/api/v1/tension/?territory=REG-32"),
    ]


def discover() -> list[tuple[str, str]]:
    from django.test import Client

    from tests.site_pages import public_paths

    return public_paths(Client())


def query_counts(site_paths: list[tuple[str, str]]) -> list[tuple[str, int]]:
    """Warm SQL queries per address, page cache off (the cost of a cache miss)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = []
    for _, path in site_paths:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        counts.append((path, len(queries)))
    return counts


def page_weight(base: str, paths: list[str]) -> list[tuple[str, float, int]]:
    """(path, kilobytes transferred, requests) on a first visit with an empty cache, phone viewport."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import find_chromium

    executable = find_chromium()
    if executable is None:
        return []
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox"])
        for path in paths:
            context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, locale="fr-FR")
            page = context.new_page()
            finished = []
            page.on("requestfinished", lambda request, sink=finished: sink.append(request))
            page.goto(base + path, wait_until="networkidle")
            total = 0
            for request in finished:
                sizes = request.sizes()
                total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            results.append((path, total / 1024, len(finished)))
            context.close()
        browser.close()
    return results


def _lighthouse_report(node: str, chromium: str, url: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(
            [node, str(LIGHTHOUSE), url, "--quiet", "--form-factor=mobile", "--output=json",
             f"--output-path={report.name}", "--only-categories=performance,accessibility,best-practices,seo",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
            env={**os.environ, "CHROME_PATH": chromium}, capture_output=True, timeout=180, check=False,
        )
        try:
            return json.loads(Path(report.name).read_text() or "{}")
        except json.JSONDecodeError:
            return {}


def lighthouse(base: str, paths: list[str]) -> list[tuple[str, dict[str, int]]] | str:
    if os.environ.get("BENCH_LIGHTHOUSE", "1") == "0":
        return "ignoré (BENCH_LIGHTHOUSE=0)"
    node = shutil.which("node")
    from tests.browser.conftest import find_chromium

    chromium = find_chromium()
    if not (node and LIGHTHOUSE.exists() and chromium):
        return "absent : `npm ci` installe Lighthouse (Node 18+ et Chromium nécessaires)"
    scores = []
    for path in paths:
        data = _lighthouse_report(node, chromium, base + path)
        if data.get("runtimeError") or not data.get("categories"):
            # Lighthouse sometimes loses the trace of a load (NO_NAVSTART): one more try, as a person would.
            data = _lighthouse_report(node, chromium, base + path)
        categories = data.get("categories", {})
        if data.get("runtimeError") or not categories:
            error = (data.get("runtimeError") or {}).get("code", "pas de rapport")
            scores.append((path, {f"échec de l'analyse ({error})": 0}))
            continue
        scores.append((path, {key: round((value.get("score") or 0) * 100) for key, value in categories.items()}))
    return scores


def run() -> list[tuple[str, str]]:
    from django.conf import settings

    rows: list[tuple[str, str]] = []
    prepare_demo()
    database_url = os.environ["DATABASE_URL"]
    os.environ["BENCH_MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
    site_paths = discover()
    measured = targets(site_paths)
    for label, path in measured:
        if path is None:
            rows.append((label, "absent de la démo (type de page pas encore construit)"))
    present = [(label, path) for label, path in measured if path]

    counts = query_counts(site_paths)
    worst = max(counts, key=lambda pair: pair[1])
    rows.append(("requêtes SQL, pages mesurées", str(len(counts))))
    rows.append(("requêtes SQL, maximum", f"{worst[1]} ({worst[0]}) — objectif < {QUERY_BUDGET} : "
                 f"{'atteint' if worst[1] < QUERY_BUDGET else 'MANQUÉ'}"))
    for label, path in present:
        count = dict(counts).get(path)
        if count is None:
            count = query_counts([(label, path)])[0][1]
        rows.append((f"requêtes SQL, {label}", str(count)))

    redis_url = f"redis://127.0.0.1:{REDIS_PORT}/0"
    with _prod.redis_server(REDIS_PORT):
        if not _prod.have_wrk():
            rows.append(("débit", _prod.WRK_HINT))
        else:
            ceiling = None
            for mode, cache in (("sans cache", "false"), ("avec cache", "true")):
                with _prod.gunicorn(PORT, database_url, PAGE_CACHE_ENABLED=cache, REDIS_URL=redis_url) as base:
                    if ceiling is None:
                        static = _prod.static_css_path()
                        _prod.wrk(base + static, seconds=2, connections=CONNECTIONS)
                        ceiling = _prod.wrk(base + static, seconds=SECONDS, connections=CONNECTIONS)
                        rows.append(("fichier statique (plafond)", ceiling.summary()))
                    for label, path in present:
                        # Warm: every worker has rendered the page once (templates, imports,
                        # connections) and the cache holds it; a 1 s warm-up left the first
                        # measured page with a p99 ten times the others.
                        _prod.wrk(base + path, seconds=3, connections=CONNECTIONS)
                        result = _prod.wrk(base + path, seconds=SECONDS, connections=CONNECTIONS)
                        verdict = ""
                        if cache == "true" and urlsplit(path).path.startswith("/api/") is False:
                            ratio = ceiling.requests_per_second / max(result.requests_per_second, 0.1)
                            verdict = f"   {ratio:.1f}× sous le plafond ({'atteint' if ratio <= CACHED_WITHIN else 'MANQUÉ'})"
                        rows.append((f"{label}, {mode}", result.summary() + verdict))
                    if cache == "true" and present:
                        # wrk sends no User-Agent, so its requests are not counted as page views;
                        # a phone browser's are (one upsert each, audience/counter.py).
                        label, path = next(((label, path) for label, path in present if label == "fiche métier"),
                                           present[0])
                        visitors = _prod.many_visitors_script()
                        _prod.wrk(base + path, seconds=3, connections=CONNECTIONS, user_agent=_prod.BROWSER_USER_AGENT,
                                  script=visitors)
                        result = _prod.wrk(base + path, seconds=SECONDS, connections=CONNECTIONS,
                                           user_agent=_prod.BROWSER_USER_AGENT, script=visitors)
                        ratio = ceiling.requests_per_second / max(result.requests_per_second, 0.1)
                        rows.append((f"{label}, {mode}, navigateur (vue comptée)",
                                     f"{result.summary()}   {ratio:.1f}× sous le plafond"))

        with _prod.gunicorn(PORT, database_url, PAGE_CACHE_ENABLED="true", REDIS_URL=redis_url) as base:
            weights = page_weight(base, [path for _, path in present if not path.startswith("/api/")])
            for path, kilobytes, requests in weights:
                rows.append((f"poids 1er chargement {path}", f"{kilobytes:6.0f} Ko, {requests} requêtes — objectif "
                             f"< {WEIGHT_BUDGET_KB} Ko : {'atteint' if kilobytes < WEIGHT_BUDGET_KB else 'MANQUÉ'}"))
            scores = lighthouse(base, [path for _, path in present if not path.startswith("/api/")])
            if isinstance(scores, str):
                rows.append(("Lighthouse mobile", scores))
            else:
                for path, categories in scores:
                    text = ", ".join(f"{name} {value}" for name, value in categories.items()) or "échec de l'analyse"
                    rows.append((f"Lighthouse mobile {path}", text))
    return rows
