"""Demo data of the observatory: real official files shipped in ``observatory/data/``, loaded through
the same importer as a statistician's upload, then the observatory pages.

Idempotent: a file whose checksum matches the published version of its kind is skipped.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import observatory
from demo.content import Fields, optional, read_entries, require_known
from observatory.importers.registry import kind_names
from observatory.importers.service import run_import
from observatory.models import Dataset, DatasetStatus

#: The official files shipped with the observatory app (observatory/data/README.md).
DATA = Path(observatory.__file__).resolve().parent / "data"

#: The files to import (demo/data/observatory/official_files.json), in dependency order:
#: nomenclatures first, then indicators. ``about`` says what a file brings to the demo.
OFFICIAL_FILE_FIELDS: Fields = {"kind": str, "file": str, "about": optional(str, "")}


def official_files_data() -> list[dict]:
    """The official files of the demo, each an existing file of observatory/data/ of a known kind."""
    files = read_entries("observatory/official_files", OFFICIAL_FILE_FIELDS, key="file")
    require_known(files, "file", (path.name for path in DATA.iterdir()), "observatory/official_files", key="file")
    require_known(files, "kind", kind_names(), "observatory/official_files", key="file")
    return files


#: (kind, file) of each official file, in import order.
DEMO_FILES = [(entry["kind"], entry["file"]) for entry in official_files_data()]


def load_datasets(stdout) -> None:
    for kind, name in DEMO_FILES:
        path = DATA / name
        checksum = hashlib.sha256(path.read_bytes()).hexdigest()
        if Dataset.objects.filter(kind=kind, checksum=checksum).exclude(status=DatasetStatus.DRAFT).exists():
            continue
        with path.open("rb") as stream:
            result = run_import(kind, stream, name, publish=True)
        if not result.ok:
            raise RuntimeError(f"Demo file {name} rejected: " + "; ".join(result.log.report_lines()))
        stdout.write(f"  observatoire : {name} ({result.rows} lignes)")


def load(stdout) -> None:
    from demo.loaders.observatory_pages import load_pages

    load_datasets(stdout)
    load_pages(stdout)
