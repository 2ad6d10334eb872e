"""Every number the open-data API publishes says its unit in the OpenAPI description (« Unité : … »)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

UNIT = re.compile(r"Unité\s*:\s*\S")


def numeric_fields(schema: dict, components: dict, path: str, seen: frozenset = frozenset()) -> Iterator[tuple[str, dict]]:
    """``(path, schema)`` of every integer or number property reachable from ``schema`` (references followed)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name not in seen:
            yield from numeric_fields(components[name], components, path, seen | {name})
        return
    for key in ("allOf", "oneOf", "anyOf"):
        for part in schema.get(key, []):
            yield from numeric_fields(part, components, path, seen)
    kind = schema.get("type")
    if kind in ("integer", "number") or (isinstance(kind, list) and {"integer", "number"} & set(kind)):
        yield path, schema
    for name, field in schema.get("properties", {}).items():
        yield from numeric_fields(field, components, f"{path}.{name}", seen)
    if "items" in schema:
        yield from numeric_fields(schema["items"], components, f"{path}[]", seen)
    if isinstance(schema.get("additionalProperties"), dict):
        yield from numeric_fields(schema["additionalProperties"], components, f"{path}{{}}", seen)


def without_unit(openapi: dict) -> list[str]:
    components = openapi.get("components", {}).get("schemas", {})
    missing = []
    for address, operations in openapi["paths"].items():
        for method, operation in operations.items():
            for code, response in operation.get("responses", {}).items():
                for content in response.get("content", {}).values():
                    for path, field in numeric_fields(content.get("schema", {}), components,
                                                      f"{method.upper()} {address} {code}"):
                        if not UNIT.search(field.get("description", "")):
                            missing.append(path)
    return sorted(set(missing))


@pytest.fixture
def openapi(client, db) -> dict:
    return client.get("/api/v1/schema/", {"format": "json"}).json()


def test_every_numeric_field_of_every_endpoint_names_its_unit(openapi):
    assert len(openapi["paths"]) >= 8  # the walk covers the whole API, not an empty description
    assert without_unit(openapi) == []


def test_the_walk_finds_a_numeric_field_without_a_unit():
    openapi = {"paths": {"/api/v1/x/": {"get": {"responses": {"200": {"content": {"application/json": {"schema": {
        "type": "array", "items": {"$ref": "#/components/schemas/Row"}}}}}}}}},
        "components": {"schemas": {"Row": {"type": "object", "properties": {
            "jobs": {"type": "integer", "description": "Emplois. Unité : emplois."},
            "rate": {"type": "number", "description": "Taux de chômage."},
            "dataset": {"type": "object", "properties": {"id": {"type": "integer"}}}}}}}}
    assert without_unit(openapi) == ["GET /api/v1/x/ 200[].dataset.id", "GET /api/v1/x/ 200[].rate"]


def test_units_are_those_a_reader_expects(openapi):
    schemas = openapi["components"]["schemas"]
    assert "Unité : emplois" in schemas["IndustryEmployment"]["properties"]["jobs"]["description"]
    assert "Unité : pour cent (%)" in schemas["IndustryEmployment"]["properties"]["gap_percent"]["description"]
    assert "niveau de 1 (très faible) à 5" in schemas["Tension"]["properties"]["level"]["description"]
    assert "Unité : pour cent (%) de la population active" in schemas["UnemploymentRate"]["properties"]["rate"][
        "description"]
    assert "Unité : projets de recrutement" in schemas["HiringProjects"]["properties"]["projects"]["description"]
    assert "emplois par million d'euros de demande finale" in schemas["IOMultiplier"]["properties"][
        "employment_multiplier"]["description"]
