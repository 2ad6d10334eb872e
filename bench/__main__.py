"""Run every benchmark of the project and print its figures: ``python -m bench`` (or ``make bench``).

Each ``bench/bench_<topic>.py`` module exposes ``run() -> list[tuple[str, str]]`` returning
(measure, figure) rows. Benchmarks use their own throw-away database (SQLite file in a
temporary folder, or ``BENCH_DATABASE_URL`` for PostgreSQL) so they never touch your data.
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
    if bench_db:
        os.environ["DATABASE_URL"] = bench_db
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tempfile.mkdtemp(prefix='ida-bench-')) / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    _setup_django()
    wanted = set(argv)
    modules = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_"))
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{'PostgreSQL' if 'postgres' in os.environ['DATABASE_URL'] else 'SQLite'}")
    for name in modules:
        topic = name.removeprefix("bench_")
        if wanted and topic not in wanted:
            continue
        module = importlib.import_module(f"bench.{name}")
        started = time.perf_counter()
        rows = module.run()
        print(f"\n## {topic}  ({time.perf_counter() - started:.1f} s)")
        width = max((len(label) for label, _ in rows), default=0)
        for label, figure in rows:
            print(f"  {label.ljust(width)}  {figure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
