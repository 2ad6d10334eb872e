"""BMO benchmark: the national 2025 workbook (50,076 rows, whole France) imported with ``--region 32``.

Run with ``python -m bench bmo``. Needs ``../shared/data/bmo/Base_open_data_BMO_2025.xlsx`` (the
published workbook); skipped, saying so, when it is absent. Target (issue #14): under 15 s.
"""

from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKBOOK = ROOT.parent / "shared" / "data" / "bmo" / "Base_open_data_BMO_2025.xlsx"
DATA = ROOT / "observatory" / "data"
BASE_FILES = [("territories", "cog_regions.csv"), ("territories", "cog_departements.csv"),
              ("rome", "referentiel_code_rome_v347.csv"), ("fap", "intitule_fap2009.txt"),
              ("fap-rome", "passage_fap2009_romev3.txt")]


def run() -> list[tuple[str, str]]:
    if not WORKBOOK.is_file():
        return [("BMO 2025, classeur national, --region 32", f"non mesuré : {WORKBOOK} absent")]
    from observatory.importers.service import run_import
    from observatory.models import Dataset

    for kind, name in BASE_FILES:
        if not Dataset.objects.filter(kind=kind, original_filename=name).exists():
            with (DATA / name).open("rb") as stream:
                run_import(kind, stream, name)
    started = time.perf_counter()
    with WORKBOOK.open("rb") as stream:
        result = run_import("bmo", stream, WORKBOOK.name, publish=True, filters={"region": "32"})
    seconds = time.perf_counter() - started
    if not result.ok:
        raise RuntimeError("; ".join(result.log.report_lines()))
    return [("BMO 2025, classeur national (50 076 lignes), --region 32, import publié",
             f"{seconds:.1f} s ({result.rows} totaux écrits)")]


if __name__ == "__main__":  # pragma: no cover
    print("python -m bench bmo")
