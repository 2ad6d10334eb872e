"""The industry demo: real INSEE table, synthetic employment labelled as such, idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from observatory.models import Dataset, Filiere, FiliereScope, IndustryEmploymentResult, InputOutputTable

pytestmark = pytest.mark.django_db


def _snapshot() -> dict:
    return {
        "datasets": sorted(Dataset.objects.values_list("kind", "checksum", "status")),
        "tables": InputOutputTable.objects.count(),
        "scopes": sorted(FiliereScope.objects.values_list("filiere__slug", "code", "share")),
        "results": sorted(IndustryEmploymentResult.objects.values_list("territory__key", "definition", "code",
                                                                       "jobs")),
    }


def test_industry_demo_loads_once_and_a_second_run_changes_nothing(client):
    call_command("load_demo", "--skip-index", "--no-admin", verbosity=0)
    first = _snapshot()
    assert list(Filiere.objects.values_list("slug", flat=True)) == [
        "automobile", "aeronautique-ferroviaire", "agroalimentaire", "metallurgie-mecanique", "chimie-plasturgie",
        "textile-habillement", "energie", "materiaux-construction"]
    region = {row.definition: row for row in IndustryEmploymentResult.objects.filter(territory__key="REG-32",
                                                                                     breakdown="total")}
    assert region["sector"].jobs == 280_000  # the synthetic file's published order of magnitude
    assert set(region) == {"sector", "filiere", "io"}
    assert region["sector"].employment_dataset.title.endswith("données de démonstration synthétiques")
    employment = region["sector"].employment_dataset
    assert employment.synthetic and (employment.publisher, employment.licence, employment.source_url) == ("", "", "")
    assert InputOutputTable.objects.filter(year=2018, layout="insee-a38", dataset__status="published").exists()
    call_command("load_demo", "--skip-index", "--no-admin", verbosity=0)
    assert _snapshot() == first
    html = client.get("/observatoire/industrie-en-chiffres/").content.decode()
    assert "Données de démonstration synthétiques." in html
    assert client.get("/observatoire/methode-industrie-experts/").status_code == 200
