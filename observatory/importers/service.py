"""The import service: one file in, one dataset version out — all or nothing.

Used by ``manage.py import_data`` and by the admin upload screen alike. Every import runs in
one database transaction: a file with any problem, or a dry run, rolls everything back.
Rows are written in batches while the file is read, so memory stays flat on large files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from typing import IO, Any

from django.db import connection, transaction
from django.utils import timezone

from observatory.models import (
    NOMENCLATURE_KINDS,
    Dataset,
    DatasetStatus,
    FapFamily,
    NafActivity,
    Rome4Occupation,
    RomeOccupation,
    Territory,
)

from .common import Known
from .parsing import FileRejected, ProblemLog
from .registry import IMPORT_KINDS, import_kind
from .writing import BATCH_SIZE, ImportResult, insert_rows

__all__ = ["BATCH_SIZE", "IMPORT_KINDS", "ImportResult", "insert_rows", "publish_dataset", "run_import"]

#: Rows read between two progress reports: one to three seconds of reading (7 000 to 15 000 rows/s,
#: bench/README.md « tension »).
PROGRESS_EVERY = 20_000

# Stages reported to a progress callback, shown as they are to the statistician.
STAGE_READING = "Lecture et vérification des lignes"
STAGE_COMPARING = "Comparaison avec la version publiée"
STAGE_PUBLISHING = "Publication et recalcul des résultats dérivés"

#: ``progress(stage, rows_read)``: told where an import stands. It may raise to stop the import
#: (everything is then rolled back, as for a refused file).
ProgressCallback = Callable[[str, int], None]


class _HashingReader:
    """A read-only binary stream that computes the SHA-256 of what passes through it."""

    def __init__(self, stream: IO[bytes]):
        self._stream = stream
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self._stream.read(size)
        self.sha256.update(chunk)
        return chunk

    def tell(self) -> int:
        return self._stream.tell()

    def seek(self, position: int, whence: int = 0) -> int:
        # Parsers peek at the header then rewind to the start: restart the hash with them.
        result = self._stream.seek(position, whence)
        if self._stream.tell() == 0:
            self.sha256 = hashlib.sha256()
        return result

    def readable(self) -> bool:
        return True


class _Rollback(Exception):
    pass


def load_known() -> Known:
    """Codes already in the database, loaded once per import (a few thousand strings)."""
    return Known(
        territories=set(Territory.objects.values_list("key", flat=True)),
        rome=set(RomeOccupation.objects.values_list("code", flat=True)),
        rome4=set(Rome4Occupation.objects.values_list("code", flat=True)),
        fap=dict(FapFamily.objects.values_list("code", "level")),
        naf=set(NafActivity.objects.filter(level=NafActivity.Level.SUBCLASS).values_list("code", flat=True)),
    )


def run_import(kind: str, stream: IO[bytes], filename: str, *, user=None, publish: bool = False,
               dry_run: bool = False, title: str = "", source: str = "", vintage: int | None = None,
               synthetic: bool = False, public: bool = True, publisher: str | None = None,
               licence: str | None = None, source_url: str | None = None,
               progress: ProgressCallback | None = None,
               filters: dict[str, str] | None = None) -> ImportResult:
    """Import one file of ``kind``: validate every row and write all of it, or nothing.

    Nomenclature kinds update the reference tables directly (their version is published at
    once); indicator kinds create a new draft version, published if ``publish``. ``synthetic``
    marks generated or estimated figures (``Dataset.synthetic``); ``public=False`` a reference or
    test table kept out of the site and the API. ``publisher``, ``licence`` and ``source_url``
    replace the kind's defaults: each dataset carries its own publisher's licence and address.
    ``progress`` is told every :data:`PROGRESS_EVERY` rows read and at each later stage (the
    background imports show it; see :mod:`observatory.import_jobs`). ``filters`` keeps only some
    rows (``{"region": "32"}``): only those the kind declares (``ImportKind.filters``) are accepted.
    """
    try:
        info = import_kind(kind)
    except KeyError:
        raise ValueError(f"type inconnu : {kind}") from None
    filters = {name: value for name, value in (filters or {}).items() if value not in (None, "")}
    unknown = set(filters) - set(info.filters)
    if unknown:
        raise ValueError(f"filtre(s) non prévu(s) pour le type {kind} : {', '.join(sorted(unknown))}")
    log = ProblemLog()
    result = ImportResult(kind=kind, filename=filename, log=log, dry_run=dry_run, filters=filters)
    reader = _HashingReader(stream)
    try:
        with transaction.atomic():
            dataset = Dataset.objects.create(
                kind=kind, title=title or info.title, source=source or info.source,
                publisher=info.publisher if publisher is None else publisher,
                licence=info.licence if licence is None else licence,
                source_url=info.source_url if source_url is None else source_url,
                original_filename=filename[:255], checksum="", public=public,
                imported_by=user if user is not None and user.is_authenticated else None, vintage=vintage,
                synthetic=synthetic,
            )
            result.dataset = dataset
            rows = info.parser(reader, filename, log, load_known(), **filters)
            if progress is not None:
                rows = _reporting(rows, progress)
            info.writer(rows, dataset, result)
            while reader.read(1024 * 1024):  # the checksum covers the whole file, even unread trailing bytes
                pass
            if not log.ok:
                raise _Rollback
            dataset.checksum = reader.sha256.hexdigest()
            dataset.row_count = result.rows
            if vintage is not None:
                dataset.vintage = vintage
            dataset.summary = "\n".join(result.summary_lines())[:5000]
            dataset.save()
            if kind not in NOMENCLATURE_KINDS:
                if progress is not None:
                    progress(STAGE_COMPARING, dataset.row_count)
                _compare_with_published(dataset, result)
            if publish or kind in NOMENCLATURE_KINDS:
                if progress is not None:
                    progress(STAGE_PUBLISHING, dataset.row_count)
                result.replaced = publish_dataset(dataset)
            dataset.summary = "\n".join(result.summary_lines())[:5000]
            dataset.save(update_fields=["summary"])
            if dry_run:
                raise _Rollback
    except FileRejected:
        result.dataset = None
    except _Rollback:
        if not log.ok:
            result.dataset = None
    return result


def _reporting(rows: Iterator[Any], progress: ProgressCallback) -> Iterator[Any]:
    """``rows`` unchanged, telling ``progress`` how many were read every :data:`PROGRESS_EVERY` rows."""
    count = 0
    progress(STAGE_READING, 0)
    for row in rows:
        yield row
        count += 1
        if count % PROGRESS_EVERY == 0:
            progress(STAGE_READING, count)
    progress(STAGE_READING, count)


#: Key of the PostgreSQL advisory lock that serialises publications (any constant the project
#: uses for nothing else; it shows in pg_locks while a publication runs).
PUBLICATION_LOCK_KEY = 0x1DA_0B11


def _lock_publications() -> None:
    """Serialise publications until the transaction ends.

    Two statisticians publishing at once (two vintages of one kind, or two kinds whose derived
    tables are rebuilt together) would otherwise both archive « the previous version » and both
    rebuild the derived rows: the second failed with an IntegrityError and the « remplace la
    version » chain broke. PostgreSQL: a transaction-level advisory lock. SQLite already serialises
    writing transactions.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [PUBLICATION_LOCK_KEY])


