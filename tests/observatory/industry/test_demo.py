"""The industry demo: real INSEE table, synthetic employment labelled as such, idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from observatory.models import Dataset, Filiere, FiliereScope, IndustryEmploymentResult, InputOutputTable

pytestmark = [pytest.mark.django_db, pytest.mark.demo_loader]


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


def test_demo_counts_the_dares_share_of_temps_states_it_and_publishes_rounded_jobs(client):
    from observatory.industry_pages_data import effective_temporary_work_shares
    from observatory.industry_service import temporary_work_share

    call_command("load_demo", "--skip-index", "--no-admin", verbosity=0)
    lines = [float(share) for share in FiliereScope.objects.filter(code="78.20Z").values_list("share", flat=True)]
    assert 0.10 < sum(lines) < 0.18  # the NZ branch's share alone: « environ 14 % » on the expert page
    assert sum(effective_temporary_work_shares(temporary_work_share()).values()) == pytest.approx(0.427)
    expert = client.get("/observatoire/methode-industrie-experts/").content.decode()
    general = client.get("/observatoire/comprendre-les-chiffres-de-l-industrie/").content.decode()
    for html in (expert, general):
        assert "42,7\u202f%" in html and "fin du 2e trimestre 2013" in html and "Dares Indicateurs" in html
        assert "arrondis à la dizaine" in html and "arrondis à la centaine" in html
    rows = client.get("/api/v1/industry-employment/", {"territory": "REG-32", "breakdown": "total"}).json()["results"]
    steps = {row["definition"]: row["jobs"] % (10 if row["definition"] == "sector" else 100) for row in rows}
    assert steps == {"sector": 0, "filiere": 0, "io": 0}
    multipliers = client.get("/api/v1/io/multipliers/").json()  # INSEE's A38 table: no employment row
    assert multipliers and {row["employment_concept"] for row in multipliers} == {"total"}
    assert all(row["employment_multiplier"] is None for row in multipliers)
