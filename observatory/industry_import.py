"""Input–output tables in the observatory's import framework: kinds ``io-table`` and ``io-insee-a38``.

Registers two kinds with :mod:`observatory.importers.service` (called from ``ObservatoryConfig.ready``)
so that ``manage.py import_data io-table FILE`` and the admin upload screen handle them with the same
guarantees as every importer: the whole table or nothing, ``--dry-run``, a report naming each
problem (file, line, column, value), a dataset version with provenance, publication replacing the
previous version of the same vintage, and the industry figures recomputed after publication.

- ``io-table``: a symmetric table in the UN handbook layout, as CSV (employment from its ``EMP-WS``
  row, if any) or as a ZIP holding that CSV and an employment file ``*employment*.txt``.
- ``io-insee-a38``: the INSEE A38 extraction as a ZIP of ``insee_a38_<year>_{tei,cpeb,ere,tess,branches}.csv``
  (see :func:`read_insee_folder` to build one from a folder).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from observatory.industry.parsers import (
    INSEE_PARTS,
    SymmetricTable,
    TableError,
    decode,
    parse_insee_a38,
    parse_un_symmetric_table,
)
from observatory.models import Dataset, InputOutputTable
from observatory.models.industry import IO_INSEE_KIND, IO_TABLE_KIND

YEAR_IN_NAME = re.compile(r"(?<!\d)(19|20)(\d{2})(?!\d)")
MAX_ZIP_MEMBER_BYTES = 20 * 1024 * 1024  # a 38-branch table weighs a few dozen KB: refuse zip bombs


@dataclass
class ParsedTable:
    """One validated table and how to store it (the single "row" an IO file yields)."""

    table: SymmetricTable
    layout: str
    year: int | None
    line: int = 0


def year_from_name(name: str) -> int | None:
    match = YEAR_IN_NAME.search(Path(name).name)
    return int(match.group(0)) if match else None


def _reject(log, problems, filename: str):
    from observatory.importers.parsing import FileRejected

    for problem in problems:
        prefix = "" if problem.file == filename else f"{problem.file} : "
        log.add(problem.line, problem.column, problem.value, prefix + problem.message)
    raise FileRejected(log)


def _zip_members(raw: bytes, filename: str, log) -> dict[str, bytes]:
    from observatory.importers.parsing import FileRejected

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        log.add(None, None, filename, "archive ZIP illisible ou tronquée")
        raise FileRejected(log) from None
    members: dict[str, bytes] = {}
    for info in archive.infolist():
        if info.is_dir():
            continue
        if info.file_size > MAX_ZIP_MEMBER_BYTES:
            log.add(None, None, info.filename, "fichier trop volumineux dans l’archive")
            raise FileRejected(log)
        members[Path(info.filename).name] = archive.read(info)
    return members


def parse_io_table(stream: IO[bytes], filename: str, log, known) -> Iterator[ParsedTable]:
    """Kind ``io-table``: a UN-handbook layout CSV, or a ZIP with that CSV and an employment file."""
    raw = stream.read()
    employment_text = None
    table_name = filename
    if raw[:2] == b"PK":
        members = _zip_members(raw, filename, log)
        tables = [name for name in members if name.lower().endswith(".csv")]
        employment = [name for name in members if "employment" in name.lower() or "emploi" in name.lower()]
        tables = [name for name in tables if name not in employment]
        if len(tables) != 1:
            from observatory.importers.parsing import FileRejected

            log.add(None, None, ", ".join(sorted(members)), "l’archive doit contenir exactement un tableau CSV")
            raise FileRejected(log)
        table_name = tables[0]
        raw = members[table_name]
        if employment:
            employment_text = decode(members[employment[0]])
    try:
        table = parse_un_symmetric_table(decode(raw), file=table_name, employment_text=employment_text)
    except TableError as error:
        _reject(log, error.problems, filename)
    yield ParsedTable(table, InputOutputTable.Layout.UN_HANDBOOK, year_from_name(table_name))


def parse_io_insee(stream: IO[bytes], filename: str, log, known) -> Iterator[ParsedTable]:
    """Kind ``io-insee-a38``: a ZIP of the five ``insee_a38_<year>_<part>.csv`` files."""
    from observatory.importers.parsing import FileRejected

    raw = stream.read()
    if raw[:2] != b"PK":
        log.add(None, None, filename,
                "archive ZIP attendue, contenant insee_a38_<année>_{tei,cpeb,ere,tess,branches}.csv")
        raise FileRejected(log)
    members = _zip_members(raw, filename, log)
    files: dict[str, str] = {}
    years: set[int] = set()
    for name, content in members.items():
        match = re.fullmatch(r"insee_a38_(\d{4})_([a-z]+)\.csv", name.lower())
        if match and match.group(2) in INSEE_PARTS:
            files[match.group(2)] = decode(content)
            years.add(int(match.group(1)))
    if len(years) > 1:
        log.add(None, None, ", ".join(str(y) for y in sorted(years)), "les fichiers mélangent plusieurs années")
        raise FileRejected(log)
    year = years.pop() if years else None
    try:
        table = parse_insee_a38(files, year=str(year or ""))
    except TableError as error:
        _reject(log, error.problems, filename)
    yield ParsedTable(table, InputOutputTable.Layout.INSEE_A38, year)


def write_io_table(rows: Iterator[ParsedTable], dataset: Dataset, result) -> None:
    """Store the validated table with its coefficients, Leontief inverse and multipliers."""
    from observatory.industry_service import store_io_table

    for parsed in rows:
        year = parsed.year or dataset.vintage
        if year is None:
            result.log.add(None, None, result.filename, "année introuvable : mettez-la dans le nom du fichier "
                                                       "(ex. tableau_2018.csv) ou passez --vintage")
            return
        if dataset.vintage is None:
            dataset.vintage = year
        stored = store_io_table(parsed.table, dataset, parsed.layout, year)
        result.rows = len(stored.codes)
        multipliers = stored.output_multipliers
        result.notes.append(
            f"Tableau symétrique de {len(stored.codes)} branches ({stored.unit}), année {year} : "
            f"multiplicateurs de production de {min(multipliers):.3f} à {max(multipliers):.3f}"
            + (", emploi fourni." if stored.employment else ", sans emploi.")
        )


def read_insee_folder(folder: Path, year: int = 2018) -> io.BytesIO:
    """A ZIP (in memory) of the five INSEE A38 files of ``folder``, ready for kind ``io-insee-a38``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in INSEE_PARTS:
            name = f"insee_a38_{year}_{part}.csv"
            archive.write(folder / name, name)
    buffer.seek(0)
    return buffer


def register_kinds() -> None:
    """Add the input–output kinds to the import service (idempotent)."""
    from observatory.importers import service

    service.KINDS.setdefault(IO_TABLE_KIND, service.KindInfo(
        # Any publisher's table: its licence and address are given at import (no default licence).
        "Tableau entrées-sorties symétrique", "Tableau entrées-sorties", "", "", "", parse_io_table))
    service.KINDS.setdefault(IO_INSEE_KIND, service.KindInfo(
        "Tableau entrées-sorties INSEE A38", "Insee, comptes nationaux (TES)", "Insee", "Licence Ouverte / Etalab 2.0",
        "https://www.insee.fr/fr/statistiques/series/102328617", parse_io_insee))
    service.WRITERS.setdefault(IO_TABLE_KIND, write_io_table)
    service.WRITERS.setdefault(IO_INSEE_KIND, write_io_table)
    service.COMPARISON.setdefault(IO_TABLE_KIND, (InputOutputTable, ("year",), ("flows", "output")))
    service.COMPARISON.setdefault(IO_INSEE_KIND, (InputOutputTable, ("year",), ("flows", "output")))