def publish_dataset(dataset: Dataset, user=None) -> Dataset | None:
    """Make ``dataset`` the published version of its publication; archive the previous one.

    A publication is a kind, a series and (except for cumulative kinds) a vintage:
    :meth:`Dataset.publication_scope`. Publishing the DARES share of women leaves the published
    median salaries alone; publishing a newer salaries file archives only the older salaries.

    Used for a new import and for a rollback (publishing an archived version again). Derived
    results are rebuilt and caches invalidated once the transaction commits.
    """
    from observatory.importers.derived import rebuild_after_publication

    with transaction.atomic():
        _lock_publications()
        if dataset.kind in NOMENCLATURE_KINDS:
            # Nomenclature files add up (regions, then départements…): each stays published as provenance.
            dataset.status = DatasetStatus.PUBLISHED
            dataset.published_at = timezone.now()
            dataset.save(update_fields=["status", "published_at"])
            rebuild_after_publication(dataset.kind)
            return None
        peers = _published_peers(dataset)
        previous = peers.select_for_update().order_by("-published_at").first()
        peers.update(status=DatasetStatus.REPLACED)
        dataset.status = DatasetStatus.PUBLISHED
        dataset.published_at = timezone.now()
        if previous is not None and dataset.supersedes_id is None and previous.pk != dataset.pk:
            dataset.supersedes = previous
        dataset.save(update_fields=["status", "published_at", "supersedes"])
        rebuild_after_publication(dataset.kind)
    return previous


def _published_peers(dataset: Dataset):
    """The published versions that ``dataset`` would replace (same publication scope), itself excluded."""
    return Dataset.objects.filter(**dataset.publication_scope(), status=DatasetStatus.PUBLISHED).exclude(pk=dataset.pk)


def _compare_with_published(dataset: Dataset, result: ImportResult) -> None:
    """Count new, changed, identical and vanished values against the published version it would replace.

    A merge of both versions read in key order, as streams: two queries, flat memory.
    """
    previous = _published_peers(dataset).order_by("-published_at").first()
    if previous is None:
        result.created, result.updated, result.unchanged, result.removed = result.rows, 0, 0, 0
        return
    comparison = import_kind(dataset.kind).comparison
    if comparison is None:
        return
    model, keys, values = comparison.model, comparison.keys, comparison.values
    width = len(keys)

    def stream(version: Dataset) -> Iterator[tuple]:
        return model.objects.filter(dataset=version).order_by(*keys).values_list(*keys, *values).iterator(
            chunk_size=BATCH_SIZE)

    created = updated = unchanged = removed = 0
    if comparison.text_keyed:
        # Text keys sort differently in SQL collations and in Python: compare through a dict instead
        # (these kinds are bounded by the nomenclatures' size, not by the file's).
        old_values = {row[:width]: row[width:] for row in stream(previous)}
        for row in stream(dataset):
            before = old_values.pop(row[:width], None)
            if before is None:
                created += 1
            elif before == row[width:]:
                unchanged += 1
            else:
                updated += 1
        result.created, result.updated, result.unchanged, result.removed = created, updated, unchanged, len(old_values)
        result.notes.append(f"Comparaison avec la version publiée n° {previous.pk} ({previous.row_count} ligne(s)).")
        return
    new_rows, old_rows = stream(dataset), stream(previous)
    new, old = next(new_rows, None), next(old_rows, None)
    while new is not None or old is not None:
        if old is None or (new is not None and new[:width] < old[:width]):
            created += 1
            new = next(new_rows, None)
        elif new is None or old[:width] < new[:width]:
            removed += 1
            old = next(old_rows, None)
        else:
            if new[width:] == old[width:]:
                unchanged += 1
            else:
                updated += 1
            new, old = next(new_rows, None), next(old_rows, None)
    result.created, result.updated, result.unchanged, result.removed = created, updated, unchanged, removed
    result.notes.append(f"Comparaison avec la version publiée n° {previous.pk} ({previous.row_count} ligne(s)).")
