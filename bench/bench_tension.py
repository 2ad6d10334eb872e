"""Observatory benchmarks: the full DARES tension file, a 1,000,000-row employment file, the tension API.

Run with ``python -m bench tension``. The employment imports run in a child process so that
its peak memory (max RSS) is measured alone; 100,000 and 1,000,000 rows are compared to show
that memory does not grow with the file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
DATA = ROOT / "observatory" / "data"
BASE_FILES = [("territories", "cog_regions.csv"), ("territories", "cog_departements.csv"),
              ("rome", "referentiel_code_rome_v347.csv"), ("fap", "intitule_fap2009.txt"),
              ("fap-rome", "passage_fap2009_romev3.txt"), ("naf", "naf_rev2.csv")]


def _import(kind: str, path: Path, **options):
    from observatory.importers.service import run_import

    with path.open("rb") as stream:
        result = run_import(kind, stream, path.name, **options)
    if not result.ok:
        raise RuntimeError("; ".join(result.log.report_lines()))
    return result


def _load_nomenclatures() -> None:
    from observatory.models import Dataset

    if Dataset.objects.filter(kind="naf").exists():
        return
    for kind, name in BASE_FILES:
        _import(kind, DATA / name)


def write_employment_file(path: Path, rows: int) -> None:
    """A synthetic employment file in the accepted layout: NAF sous-classe × territory × year, streamed to disk."""
    from observatory.models import NafActivity, Territory

    nafs = list(NafActivity.objects.filter(level="sous_classe").values_list("code", flat=True))
    territories = list(Territory.objects.values_list("key", flat=True))
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write("annee;territoire;naf;effectif\n")
        year = 2000
        while written < rows:
            for territory in territories:
                for naf in nafs:
                    handle.write(f"{year};{territory};{naf};{(written * 37) % 5000}\n")
                    written += 1
                    if written >= rows:
                        return
            year += 1


def _child_import(path: str) -> None:
    """In a child process: import the file (draft), print rows, seconds and peak RSS as JSON."""
    import resource

    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    started = time.perf_counter()
    result = _import("employment", Path(path))
    elapsed = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"rows": result.rows, "seconds": elapsed, "peak_mib": peak_kib / 1024}))


def _measure_employment(rows: int, folder: Path) -> dict:
    path = folder / f"employment-{rows}.csv"
    write_employment_file(path, rows)
    size_mib = path.stat().st_size / 1024 / 1024
    output = subprocess.run([sys.executable, __file__, "child", str(path)], capture_output=True, text=True,
                            env=os.environ.copy(), check=True, cwd=ROOT)
    figures = json.loads(output.stdout.strip().splitlines()[-1])
    figures["size_mib"] = size_mib
    path.unlink()
    return figures


def run() -> list[tuple[str, str]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    rows: list[tuple[str, str]] = []
    _load_nomenclatures()

    full = SHARED / "dares-psm" / "tensions_tensions.csv"
    if full.is_file():
        started = time.perf_counter()
        result = _import("tension", full, publish=True)
        elapsed = time.perf_counter() - started
        rows.append(("Import tensions_tensions.csv (publié, dérivés recalculés)",
                     f"{result.rows} lignes en {elapsed:.1f} s ({result.rows / elapsed:,.0f} lignes/s)"))
    else:
        rows.append(("Import tensions_tensions.csv", f"non mesuré : {full} absent (dossier shared)"))
        _import("tension", DATA / "tensions_hdf_2019.csv", publish=True)

    with tempfile.TemporaryDirectory(prefix="ida-bench-employment-") as folder:
        for count in (100_000, 1_000_000):
            figures = _measure_employment(count, Path(folder))
            rows.append((f"Import emploi synthétique {count:,} lignes ({figures['size_mib']:.0f} Mo)",
                         f"{figures['seconds']:.1f} s, {figures['rows'] / figures['seconds']:,.0f} lignes/s, "
                         f"pic mémoire (max RSS) {figures['peak_mib']:.0f} Mo"))

    client = Client()
    client.get("/api/v1/tension/", {"territory": "REG-32"})
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get("/api/v1/tension/", {"territory": "REG-32", "page_size": 1000})
        elapsed = time.perf_counter() - started
    count = len(response.json()["results"]) if response.status_code == 200 else 0
    rows.append(("API /api/v1/tension/?territory=REG-32&page_size=1000",
                 f"{count} lignes, {len(queries.captured_queries)} requêtes SQL, {elapsed * 1000:.0f} ms"))
    return rows


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "child":
    _child_import(sys.argv[2])
