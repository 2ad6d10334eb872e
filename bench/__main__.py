"""Run every benchmark of the project and print its figures: ``python -m bench`` (or ``make bench``).

Each ``bench/bench_<topic>.py`` module exposes ``run() -> list[tuple[str, str]]`` returning
(measure, figure) rows. Benchmarks use their own throw-away database so they never touch your
data: ``BENCH_DATABASE_URL`` when set, else the database ``ida_bench`` of the local PostgreSQL
(127.0.0.1:5432, recreated at each run) when it answers, else an SQLite file in a temporary
folder. ``BENCH_SQLITE=1`` forces SQLite.
Pass topic names to run only some: ``python -m bench tension io``.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import platform
import sys
import tempfile
import time
from pathlib import Path


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")
    bench_db = os.environ.get("BENCH_DATABASE_URL")
    if not bench_db and os.environ.get("BENCH_SQLITE") != "1":
        from bench._prod import LOCAL_POSTGRES, postgres_reachable

        if postgres_reachable(LOCAL_POSTGRES):
            _recreate_postgres_database(LOCAL_POSTGRES)
            bench_db = LOCAL_POSTGRES
    if bench_db:
        os.environ["DATABASE_URL"] = bench_db
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tempfile.mkdtemp(prefix='ida-bench-')) / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "CPU inconnu"


def _memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f}"
    except OSError:
        pass
    return "?"


def _recreate_postgres_database(url: str) -> None:
    """A fresh benchmark database on each run: figures never depend on leftovers."""
    from urllib.parse import urlparse

    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    with psycopg.connect(host=parsed.hostname, port=parsed.port or 5432, user=parsed.username,
                         dbname="postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    _setup_django()
    wanted = set(argv)
    modules = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_"))
    print(f"Machine: {_cpu_model()}, {platform.machine()}, {os.cpu_count()} cores, {_memory_gib()} GiB, "
          f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
          f"{'PostgreSQL' if 'postgres' in os.environ['DATABASE_URL'] else 'SQLite'}")
    for name in modules:
        topic = name.removeprefix("bench_")
        if wanted and topic not in wanted:
            continue
        module = importlib.import_module(f"bench.{name}")
        started = time.perf_counter()
        load_before = os.getloadavg()[0]
        rows = module.run()
        # The machine may be shared: the load average says how much else was running meanwhile.
        print(f"\n## {topic}  ({time.perf_counter() - started:.1f} s, charge moyenne de la machine "
              f"{load_before:.1f} avant, {os.getloadavg()[0]:.1f} après, pour {os.cpu_count()} cœurs)")
        width = max((len(label) for label, _ in rows), default=0)
        for label, figure in rows:
            print(f"  {label.ljust(width)}  {figure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
