"""Side by side with wagtail/bakerydemo: the same machine, the same run, the same server setup (issue #17).

``python -m bench peer``. Both sites run under gunicorn, 2 sync workers each, on SQLite, with their
production settings; wrk (16 connections) measures each page pair, alternating the two servers
pair by pair and round by round so that the machine's noise hits both. What counts is the ratio
measured in one run (absolute figures on this shared machine move from run to run).

- **uncached**: this site with the page cache off (``PAGE_CACHE_ENABLED=false``, Redis kept for the
  site data, as a cache miss in production) against bakerydemo, which has no page cache.
  Pairs: home/home, job profile/bread detail, job listing/breads index, article/blog post,
  search/search. Goal: every ratio ≥ 3.
- **cached**: this site with the page cache on, against a static file served by the same server
  (WhiteNoise) — the ceiling. Goal: ≥ half of it.
- **memory**: resident (RSS) and proportional (PSS: shared pages divided among the processes
  sharing them) memory of each worker, once every page has been served twice per worker (steady
  state, pictures' renditions made), and again after the runs. Goal: no more than bakerydemo's.
  Then the whole server again with the production worker count (``gunicorn.conf.py``: two per
  core), both sites started afresh with it: this site's master preloads the application and its
  workers share it, bakerydemo's workers each load their own, so the comparison depends on how
  many workers there are (``bench/README.md``).

The peer is prepared by ``../shared/peers/prepare-bakerydemo.sh`` (a copy of its source and its
requirements from PyPI, production settings, SQLite, demo data) into ``BENCH_PEER_DIR`` (default: a
folder in the temporary directory, reused by later runs). Without ``../shared``, the benchmark says
so and prints this site's absolute figures only.

Tunables: BENCH_SECONDS (per measurement, default 8), BENCH_CONNECTIONS (default 16),
BENCH_PEER_ROUNDS (default 2: each pair measured that many times per server, best kept).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench import _prod

OURS_UNCACHED_PORT = 8006
OURS_CACHED_PORT = 8007
PEER_PORT = 8008
REDIS_PORT = 6390
WORKERS = "2"
#: The worker count of ``gunicorn.conf.py`` in production (two per core), for the second memory reading.
PRODUCTION_WORKERS = str((os.cpu_count() or 1) * 2)
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
ROUNDS = int(os.environ.get("BENCH_PEER_ROUNDS", "2"))
PREPARE_SCRIPT = _prod.PROJECT.parent / "shared" / "peers" / "prepare-bakerydemo.sh"
PEER_DIR = Path(os.environ.get("BENCH_PEER_DIR", Path(tempfile.gettempdir()) / "ida-bench-bakerydemo"))
UNCACHED_GOAL = 3.0
CACHED_GOAL = 0.5

#: (label, this site's page type or address, bakerydemo's address).
PAIRS = [
    ("accueil / home", "/", "/"),
    ("fiche métier / bread detail", "JobProfilePage", "/breads/anadama-bread/"),
    ("liste des métiers / breads index", "JobProfileIndexPage", "/breads/"),
    ("article / blog post", "ArticlePage", "/blog/wild-yeast/"),
    ("recherche / search", "SearchPage?q=soudeur", "/search/?q=bread"),
]

FIND_PATHS = """
import json
from wagtail.models import Page
found = {}
for page in Page.objects.live().public().specific().order_by("path"):
    found.setdefault(type(page).__name__, page.url)
