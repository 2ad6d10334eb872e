"""Urssaf benchmark: a synthetic 2,000,000-row file in the published commune × APE layout, streamed.

Run with ``python -m bench urssaf``. The file has the published layout (UTF-8 with BOM, ``;``, CRLF,
the twelve label columns, the seven code columns, two columns per year for 2020–2022) with made-up
communes and counts; it is written to a temporary folder, then imported in a child process so that
its peak memory (max RSS) is measured alone. 200,000 and 2,000,000 rows are compared: memory must
not grow with the file (issue #14).
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
DATA = ROOT / "observatory" / "data"
BASE_FILES = [("territories", "cog_regions.csv"), ("territories", "cog_departements.csv"), ("naf", "naf_rev2.csv")]
YEARS = (2020, 2021, 2022)


def _load_nomenclatures() -> None:
    from observatory.importers.service import run_import
    from observatory.models import Dataset

    for kind, name in BASE_FILES:
        if not Dataset.objects.filter(kind=kind, original_filename=name).exists():
            with (DATA / name).open("rb") as stream:
                run_import(kind, stream, name)


def write_urssaf_file(path: Path, rows: int) -> None:
    """``rows`` commune × APE rows in the published layout; communes spread over every département."""
    from observatory.models import NafActivity, Territory

    apes = [code.replace(".", "") for code in
            NafActivity.objects.filter(level="sous_classe").order_by("code").values_list("code", flat=True)]
    departements = list(Territory.objects.filter(level="departement").exclude(code__startswith="97")
                        .values_list("code", "parent__code", "name"))
    header = ("Région;Ancienne région;Département;Zone d'emploi;EPCI;Nom commune;Commune;Grand secteur d'activité;"
              "Secteur NA17;Secteur NA38;Secteur NA88;APE;Code région;Code ancienne région;Code département;"
              "Code zone d'emploi;Code EPCI;Code commune;Code APE;"
              + ";".join(f"Nombre d'établissements {y};Effectifs salariés {y}" for y in YEARS))
    per_commune = 40
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write(header + "\r\n")
        written = commune_number = 0
        while written < rows:
            code, region, name = departements[commune_number % len(departements)]
            commune = f"{code}{commune_number // len(departements) % 1000:03d}"
            prefix = (f"{region} Région;{region} Ancienne;{code} {name};0001 Zone;200000001 EPCI;{commune} Commune;"
                      f"{commune} Commune;Industrie;C5 Autres;CH Métallurgie;25 Produits métalliques;")
            for ape in apes[commune_number % 7::17][:per_commune]:
                jobs = (written * 37) % 300
                secret = "" if written % 11 == 0 else str(jobs)
                values = ";".join(f"{1 + jobs % 5};{secret}" for _ in YEARS)
                handle.write(f"{prefix}{ape} Activité;{region};31;{code};0001;200000001;{commune};{ape};{values}\r\n")
                written += 1
                if written >= rows:
                    break
            commune_number += 1


def _child_import(path: str) -> None:
    """In a child process: import the file (draft), print rows read, values written, seconds and peak RSS."""
    import resource

    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from observatory.importers.service import run_import

    started = time.perf_counter()
    with open(path, "rb") as stream:
        result = run_import("employment-urssaf", stream, Path(path).name)
    elapsed = time.perf_counter() - started
    if not result.ok:
        raise SystemExit("; ".join(result.log.report_lines()))
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"values": result.rows, "seconds": elapsed, "peak_mib": peak_kib / 1024}))


def _measure(rows: int, folder: Path) -> dict:
    path = folder / f"urssaf-{rows}.csv"
    write_urssaf_file(path, rows)
    size_mib = path.stat().st_size / 1024 / 1024
    output = subprocess.run([sys.executable, __file__, "child", str(path)], capture_output=True, text=True,
                            env=os.environ.copy(), check=True, cwd=ROOT)
    figures = json.loads(output.stdout.strip().splitlines()[-1])
    figures["size_mib"] = size_mib
    path.unlink()
    return figures


def run() -> list[tuple[str, str]]:
    _load_nomenclatures()
    results = []
    with tempfile.TemporaryDirectory(prefix="ida-bench-urssaf-") as folder:
        for count in (200_000, 2_000_000):
            figures = _measure(count, Path(folder))
            results.append((f"Urssaf commune × APE synthétique, {count:,} lignes ({figures['size_mib']:.0f} Mo, "
                            f"{len(YEARS)} années), lu en flux",
                            f"{figures['seconds']:.1f} s ({count / figures['seconds']:,.0f} lignes/s), "
                            f"{figures['values']:,} valeurs agrégées écrites, "
                            f"pic mémoire (max RSS) {figures['peak_mib']:.0f} Mo"))
    return results


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "child":
    _child_import(sys.argv[2])
