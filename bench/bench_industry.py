"""Benchmark: recomputing the three industry definitions for every territory of the region.

Target (issue 4): under 5 s for all territories of Hauts-de-France after an import. The bench
builds, in its throw-away database, France + the region + its 5 départements + 28 test zones
d'emploi (the region's count since the 2020 zoning; bench-only keys ``ZE-99xx``), each with
salaried employment for every NAF sous-classe (scaled from the shipped synthetic file), the INSEE
A38 2018 table and the default filière grid, then times ``recompute_industry()``.
"""

from __future__ import annotations

import csv
import random
import time
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

DATA = Path(__file__).resolve().parent.parent / "observatory" / "data"
ZONES = 28


def _setup() -> int:
    from observatory.importers.service import run_import
    from observatory.industry_import import read_insee_folder
    from observatory.industry_service import ensure_default_filieres
    from observatory.models import Dataset, DatasetStatus, Employment, NafActivity, Territory

    with (DATA / "naf_rev2.csv").open("rb") as stream:
        assert run_import("naf", stream, "naf_rev2.csv").ok
    nation = Territory.objects.create(key="FR", level="nation", code="FR", name="France")
    region = Territory.objects.create(key="REG-32", level="region", code="32", name="Hauts-de-France", parent=nation)
    deps = [Territory.objects.create(key=f"DEP-{code}", level="departement", code=code, name=f"Département {code}",
                                     parent=region) for code in ("02", "59", "60", "62", "80")]
    zones = [Territory.objects.create(key=f"ZE-99{n:02d}", level="zone_emploi", code=f"99{n:02d}",
                                      name=f"Zone de test {n}", parent=deps[n % 5]) for n in range(ZONES)]
    by_key = {"FR": nation, "REG-32": region, **{t.key: t for t in deps}}
    naf_ids = dict(NafActivity.objects.filter(level="sous_classe").values_list("code", "pk"))
    dataset = Dataset.objects.create(kind="employment", title="Bench — données synthétiques", source="Bench",
                                     vintage=2023, original_filename="bench.csv", checksum="b" * 64,
                                     status=DatasetStatus.PUBLISHED)
    rows: list[Employment] = []
    regional: dict[str, int] = {}
    with (DATA / "emploi_synthetique_hdf_2023.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            jobs = int(row["effectif"])
            rows.append(Employment(dataset=dataset, naf_id=naf_ids[row["naf"]], territory=by_key[row["territoire"]],
                                   year=2023, employees=jobs))
            if row["territoire"] == "REG-32":
                regional[row["naf"]] = jobs
    rng = random.Random(4)
    for zone in zones:
        for code, jobs in regional.items():
            local = int(jobs / ZONES * rng.uniform(0.3, 1.7))
            if local:
                rows.append(Employment(dataset=dataset, naf_id=naf_ids[code], territory=zone, year=2023,
                                       employees=local))
    Employment.objects.bulk_create(rows, batch_size=5000)
    result = run_import("io-insee-a38", read_insee_folder(DATA / "input-output", 2018), "insee_a38_2018.zip",
                        publish=True)
    assert result.ok, result.log.report_lines()
    ensure_default_filieres()
    return len(rows)


def run() -> list[tuple[str, str]]:
    from observatory.industry_service import recompute_industry

    employment_rows = _setup()
    timings = []
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            summary = recompute_industry()
            timings.append(time.perf_counter() - started)
    best = min(timings)
    return [
        ("territories × years", str(summary.territory_years)),
        ("employment rows read", f"{employment_rows:,}".replace(",", " ")),
        ("results written", f"{summary.rows:,}".replace(",", " ")),
        ("SQL queries per recompute", str(len(queries))),
        ("recompute_industry(), best of 3", f"{best:.2f} s (target < 5 s: {'OK' if best < 5 else 'TOO SLOW'})"),
        ("recompute_industry(), worst of 3", f"{max(timings):.2f} s"),
    ]