from django.conf import settings
found["MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
print(json.dumps(found))
"""


def _sqlite_demo() -> tuple[str, dict[str, str]]:
    """A fresh SQLite database with the demo content (as bakerydemo's), and the address of each page type."""
    folder = Path(tempfile.mkdtemp(prefix="ida-bench-peer-"))
    url = f"sqlite:///{folder / 'db.sqlite3'}"
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}}
    env.update({"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "website.settings.test"})

    def manage(*args: str) -> str:
        return subprocess.run([sys.executable, "manage.py", *args], cwd=_prod.PROJECT, env=env, check=True,
                              capture_output=True, text=True, timeout=1800).stdout

    manage("migrate", "--noinput", "-v0")
    manage("load_demo", "--no-admin", "-v0")
    output = manage("shell", "-c", FIND_PATHS)
    return url, json.loads(output.strip().splitlines()[-1])


def _resolve(target: str, paths: dict[str, str]) -> str | None:
    if target.startswith("/"):
        return target
    page_type, _, query = target.partition("?")
    path = paths.get(page_type)
    return f"{path}?{query}" if path and query else path


def _prepare_peer() -> str | None:
    """Prepare bakerydemo; None when it is ready, else why it is not."""
    if not PREPARE_SCRIPT.exists():
        return (f"{PREPARE_SCRIPT} absent (pas de ../shared) : bakerydemo n'est pas préparé, "
                "seuls les chiffres absolus de ce site sont donnés")
    result = subprocess.run(["bash", str(PREPARE_SCRIPT), str(PEER_DIR)], capture_output=True, text=True,
                            timeout=1800, check=False)
    if result.returncode != 0:
        return f"préparation de bakerydemo en échec : {(result.stderr or result.stdout).strip()[-300:]}"
    return None


def _peer_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL",
                                                            "DJANGO_ALLOW_ASYNC_UNSAFE", "VIRTUAL_ENV"}}
    for line in (PEER_DIR / "env.sh").read_text().splitlines():
        name, sep, value = line.partition("=")
        if sep and not line.startswith("#"):
            env[name.strip()] = value.strip()
    env["PATH"] = f"{PEER_DIR / 'venv' / 'bin'}:{env.get('PATH', '')}"
    return env


