"""Load and faults on the production-like server (gunicorn, production settings, Redis, PostgreSQL).

1. Load: 100 concurrent clients for 60 s (wrk, cycling over every public page of the demo), page
   cache on — target: zero errors (no socket error, no non-2xx answer). Then 30 s with the
   cache off, to show the margin when every request is a cache miss.
2. Redis stopped mid-load (the benchmark's own Redis on port 6391, never the machine's): the
   site keeps serving, uncached — target: zero errors.
3. PostgreSQL stopped then started again mid-load (a throw-away cluster the benchmark creates on
   port 5439 with ``initdb``, never the machine's): while it is down, requests fail fast with the
   site's own 500 page; once it is back, requests succeed again without restarting gunicorn
   (``conn_health_checks`` and ``connect_timeout``). Needs root (to run PostgreSQL as the
   ``postgres`` user) and the PostgreSQL server binaries; skipped with a message otherwise.

Tunables: BENCH_LOAD_SECONDS (default 60), BENCH_LOAD_CLIENTS (default 100).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

from bench import _prod

LOAD_PORT, REDIS_FAULT_PORT, PG_FAULT_PORT_HTTP, MULTI_PORTS = 8007, 6391, 8008, (8008, 8009)
REDIS_PORT = 6390
PG_FAULT_PORT = 5439
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
CLIENTS = int(os.environ.get("BENCH_LOAD_CLIENTS", "100"))
ERROR_PAGE_MARKER = "Le site rencontre un problème"  # templates/500.html


def _paths() -> list[str]:
    from django.test import Client

    from tests.site_pages import NOT_FOUND_PATH, public_paths

    return [path for _, path in public_paths(Client()) if path != NOT_FOUND_PATH]


def _wrk_script(paths: list[str]) -> Path:
    """A wrk Lua script sending the given paths in turn (one counter per wrk thread)."""
    quoted = ", ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    script = Path(tempfile.mkstemp(prefix="ida-wrk-", suffix=".lua")[1])
    script.write_text(
        f"local paths = {{{quoted}}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i + 1\n"
        "  return wrk.format('GET', paths[(i % #paths) + 1])\n"
        "end\n"
    )
    return script


def load(database_url: str, paths: list[str]) -> list[tuple[str, str]]:
    if not _prod.have_wrk():
        return [("charge", _prod.WRK_HINT)]
    rows = []
    script = _wrk_script(paths)
    redis_url = f"redis://127.0.0.1:{REDIS_PORT}/0"
    try:
        with _prod.redis_server(REDIS_PORT):
            for mode, cache, seconds in (("avec cache", "true", SECONDS), ("sans cache", "false", max(10, SECONDS // 2))):
                with _prod.gunicorn(LOAD_PORT, database_url, PAGE_CACHE_ENABLED=cache, REDIS_URL=redis_url) as base:
                    _prod.wrk(base + "/", seconds=2, connections=8, script=script)  # warm every page once
                    result = _prod.wrk(base + "/", seconds=seconds, connections=CLIENTS, script=script, timeout=30)
                    verdict = "atteint" if result.errors == 0 else "MANQUÉ"
                    rows.append((f"{CLIENTS} clients × {seconds} s, {len(paths)} adresses, {mode}",
                                 f"{result.requests} requêtes, {result.summary()} — objectif 0 erreur : {verdict}"))
    finally:
        script.unlink(missing_ok=True)
    return rows


def _describe(samples: list[_prod.Sample], outage: tuple[float, float]) -> tuple[int, int, int, float, float | None]:
    """(requests, failures, failures with the site's 500 page, slowest failure s, recovery s after the end of the outage)."""
    failures = [s for s in samples if s.status >= 500 or s.status == 0]
    error_pages = [s for s in failures if s.error_page]
    slowest = max((s.latency for s in failures), default=0.0)
    after = [s for s in samples if s.started >= outage[1]]
    first_ok = next((s.started + s.latency for s in after if s.status == 200), None)
    recovery = None if first_ok is None else max(0.0, first_ok - outage[1])
    return len(samples), len(failures), len(error_pages), slowest, recovery


def redis_outage(database_url: str, paths: list[str]) -> list[tuple[str, str]]:
    with _prod.redis_server(REDIS_FAULT_PORT) as redis:
        redis_url = f"redis://127.0.0.1:{REDIS_FAULT_PORT}/0"
        with _prod.gunicorn(LOAD_PORT, database_url, PAGE_CACHE_ENABLED="true", REDIS_URL=redis_url) as base:
            _prod.python_load(base, paths, clients=4, seconds=3)  # warm the cache

            def stop_redis() -> None:
                redis.terminate()
                redis.wait(timeout=10)

            samples = _prod.python_load(base, paths, clients=20, seconds=20, during=[(5.0, stop_redis)],
                                        marker=ERROR_PAGE_MARKER)
    before = [s for s in samples if s.started < 5.0]
    during = [s for s in samples if s.started >= 6.0]
    failures = [s for s in samples if s.status != 200]
    verdict = "atteint" if not failures and during else "MANQUÉ"
    rate = len(during) / 14.0
    return [("Redis arrêté à 5 s (20 clients, 20 s)",
             f"{len(samples)} requêtes, {len(failures)} erreurs ; {len(before) / 5.0:.0f} req/s avec Redis, "
             f"{rate:.0f} req/s sans (pages non cachées) — objectif : le site sert toujours : {verdict}")]


def _pg_binaries() -> Path | None:
    for candidate in ("initdb", "/usr/lib/postgresql/15/bin/initdb", "/usr/local/bin/initdb"):
        found = shutil.which(candidate) if "/" not in candidate else (candidate if Path(candidate).exists() else None)
        if found:
            return Path(found).resolve().parent
    return None


def postgres_restart(database_url: str, paths: list[str]) -> list[tuple[str, str]]:
    label = "PostgreSQL arrêté 5 s puis relancé (10 clients, 25 s, sans cache)"
    if not database_url.startswith("postgres"):
        return [(label, "non mesuré : la mesure part de la base PostgreSQL du banc (ici SQLite)")]
    if os.geteuid() != 0 or shutil.which("runuser") is None:
        return [(label, "non mesuré : il faut être root pour lancer un PostgreSQL jetable en tant que postgres")]
    binaries = _pg_binaries()
    if binaries is None:
        return [(label, "non mesuré : binaires serveur PostgreSQL absents (apt-get install postgresql)")]
    workdir = Path(tempfile.mkdtemp(prefix="ida-bench-pg-"))
    shutil.chown(workdir, "postgres")
    data = workdir / "data"

    def as_postgres(*command: str, check: bool = True) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *command], check=check, capture_output=True, timeout=120)

    pg_ctl = str(binaries / "pg_ctl")
    options = f"-p {PG_FAULT_PORT} -c listen_addresses=127.0.0.1 -k {workdir} -c fsync=off"
    try:
        as_postgres(str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--encoding=UTF8", "--locale=C.UTF-8")
        as_postgres(pg_ctl, "-D", str(data), "-o", options, "-l", str(workdir / "log"), "-w", "start")
        source = urlparse(database_url)
        dump = subprocess.run(["pg_dump", "-h", source.hostname, "-p", str(source.port or 5432), "-U", source.username or "postgres",
                               "--no-owner", source.path.lstrip("/")], capture_output=True, check=True, timeout=300).stdout
        subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(PG_FAULT_PORT), "-U", "postgres", "-q", "-c", "CREATE DATABASE ida_fault"],
                       check=True, capture_output=True, timeout=60)
        subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(PG_FAULT_PORT), "-U", "postgres", "-q", "-d", "ida_fault"],
                       input=dump, check=True, capture_output=True, timeout=300)
        fault_url = f"postgres://postgres@127.0.0.1:{PG_FAULT_PORT}/ida_fault"

        def stop() -> None:
            as_postgres(pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop")

        def start() -> None:
            as_postgres(pg_ctl, "-D", str(data), "-o", options, "-l", str(workdir / "log"), "-w", "start")

        with _prod.gunicorn(PG_FAULT_PORT_HTTP, fault_url, PAGE_CACHE_ENABLED="false") as base:
            _prod.python_load(base, paths, clients=4, seconds=3)
            samples = _prod.python_load(base, paths, clients=10, seconds=25, during=[(6.0, stop), (11.0, start)],
                                        marker=ERROR_PAGE_MARKER)
        outage = (6.0, 11.0)
        total, failures, with_page, slowest, recovery = _describe(samples, outage)
        late_failures = [s for s in samples if s.started > outage[1] + 5 and s.status != 200]
        ok = failures == with_page and slowest < 6.0 and recovery is not None and not late_failures
        recovered = "jamais" if recovery is None else f"{recovery:.1f} s"
        return [(label, f"{total} requêtes ; pendant la panne {failures} erreurs 500, dont {with_page} avec la page "
                        f"d’erreur du site, la plus lente en {slowest:.2f} s ; service rétabli {recovered} après la "
                        f"relance, {len(late_failures)} erreur ensuite, sans redémarrer gunicorn — "
                        f"{'atteint' if ok else 'MANQUÉ'}")]
    finally:
        as_postgres(pg_ctl, "-D", str(data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(workdir, ignore_errors=True)


def _publish_home_title(database_url: str, redis_url: str, title: str) -> None:
    """Publish a new home-page title as an editor would: in another process, production settings, shared Redis."""
    import sys

    code = ("from website.models import HomePage; page = HomePage.objects.live().first(); "
            f"page.title = {title!r}; page.save_revision().publish()")
    subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=_prod.PROJECT, check=True, timeout=120,
                   env=_prod.production_env(database_url, REDIS_URL=redis_url), capture_output=True)


def shared_cache_across_servers(database_url: str) -> list[tuple[str, str]]:
    """Two app servers sharing PostgreSQL and Redis: a publish made anywhere is served at once by both."""
    import urllib.request

    from website.models import HomePage

    redis_url = f"redis://127.0.0.1:{REDIS_PORT}/0"
    label = "2 serveurs (ports 8008 et 8009), même base et même Redis : publication"
    old_title = HomePage.objects.live().first().title
    marker = f"Accueil publié à {time.time():.0f}"
    with _prod.redis_server(REDIS_PORT), \
         _prod.gunicorn(MULTI_PORTS[0], database_url, PAGE_CACHE_ENABLED="true", REDIS_URL=redis_url) as first, \
         _prod.gunicorn(MULTI_PORTS[1], database_url, PAGE_CACHE_ENABLED="true", REDIS_URL=redis_url) as second:
        def home(base: str) -> str:
            with urllib.request.urlopen(base + "/", timeout=10) as response:  # noqa: S310 — loopback only
                return response.read().decode()

        home(first)
        home(second)  # both have the page in the shared cache: a stale copy would last PAGE_CACHE_SECONDS
        _publish_home_title(database_url, redis_url, marker)
        try:
            seen = marker in home(first) and marker in home(second)
        finally:
            _publish_home_title(database_url, redis_url, old_title)
    verdict = "atteint : le titre publié apparaît aussitôt sur les deux serveurs" if seen else "MANQUÉ"
    return [(label, verdict)]


def run() -> list[tuple[str, str]]:
    from django.conf import settings
    from django.core.management import call_command

    call_command("load_demo", "--no-admin", verbosity=0)
    os.environ["BENCH_MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
    database_url = os.environ["DATABASE_URL"]
    paths = _paths()
    rows = load(database_url, paths)
    rows += redis_outage(database_url, paths)
    rows += postgres_restart(database_url, paths)
    rows += shared_cache_across_servers(database_url)
    return rows
