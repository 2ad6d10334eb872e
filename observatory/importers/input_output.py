"""Input–output tables (kinds ``io-table`` and ``io-insee-a38``): reading, before the industry service stores them.

- ``io-table``: a symmetric table in the UN handbook layout, as CSV (employment from its ``EMP-WS``
  row, if any) or as a ZIP holding that CSV and an employment file ``*employment*.txt``.
- ``io-insee-a38``: the INSEE A38 extraction as a ZIP of ``insee_a38_<year>_{tei,cpeb,ere,tess,branches}.csv``
  (see :func:`observatory.industry_import.read_insee_folder` to build one from a folder).

Pure Python (no Django): the numbers are checked by :mod:`observatory.industry.parsers`, which
decodes text like every other importer (:func:`observatory.importers.parsing.decode_bytes`).
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

from .parsing import FileRejected

#: ``InputOutputTable.layout`` values (the model's choices).
UN_HANDBOOK = "un-handbook"
INSEE_A38 = "insee-a38"

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
    for problem in problems:
        prefix = "" if problem.file == filename else f"{problem.file} : "
        log.add(problem.line, problem.column, problem.value, prefix + problem.message)
    raise FileRejected(log)


def _decode(raw: bytes, name: str, log) -> str:
    """Text of one file, decoded like every importer's (UTF-8, else Windows-1252); binary refused."""
    try:
        return decode(raw)
    except TableError:
        log.add(None, None, name, "le fichier n'est pas un texte UTF-8 ou Windows-1252 (UTF-16 ou fichier binaire ?)")
        raise FileRejected(log) from None


def _zip_members(raw: bytes, filename: str, log) -> dict[str, bytes]:
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
            log.add(None, None, ", ".join(sorted(members)), "l’archive doit contenir exactement un tableau CSV")
            raise FileRejected(log)
        table_name = tables[0]
        raw = members[table_name]
        if employment:
            employment_text = _decode(members[employment[0]], employment[0], log)
    try:
        table = parse_un_symmetric_table(_decode(raw, table_name, log), file=table_name, employment_text=employment_text)
    except TableError as error:
        _reject(log, error.problems, filename)
    yield ParsedTable(table, UN_HANDBOOK, year_from_name(table_name))


def parse_io_insee(stream: IO[bytes], filename: str, log, known) -> Iterator[ParsedTable]:
    """Kind ``io-insee-a38``: a ZIP of the five ``insee_a38_<year>_<part>.csv`` files."""
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
            files[match.group(2)] = _decode(content, name, log)
            years.add(int(match.group(1)))
    if len(years) > 1:
        log.add(None, None, ", ".join(str(y) for y in sorted(years)), "les fichiers mélangent plusieurs années")
        raise FileRejected(log)
    year = years.pop() if years else None
    try:
        table = parse_insee_a38(files, year=str(year or ""))
    except TableError as error:
        _reject(log, error.problems, filename)
    yield ParsedTable(table, INSEE_A38, year)