@contextmanager
def _peer_server(port: int, workers: str = WORKERS) -> Iterator[tuple[str, subprocess.Popen]]:
    log = Path(tempfile.gettempdir()) / f"ida-bench-bakerydemo-{port}.log"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [str(PEER_DIR / "venv" / "bin" / "gunicorn"), "gunicorn_media_wsgi:application", "--workers", workers,
             "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null"],
            cwd=PEER_DIR, env=_peer_env(), stdout=subprocess.DEVNULL, stderr=stderr,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _prod.wait_for(base + "/")
        yield base, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _port_master(port: int) -> int | None:
    """The pid of the gunicorn master listening on ``port`` (from /proc, no extra tool)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # LISTEN
                inodes.add(fields[9])
    holders: dict[int, int] = {}  # pid → parent pid, of every process holding the socket
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    status = (proc / "status").read_text()
                    holders[int(proc.name)] = int(next(line for line in status.splitlines()
                                                       if line.startswith("PPid:")).split()[1])
                    break
        except (OSError, StopIteration, ValueError):
            continue
    # The workers inherit the listening socket: the master is the holder whose parent holds none.
    return next((pid for pid, parent in holders.items() if parent not in holders), None)


def _worker_memory(master: int) -> list[tuple[float, float]]:
    """(RSS, PSS) in MB of each worker (child) of the gunicorn master ``master``."""
    workers = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            status = (proc / "status").read_text()
            ppid = int(next(line for line in status.splitlines() if line.startswith("PPid:")).split()[1])
            if ppid != master:
                continue
            rollup = (proc / "smaps_rollup").read_text()
        except (OSError, StopIteration, ValueError):
            continue

        def kb(name: str, text: str) -> float:
            line = next((line for line in text.splitlines() if line.startswith(name + ":")), f"{name}: 0 kB")
            return int(line.split()[1]) / 1024

        workers.append((kb("VmRSS", status), kb("Pss", rollup)))
    return workers


def _process_pss(pid: int) -> float:
    """PSS in MB of process ``pid`` (0 when it cannot be read)."""
    try:
        rollup = (Path("/proc") / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return 0.0
    line = next((line for line in rollup.splitlines() if line.startswith("Pss:")), "Pss: 0 kB")
    return int(line.split()[1]) / 1024


def _memory_summary(workers: list[tuple[float, float]], master: int | None = None) -> str:
    """Mean RSS and PSS of the workers; with ``master``, the PSS of the whole server (master + workers).

    A server that loads the application in its master before forking (this site: ``preload_app``)
    shares those pages with its workers: each worker's RSS counts them in full, its PSS only its
    share. The whole server's PSS is what the machine pays for it.
    """
    if not workers:
        return "non mesurée"
    rss = sum(r for r, _ in workers) / len(workers)
    pss = sum(p for _, p in workers) / len(workers)
    summary = f"{len(workers)} workers, RSS moyen {rss:.0f} Mo, PSS moyen {pss:.0f} Mo"
    if master:
        summary += f" ; serveur entier (maître + workers) PSS {_process_pss(master) + sum(p for _, p in workers):.0f} Mo"
    return summary


def _fetch(url: str, times: int) -> None:
    """GET ``url`` ``times`` times, one after the other (each worker of a small pool gets some)."""
    import urllib.request

    for _ in range(times):
        with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 — loopback only
            response.read()


def _measure(url: str) -> _prod.LoadResult:
    _prod.wrk(url, seconds=2, connections=CONNECTIONS)  # warm: every worker has rendered the page
    return _prod.wrk(url, seconds=SECONDS, connections=CONNECTIONS)


def _best(results: list[_prod.LoadResult]) -> _prod.LoadResult:
    return max(results, key=lambda r: r.requests_per_second)


def run() -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    if not _prod.have_wrk():
        return [("comparaison avec bakerydemo", _prod.WRK_HINT)]
    why_not = _prepare_peer()
    if why_not:
        rows.append(("bakerydemo", why_not))
    database_url, paths = _sqlite_demo()
    os.environ["BENCH_MEDIA_ROOT"] = paths["MEDIA_ROOT"]  # the demo's images, served by bench/wsgi_media.py
    pairs = [(label, _resolve(ours, paths), theirs) for label, ours, theirs in PAIRS]
    redis_url = f"redis://127.0.0.1:{REDIS_PORT}/0"
    rows.append(("réglages", f"gunicorn {WORKERS} workers synchrones chacun, SQLite, réglages de production, "
                 f"wrk {CONNECTIONS} connexions, {SECONDS} s par mesure, meilleur de {ROUNDS} tours alternés"))
    with _prod.redis_server(REDIS_PORT), \
            _prod.gunicorn(OURS_UNCACHED_PORT, database_url, PAGE_CACHE_ENABLED="false", REDIS_URL=redis_url,
                           WEB_CONCURRENCY=WORKERS) as ours, \
            _prod.gunicorn(OURS_CACHED_PORT, database_url, PAGE_CACHE_ENABLED="true", REDIS_URL=redis_url,
                           WEB_CONCURRENCY=WORKERS) as cached, \
            (_peer_server(PEER_PORT) if not why_not else _no_peer()) as peer:
        peer_base = peer[0] if peer else None
        # Steady state first: every page served a few times by every worker (renditions made,
        # caches filled), then memory is read before the load.
        for _label, path, theirs in pairs:
            if path is not None:
                _fetch(ours + path, times=4)
            if peer_base:
                _fetch(peer_base + theirs, times=4)
        ours_master = _port_master(OURS_UNCACHED_PORT) or -1
        rows.append(("mémoire des workers après 4 requêtes par page, ce site",
                     _memory_summary(_worker_memory(ours_master), ours_master)))
        if peer:
            rows.append(("mémoire des workers après 4 requêtes par page, bakerydemo",
                         _memory_summary(_worker_memory(peer[1].pid), peer[1].pid)))
        ours_results: dict[str, list[_prod.LoadResult]] = {label: [] for label, _, _ in pairs}
        peer_results: dict[str, list[_prod.LoadResult]] = {label: [] for label, _, _ in pairs}
        for round_number in range(ROUNDS):
            for label, path, theirs in pairs:
                if path is None:
                    continue
                # Alternate who goes first from one round to the next, so that neither always gets the
                # quieter moment.
                order = [("ours", ours + path), ("peer", peer_base + theirs if peer_base else None)]
                if round_number % 2:
                    order.reverse()
                for who, url in order:
                    if url is None:
                        continue
                    (ours_results if who == "ours" else peer_results)[label].append(_measure(url))
        ratios = []
        for label, path, theirs in pairs:
            if path is None:
                rows.append((f"sans cache, {label}", "type de page absent de la démo"))
                continue
            mine = _best(ours_results[label])
            if peer_base and peer_results[label]:
                other = _best(peer_results[label])
                ratio = mine.requests_per_second / max(other.requests_per_second, 0.1)
                ratios.append(ratio)
                rows.append((f"sans cache, {label}",
                             f"{mine.requests_per_second:6.1f} req/s ({path}) contre {other.requests_per_second:6.1f} "
                             f"({theirs}) : ×{ratio:.2f} — objectif ×{UNCACHED_GOAL:.0f} : "
                             f"{'atteint' if ratio >= UNCACHED_GOAL else 'MANQUÉ'}"))
            else:
                rows.append((f"sans cache, {label}", f"{mine.summary()}  ({path})"))

        static = _prod.static_css_path()
        ceilings, cached_results = [], {label: [] for label, _, _ in pairs}
        for _ in range(ROUNDS):
            ceilings.append(_measure(cached + static))
            for label, path, _theirs in pairs:
                if path is not None:
                    cached_results[label].append(_measure(cached + path))
        ceiling = _best(ceilings)
        rows.append(("fichier statique (plafond)", ceiling.summary()))
        for label, path, _theirs in pairs:
            if path is None:
                continue
            mine = _best(cached_results[label])
            share = mine.requests_per_second / max(ceiling.requests_per_second, 0.1)
            rows.append((f"avec cache, {label.split(' / ')[0]}",
                         f"{mine.summary()}   {share:.2f} du plafond — objectif {CACHED_GOAL} : "
                         f"{'atteint' if share >= CACHED_GOAL else 'MANQUÉ'}"))

        mine_memory = _worker_memory(ours_master)
        rows.append(("mémoire des workers après les mesures, ce site (sans cache)",
                     _memory_summary(mine_memory, ours_master)))
        rows.append(("mémoire des workers après les mesures, ce site (avec cache)",
                     _memory_summary(_worker_memory(_port_master(OURS_CACHED_PORT) or -1))))
        if peer:
            peer_memory = _worker_memory(peer[1].pid)
            rows.append(("mémoire des workers après les mesures, bakerydemo",
                         _memory_summary(peer_memory, peer[1].pid)))
        if ratios:
            rows.append(("rapport sans cache, minimum", f"×{min(ratios):.2f} (objectif ×{UNCACHED_GOAL:.0f})"))
    if PRODUCTION_WORKERS != WORKERS:
        with _prod.redis_server(REDIS_PORT):
            rows += memory_with_workers(database_url, redis_url, pairs, PRODUCTION_WORKERS, with_peer=not why_not)
    return rows


@contextmanager
def _no_peer() -> Iterator[None]:
    yield None


def _whole_server_pss(master: int) -> float:
    """PSS in MB of a gunicorn master and all its workers: what the server costs the machine."""
    return _process_pss(master) + sum(pss for _rss, pss in _worker_memory(master))


def memory_with_workers(database_url: str, redis_url: str, pairs: list[tuple[str, str | None, str]],
                        workers: str, with_peer: bool) -> list[tuple[str, str]]:
    """Both sites started with ``workers`` workers; each page loaded by wrk for 2 s (every worker
    serves it), then the whole server's PSS of each, and their ratio."""
    with _prod.gunicorn(OURS_UNCACHED_PORT, database_url, PAGE_CACHE_ENABLED="false", REDIS_URL=redis_url,
                        WEB_CONCURRENCY=workers) as ours, \
            (_peer_server(PEER_PORT, workers) if with_peer else _no_peer()) as peer:
        for _label, path, theirs in pairs:
            if path is not None:
                _prod.wrk(ours + path, seconds=2, connections=CONNECTIONS)
            if peer:
                _prod.wrk(peer[0] + theirs, seconds=2, connections=CONNECTIONS)
        mine = _whole_server_pss(_port_master(OURS_UNCACHED_PORT) or -1)
        label = f"mémoire du serveur entier avec {workers} workers (nombre de production ici)"
        if not peer:
            return [(label, f"ce site {mine:.0f} Mo (PSS, maître + workers)")]
        theirs = _whole_server_pss(peer[1].pid)
        verdict = "atteint" if mine <= theirs else "MANQUÉ"
        return [(label, f"ce site {mine:.0f} Mo contre bakerydemo {theirs:.0f} Mo (PSS, maître + workers) : "
                        f"{mine / max(theirs, 0.1):.2f} — objectif ≤ 1 : {verdict}")]

