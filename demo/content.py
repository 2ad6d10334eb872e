"""Read the demo's data files (``demo/data/<app>/<content type>.json``), checked field by field.

Each file holds one content type: a list of entries (job profiles, events…) or one object (the
jobseekers' page), every value under a named field. The loaders describe the fields they expect
(:data:`Fields`) and get plain dicts back, with the defaults of the optional fields filled in. A
file that does not match — invalid JSON, a missing or unknown field, a value of the wrong type,
a slug that names nothing — stops the load with a message naming the file, the entry and the
field, so that whoever edits a data file finds the mistake without reading the loader.

No Django import: the files are checked without a database (``tests/demo/test_data_files.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


class DemoDataError(ValueError):
    """A data file of the demo that does not match what its loader expects."""


@dataclass(frozen=True)
class OptionalField:
    """A field that may be left out (or null): the loader then gets ``default``."""

    spec: Spec
    default: Any = None


#: What a field holds: ``str``, ``int``, ``bool``; ``[spec]`` a list of such values; a dict of
#: named fields (a nested object); :func:`optional` around any of them.
Spec = type | list | dict | OptionalField
Fields = dict[str, Spec]


def optional(spec: Spec, default: Any = None) -> OptionalField:
    """A field that may be absent or null; ``default`` is used then (copied if it is a list)."""
    return OptionalField(spec, default)


def _type_name(spec: Spec) -> str:
    if isinstance(spec, OptionalField):
        return _type_name(spec.spec)
    if isinstance(spec, list):
        return f"liste de {_type_name(spec[0])}"
    if isinstance(spec, dict):
        return "objet"
    return {str: "texte", int: "nombre entier", bool: "true ou false"}.get(spec, spec.__name__)


def _check(value: Any, spec: Spec, where: str) -> Any:
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            raise DemoDataError(f"{where} : un objet était attendu, trouvé {json.dumps(value, ensure_ascii=False)[:60]}")
        return check_fields(value, spec, where)
    if isinstance(spec, list):
        if not isinstance(value, list):
            raise DemoDataError(f"{where} : une liste était attendue")
        return [_check(item, spec[0], f"{where}[{position}]") for position, item in enumerate(value)]
    # bool is an int for Python: a true/false in a number field (or a 1 in a flag) is a typo.
    if not isinstance(value, spec) or (spec is int and isinstance(value, bool)):
        raise DemoDataError(f"{where} : {_type_name(spec)} attendu, trouvé {json.dumps(value, ensure_ascii=False)[:60]}")
    return value


def check_fields(entry: Mapping[str, Any], fields: Fields, where: str) -> dict[str, Any]:
    """``entry`` checked against ``fields``: every field present (or optional), none unknown."""
    unknown = sorted(set(entry) - set(fields))
    if unknown:
        raise DemoDataError(f"{where} : champ(s) inconnu(s) {', '.join(unknown)} "
                            f"(champs possibles : {', '.join(fields)})")
    checked: dict[str, Any] = {}
    for name, spec in fields.items():
        value = entry.get(name)
        if isinstance(spec, OptionalField):
            if value is None:
                default = spec.default
                checked[name] = list(default) if isinstance(default, list) else default
                continue
            spec = spec.spec
        elif name not in entry:
            raise DemoDataError(f"{where} : champ « {name} » manquant ({_type_name(spec)})")
        checked[name] = _check(value, spec, f"{where}, champ « {name} »")
    return checked


def _read_json(name: str) -> tuple[Any, str]:
    path = DATA_DIR / f"{name}.json"
    label = f"demo/data/{name}.json"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DemoDataError(f"{label} : fichier absent") from None
    try:
        return json.loads(text), label
    except json.JSONDecodeError as error:
        raise DemoDataError(f"{label}, ligne {error.lineno}, colonne {error.colno} : JSON invalide ({error.msg})") from None


def read_entries(name: str, fields: Fields, key: str = "slug") -> list[dict[str, Any]]:
    """The entries of ``demo/data/<name>.json`` (a list of objects), checked; ``key`` names them in errors
    and must be unique."""
    entries, label = _read_json(name)
    if not isinstance(entries, list):
        raise DemoDataError(f"{label} : une liste d'entrées était attendue")
    checked, seen = [], set()
    for position, entry in enumerate(entries, start=1):
        name_of_entry = entry.get(key) if isinstance(entry, dict) else None
        where = f"{label}, entrée {position}" + (f" (« {name_of_entry} »)" if name_of_entry else "")
        if name_of_entry is not None and name_of_entry in seen:
            raise DemoDataError(f"{where} : « {key} » déjà utilisé par une entrée précédente")
        seen.add(name_of_entry)
        checked.append(_check(entry, fields, where))
    return checked


def read_object(name: str, fields: Fields) -> dict[str, Any]:
    """The single object of ``demo/data/<name>.json`` (a page's content), checked."""
    entry, label = _read_json(name)
    return _check(entry, fields, label)


def require_known(entries: Iterable[Mapping[str, Any]], field: str, known: Iterable[str], name: str,
                  key: str = "slug") -> None:
    """Every value of ``field`` (a slug or a list of slugs) in ``entries`` is one of ``known``.

    For links between files (a company's job profiles, a kit's filières): a typo in a slug would
    otherwise drop the link silently or fail deep in the loader.
    """
    known = set(known)
    for position, entry in enumerate(entries, start=1):
        values = entry[field] if isinstance(entry[field], list) else [entry[field]]
        missing = [value for value in values if value not in known]
        if missing:
            raise DemoDataError(f"demo/data/{name}.json, entrée {position} (« {entry.get(key)} »), champ « {field} » : "
                                f"{', '.join(missing)} inconnu(s)")
