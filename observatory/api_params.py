"""Query parameters of the open-data API: how each one is read, and how the OpenAPI description declares it.

One object per parameter carries both, so the published description (``/api/v1/schema/``) can
never disagree with what the views accept: a value the description allows is accepted, a value
outside it (an empty value, a lower-case code, a repeated parameter) answers 400 with a French
message naming the parameter and the expected form (checked by schemathesis in
tests/whole_site/test_api_schemathesis.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

MAX_ID = 2**63 - 1  # database identifiers are 64-bit signed integers


@dataclass(frozen=True)
class QueryParam:
    """A query parameter: ``read`` converts the raw text or raises ValueError; ``schema`` is its JSON schema."""

    read: Callable[[str], Any]
    schema: dict[str, Any]
    description: str

    def __call__(self, value: str) -> Any:
        return self.read(value)

    def openapi(self, name: str) -> OpenApiParameter:
        return OpenApiParameter(name, self.schema, description=self.description)


def pattern(regex: str, message: str, description: str) -> QueryParam:
    """A code matching ``regex`` exactly, as the description publishes it (``dep-59`` is refused with the right form)."""

    def read(value: str) -> str:
        if not re.fullmatch(regex, value):
            raise ValueError(message)
        return value

    return QueryParam(read, {"type": "string", "pattern": f"^(?:{regex})$"}, description)


def integer(low: int, high: int, message: str, description: str) -> QueryParam:
    """A whole number between ``low`` and ``high`` included (bounded: a huge one must not reach the database)."""

    def read(value: str) -> int:
        if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
            raise ValueError(message)
        return int(value)

    return QueryParam(read, {"type": "integer", "minimum": low, "maximum": high}, description)


def choice(allowed: list[str], what: str, description: str) -> QueryParam:
    """One of ``allowed``, exactly."""

    def read(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"{what} attendu(e) parmi : {', '.join(allowed)}")
        return value

    return QueryParam(read, {"type": "string", "enum": list(allowed)}, description)


TERRITORY_KEY_PATTERN = r"FR|REG-\d{2}|DEP-(?:\d{2,3}|2[AB])|ZE-\d{4}(?:-\d{2})?"
TERRITORY_KEY = pattern(TERRITORY_KEY_PATTERN,
                        "clé de territoire attendue (FR, REG-32, DEP-59, ZE-3201)",
                        "Clé de territoire : FR, REG-32 (région), DEP-59 (département), ZE-3201 (zone d'emploi ; "
                        "ZE-0054-32 : partie régionale d'une zone interrégionale).")
ROME = pattern(r"[A-N]\d{4}", "code ROME attendu (ex. H2913)", "Code ROME (ex. H2913) : ses familles FAP.")
FAP = pattern(r"[A-Z](?:\d[A-Z](?:\d{2})?)?", "code FAP 2009 attendu (ex. D, D1Z ou D1Z80)",
              "Code FAP 2009 : domaine (D), famille 87 (D1Z) ou 225 (D1Z80).")
YEAR = integer(1950, 2100, "année attendue (ex. 2019)", "Année (ex. 2023).")
FORMAT = choice(["json", "csv", "csv-fr"], "format",
                "json (défaut), csv (UTF-8 avec BOM, séparateur « , », point décimal) ou csv-fr (séparateur « ; », "
                "virgule décimale, pour un tableur réglé en français).")

PAGE = integer(1, 10**9, "nombre entier positif attendu", "Numéro de la page de résultats (à partir de 1).")
PAGE_SIZE_MAX = 1000


def page_size_param(default: int) -> QueryParam:
    return integer(1, PAGE_SIZE_MAX, f"nombre entier de 1 à {PAGE_SIZE_MAX} attendu",
                   f"Résultats par page (défaut {default}, au plus {PAGE_SIZE_MAX}). Le CSV donne toute la sélection.")


class DeclaredParametersSchema(AutoSchema):
    """Describes a view's query parameters from its ``filters`` (on lists) and ``format``, as the view reads them."""

    def get_override_parameters(self) -> list:
        parameters = list(super().get_override_parameters())
        filters: dict[str, Any] = getattr(self.view, "filters", {})
        if getattr(self.view, "action", "list") == "list":
            parameters += [param.openapi(name) for name, param in filters.items() if isinstance(param, QueryParam)]
        parameters.append(FORMAT.openapi("format"))
        return parameters
