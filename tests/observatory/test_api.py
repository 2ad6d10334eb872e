"""The open-data API: filters, CSV, provenance, strict validation, cache headers, bounded queries."""

from __future__ import annotations

import csv
import io

import pytest


@pytest.fixture
def api(client, tension_data):
    return client


def test_tension_list_filters_and_carries_provenance(api):
    response = api.get("/api/v1/tension/", {"territory": "DEP-59", "fap": "D1Z40"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["territory"] == "DEP-59" and row["fap"] == "D1Z40" and row["year"] == 2019
    assert row["dataset"]["source"] == "Dares, France Travail" and row["dataset"]["vintage"] == 2019
    assert "public" in response["Cache-Control"]


def test_tension_by_rome_and_level(api):
    data = api.get("/api/v1/tension/", {"territory": "REG-32", "rome": "H2913"}).json()
    assert data["count"] >= 1
    assert all(row["fap_level"] == 225 for row in data["results"])
    levels = {row["level"] for row in api.get("/api/v1/tension/", {"level": 5, "page_size": 1000}).json()["results"]}
    assert levels == {5}


def test_rows_whose_category_dares_did_not_publish_are_marked_unpublished(api):
    rows = api.get("/api/v1/tension/", {"territory": "DEP-80", "fap": "D2Z42"}).json()["results"]
    assert rows and rows[0]["published"] is False and rows[0]["level"] is None
    assert rows[0]["score"] is not None  # carried down from a larger area, as DARES' file has it
    rows = api.get("/api/v1/tension/", {"territory": "DEP-60", "fap": "D2Z42"}).json()["results"]
    assert rows[0]["published"] is True and rows[0]["level"] == 5
    schema = api.get("/api/v1/schema/", {"format": "json"}).json()
    assert "Ne classez que les lignes publiées" in str(schema["components"]["schemas"])


def test_tension_list_uses_a_bounded_number_of_queries(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = api.get("/api/v1/tension/", {"territory": "REG-32", "page_size": 500})
    assert len(response.json()["results"]) > 200


def test_csv_variant_answers_the_whole_selection_with_provenance(api):
    response = api.get("/api/v1/tension/", {"territory": "DEP-62", "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert {"fap", "territory", "score", "level", "dataset_source", "dataset_vintage"} <= set(header)
    assert len(text.splitlines()) > 100


def test_csv_is_standard_and_csv_fr_opens_in_a_french_spreadsheet(api):
    params = {"territory": "DEP-59", "fap": "D2Z42"}
    standard = api.get("/api/v1/tension/", {**params, "format": "csv"}).content.decode("utf-8-sig")
    french = api.get("/api/v1/tension/", {**params, "format": "csv-fr"}).content.decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(standard)))
    row_fr = next(csv.DictReader(io.StringIO(french), delimiter=";"))
    assert float(row["score"]) == float(row_fr["score"].replace(",", "."))
    assert "." in row["score"] and "," in row_fr["score"] and "." not in row_fr["score"]
    assert row["fap"] == row_fr["fap"] == "D2Z42"
    assert api.get("/api/v1/tension/", {**params, "format": "xls"}).status_code == 400


@pytest.mark.parametrize("params, field", [
    ({"territory": "PARIS"}, "territory"),
    ({"year": "deux-mille"}, "year"),
    ({"level": "9"}, "level"),
    ({"rome": "H29"}, "rome"),
    ({"colour": "red"}, "paramètres"),
    ({"page": "0"}, "page"),
    ({"page_size": "5000"}, "page_size"),
    ({"territory": "dep-62"}, "territory"),
    ({"year": ""}, "year"),
    ({"format": "xml"}, "format"),
])
def test_bad_parameters_answer_400_in_french(api, params, field):
    response = api.get("/api/v1/tension/", params)
    assert response.status_code == 400
    assert field in response.json()
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("params, field", [
    ({"territory": "DEP-99"}, "territory"),  # well-formed, but no such territory
    ({"page": "999"}, "page"),  # past the last page
])
def test_what_does_not_exist_answers_404_in_french(api, params, field):
    response = api.get("/api/v1/tension/", params)
    assert response.status_code == 404
    assert field in response.json()
    assert response["Cache-Control"] == "no-store"


def test_a_repeated_parameter_is_refused(api):
    response = api.get("/api/v1/tension/?level=1&level=5")
    assert response.status_code == 400
    assert "répété" in response.json()["paramètres"]


def test_errors_answer_json_even_when_csv_is_asked(api):
    response = api.get("/api/v1/tension/", {"level": "9", "format": "csv"})
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert "level" in response.json()


def test_an_unknown_api_address_answers_json_404(api):
    response = api.get("/api/v1/tension/0.5/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert "/api/v1/docs/" in response.json()["detail"]


def test_territories_occupations_and_datasets_endpoints(api):
    departements = api.get("/api/v1/territories/", {"parent": "REG-32"}).json()
    assert {item["key"] for item in departements["results"]} == {"DEP-02", "DEP-59", "DEP-60", "DEP-62", "DEP-80"}
    assert api.get("/api/v1/territories/DEP-59/").json()["parent"] == "REG-32"
    occupation = api.get("/api/v1/occupations/H2913/").json()
    assert occupation["riasec_major"] == "R" and occupation["fap"]
    datasets = api.get("/api/v1/datasets/", {"kind": "tension"}).json()
    assert datasets["results"][0]["checksum"] and datasets["results"][0]["licence"]
    assert api.get("/api/v1/hiring-projects/").json()["count"] == 0


def test_occupations_list_is_bounded_in_queries(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert api.get("/api/v1/occupations/", {"domain": "H"}).status_code == 200


def test_schema_and_docs_are_served(api):
    assert api.get("/api/v1/schema/").status_code == 200
    docs = api.get("/api/v1/docs/")
    assert docs.status_code == 200 and "/api/v1/tension/" in docs.content.decode()


def test_the_api_root_lists_every_endpoint_and_the_docs_page_describes_each(client, db):
    from observatory.urls import router

    root = client.get("/api/v1/")
    assert root.status_code == 200 and root["Content-Type"].startswith("application/json")
    listed = root.json()
    prefixes = [prefix for prefix, _viewset, _basename in router.registry]
    assert sorted(listed) == sorted(prefixes)
    docs = client.get("/api/v1/docs/").content.decode()
    for prefix in prefixes:
        assert f"<code>/api/v1/{prefix}/</code>" in docs, prefix
    assert client.get("/api/v1/", {"format": "api"}).status_code == 404  # no browsable HTML page


def test_the_api_answers_json_even_when_the_database_is_down(client, db, monkeypatch):
    from django.db import OperationalError

    from observatory import api

    def database_down(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(api.TerritoryViewSet, "get_queryset", database_down)
    client.raise_request_exception = False
    response = client.get("/api/v1/territories/")
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    assert "réessayez" in response.json()["detail"]
