"""Fixtures of the observatory tests: the demo files loaded through the real importer."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from observatory.importers.service import run_import

DATA = Path(__file__).resolve().parents[2] / "observatory" / "data"

BASE_FILES = [
    ("territories", "cog_regions.csv"),
    ("territories", "cog_departements.csv"),
    ("rome", "referentiel_code_rome_v347.csv"),
    ("rome-riasec", "referentiel_code_rome_riasec_v347.csv"),
    ("fap", "intitule_fap2009.txt"),
    ("fap-rome", "passage_fap2009_romev3.txt"),
]


def import_file(kind: str, name: str, **options):
    with (DATA / name).open("rb") as stream:
        result = run_import(kind, stream, name, **options)
    assert result.ok, result.log.report_lines()
    return result


def import_bytes(kind: str, content: bytes | str, name: str = "fichier.csv", **options):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return run_import(kind, io.BytesIO(data), name, **options)



@pytest.fixture
def nomenclatures(db):
    """Territories, ROME (+ RIASEC), FAP and the FAP ↔ ROME crosswalk, from the shipped official files."""
    for kind, name in BASE_FILES:
        import_file(kind, name)


@pytest.fixture
def tension_data(nomenclatures):
    """…plus the DARES 2019 tension figures for France, Hauts-de-France and its départements (published)."""
    return import_file("tension", "tensions_hdf_2019.csv", publish=True).dataset
