"""Fixtures of the industry tests: a small world of territories, NAF codes, employment, the INSEE table, filières."""

from __future__ import annotations

from pathlib import Path

import factory
import pytest
from django.utils import timezone

from observatory.industry.definitions import a38_branch
from observatory.models import Dataset, DatasetStatus, Employment, NafActivity, Territory

DATA = Path(__file__).resolve().parents[3] / "observatory" / "data"


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("key",)

    key = factory.LazyAttribute(
        lambda o: "FR" if o.level == "nation" else f"{ {'region': 'REG', 'departement': 'DEP'}[o.level]}-{o.code}")
    level = "departement"
    code = "59"
    name = "Nord"


class DatasetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dataset

    kind = "employment"
    title = "Emploi salarié par activité"
    source = "Urssaf, Insee"
    vintage = 2023
    original_filename = "emploi.csv"
    checksum = factory.Sequence(lambda n: f"{n:064d}")
    status = DatasetStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


#: Jobs by NAF sous-classe for the test territories (FR, REG-32, DEP-59). DEP-62 has none.
EMPLOYMENT = {
    "FR": {"29.10Z": 200_000, "25.62B": 150_000, "10.11Z": 100_000, "35.11Z": 80_000, "78.20Z": 700_000,
           "71.12B": 300_000, "47.11F": 2_000_000, "52.10B": 120_000, "62.02A": 250_000, "81.22Z": 40_000},
    "REG-32": {"29.10Z": 30_000, "25.62B": 15_000, "10.11Z": 12_000, "35.11Z": 5_000, "78.20Z": 70_000,
               "71.12B": 20_000, "47.11F": 170_000, "52.10B": 15_000, "62.02A": 10_000, "81.22Z": 4_000},
    "DEP-59": {"29.10Z": 10_000, "25.62B": 8_000, "10.11Z": 5_000, "35.11Z": 2_000, "78.20Z": 35_000,
               "71.12B": 11_000, "47.11F": 80_000, "52.10B": 8_000, "62.02A": 6_000, "81.22Z": 2_000},
}


@pytest.fixture
def territories(db) -> dict[str, Territory]:
    nation = TerritoryFactory(key="FR", level="nation", code="FR", name="France")
    region = TerritoryFactory(key="REG-32", level="region", code="32", name="Hauts-de-France", parent=nation)
    nord = TerritoryFactory(key="DEP-59", level="departement", code="59", name="Nord", parent=region)
    pas_de_calais = TerritoryFactory(key="DEP-62", level="departement", code="62", name="Pas-de-Calais",
                                     parent=region)
    return {t.key: t for t in (nation, region, nord, pas_de_calais)}


@pytest.fixture
def naf_codes(db) -> dict[str, NafActivity]:
    codes = {code for jobs in EMPLOYMENT.values() for code in jobs} | {"30.30Z", "24.10Z"}
    return {code: NafActivity.objects.create(code=code, label=f"Activité {code}", level="sous_classe",
                                             a38=a38_branch(code)) for code in sorted(codes)}


@pytest.fixture
def employment_dataset(territories, naf_codes) -> Dataset:
    dataset = DatasetFactory(title="Emploi salarié par activité — données de démonstration synthétiques",
                             source="Données de démonstration synthétiques", synthetic=True)
    Employment.objects.bulk_create([
        Employment(dataset=dataset, naf=naf_codes[code], territory=territories[key], year=2023, employees=jobs)
        for key, jobs_by_code in EMPLOYMENT.items() for code, jobs in jobs_by_code.items()
    ])
    return dataset


@pytest.fixture
def insee_table(db):
    """The shipped INSEE A38 2018 table, imported and published through the import service."""
    from observatory.importers.service import run_import
    from observatory.industry_import import read_insee_folder

    result = run_import("io-insee-a38", read_insee_folder(DATA / "input-output", 2018), "insee_a38_2018.zip",
                        publish=True, source="Insee, comptes nationaux 2018")
    assert result.ok, result.log.report_lines()
    return result.dataset.io_table


@pytest.fixture
def industry_world(employment_dataset, insee_table, territories):
    """Employment, table, default filières and computed results."""
    from observatory.industry_service import ensure_default_filieres, recompute_industry

    ensure_default_filieres(insee_table)
    summary = recompute_industry()
    assert not [w for w in summary.warnings if "Périmètre" in w], summary.warnings
    return territories
