"""Every dataset the public sees is public data with its own publisher's licence; reference and test
tables (the UN handbook's worked example) check the algebra but are neither listed nor served."""

from __future__ import annotations

import pytest

from observatory.models import Dataset

pytestmark = pytest.mark.django_db


def test_the_un_handbook_example_is_kept_off_the_site_and_the_api_with_its_own_licence(client, demo_site):
    example = Dataset.objects.get(original_filename="un_handbook_germany_2009.csv")
    assert not example.public and example.publisher == "Nations unies"
    assert "Etalab" not in example.licence
    assert "Allemagne 2009" not in client.get("/observatoire/").content.decode()
    listed = client.get("/api/v1/datasets/", {"page_size": 200}).json()["results"]
    assert example.pk not in {item["id"] for item in listed}
    assert client.get(f"/api/v1/datasets/{example.pk}/").status_code == 404
    assert client.get("/api/v1/io/multipliers/", {"dataset": example.pk}).status_code == 404


def test_every_listed_dataset_names_its_publishers_licence_or_says_it_is_synthetic(client, demo_site):
    listed = client.get("/api/v1/datasets/", {"page_size": 200}).json()["results"]
    assert listed
    for item in listed:
        if item["synthetic"]:
            assert (item["publisher"], item["licence"], item["source_url"]) == ("", "", ""), item["title"]
        else:
            assert item["licence"] and item["source"], item["title"]
