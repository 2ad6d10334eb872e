"""Demo data of the observatory: real official files shipped in ``observatory/data/``, loaded through
the same importer as a statistician's upload, then the observatory pages.

Idempotent: a file whose checksum matches the published version of its kind is skipped.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import observatory
from observatory.importers.service import run_import
from observatory.models import Dataset, DatasetStatus

#: The official files shipped with the observatory app (observatory/data/README.md).
DATA = Path(observatory.__file__).resolve().parent / "data"

#: (kind, file) in dependency order: nomenclatures first, then indicators.
DEMO_FILES = [
    ("territories", "cog_regions.csv"),
    ("territories", "cog_departements.csv"),
    # Zones d'emploi 2020 of Hauts-de-France with their 3,787 communes (Insee composition communale).
    ("zones-emploi", "communes_hauts_de_france_geo2023.csv"),
    ("rome", "referentiel_code_rome_v347.csv"),
    # ROME 4.0 fiches (each with its v3 parent): profiles show their 4.0 codes, the path to FAP 2009 is kept.
    ("rome", "unix_referentiel_code_rome_v460_utf8.csv"),
    ("rome-riasec", "referentiel_code_rome_riasec_v347.csv"),
    ("rome-appellations", "rome4_appellations_v460.csv"),
    # ROME 4.0 mobility links from the fiches of the industrial occupations: « Métiers proches » on the profiles.
    ("rome-mobility", "rome4_mobilite_industrie_v460.csv"),
    ("fap", "intitule_fap2009.txt"),
    ("fap-rome", "passage_fap2009_romev3.txt"),
    ("naf", "naf_rev2.csv"),
    ("fap-2021", "Intitules_FAP2021.csv"),
    ("tension", "tensions_hdf_2019.csv"),
    ("occupation-stats", "salaire_median_3niv.csv"),
    # DARES share of women 2017-2019: its own series, published beside the salaries (Dataset.series).
    ("occupation-stats", "part_femmes_2017_2019.csv"),
    # BMO 2023 (FAP 2009 métiers) and 2025 (FAP 2021): Hauts-de-France extracts of the national workbooks.
    ("bmo", "bmo_2023_hauts_de_france.csv"),
    ("bmo", "bmo_2025_hauts_de_france.csv"),
    # InserJeunes: apprentices' outcomes by CFA, Hauts-de-France extract (cohorts 2018-2019 → 2023-2024).
    ("inserjeunes-cfa", "inserjeunes_cfa_hauts_de_france.csv"),
    # Insee localised unemployment rates by zone d'emploi, quarterly 2003-T1 → 2023-T3 (the region's zones).
    ("unemployment-zones", "chomage_zones_emploi_hauts_de_france.xlsx"),
]


def load_datasets(stdout) -> None:
    for kind, name in DEMO_FILES:
        path = DATA / name
        checksum = hashlib.sha256(path.read_bytes()).hexdigest()
        if Dataset.objects.filter(kind=kind, checksum=checksum).exclude(status=DatasetStatus.DRAFT).exists():
            continue
        with path.open("rb") as stream:
            result = run_import(kind, stream, name, publish=True)
        if not result.ok:
            raise RuntimeError(f"Demo file {name} rejected: " + "; ".join(result.log.report_lines()))
        stdout.write(f"  observatoire : {name} ({result.rows} lignes)")


def load(stdout) -> None:
    from demo.loaders.observatory_pages import load_pages

    load_datasets(stdout)
    load_pages(stdout)
