"""Input–output tables: storing a validated table (kinds ``io-table`` and ``io-insee-a38``).

The files are read by :mod:`observatory.importers.input_output` and the kinds registered in
:mod:`observatory.importers.registry`, so that ``manage.py import_data io-table FILE`` and the admin
upload screen handle them with the same guarantees as every importer: the whole table or nothing,
``--dry-run``, a report naming each problem (file, line, column, value), a dataset version with
provenance, publication replacing the previous version of the same vintage, and the industry
figures recomputed after publication.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from observatory.importers.input_output import ParsedTable
from observatory.industry.parsers import INSEE_PARTS
from observatory.models import Dataset


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
            + (f", emploi fourni ({', '.join(sorted(stored.employment))})." if stored.employment
               else ", sans ligne d’emploi.")
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
