"""drf-spectacular hooks: the published OpenAPI description covers the open-data API only."""

from __future__ import annotations

PUBLIC_API_PREFIX = "/api/v1/"


def only_public_api(endpoints: list[tuple], **kwargs) -> list[tuple]:
    """Drop Wagtail's internal admin API from the schema (it is not an open-data endpoint)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PUBLIC_API_PREFIX)]


INVALID_PARAMETERS_RESPONSE = {
    "description": (
        "Paramètre inconnu ou valeur invalide : le corps nomme chaque paramètre fautif et dit "
        "ce qui est attendu, en français."
    ),
    "content": {
        "application/json": {
            "schema": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    },
}
NOT_FOUND_RESPONSE = {
    "description": "Aucun objet ne porte cet identifiant, ou la page demandée est au-delà de la dernière.",
    "content": {"application/json": {"schema": {"type": "object", "additionalProperties": {"type": "string"}}}},
}


def document_error_responses(result: dict, **kwargs) -> dict:
    """Declare the 400 every API operation answers to unknown or invalid parameters, and the 404.

    The views validate every query parameter and refuse unknown ones with HTTP 400 and a message
    per parameter; clients generated from the description must expect it.
    """
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault("400", INVALID_PARAMETERS_RESPONSE)
            responses.setdefault("404", NOT_FOUND_RESPONSE)
    return result
