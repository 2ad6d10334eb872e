"""The import service: one file in, one dataset version out — all or nothing.

Used by ``manage.py import_data`` and by the admin upload screen alike. Every import runs in
one database transaction: a file with any problem, or a dry run, rolls everything back.
Rows are written in batches while the file is read, so memory stays flat on large files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from observatory.models import (
    NOMENCLATURE_KINDS,
    Dataset,
    DatasetKind,
    DatasetStatus,
    Employment,
    FapFamily,
    HiringProjects,
    NafActivity,
    OccupationStats,
    RomeFapLink,
    RomeOccupation,
    TensionIndicator,
    Territory,
)
from observatory.tension import family_for_qualified_jobseeker

from . import formats
from .parsing import SECRET, FileRejected, ProblemLog

BATCH_SIZE = 2000

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


@dataclass(frozen=True)
class KindInfo:
    """What a kind of file is and where it officially comes from (defaults for the dataset's provenance)."""

    title: str
    source: str
    publisher: str
    licence: str
    source_url: str
    parser: Callable[..., Iterator[Any]]


KINDS: dict[str, KindInfo] = {
    DatasetKind.TERRITORIES: KindInfo("Code officiel géographique", "Insee, COG", "Insee",
                                      "Licence Ouverte / Etalab 2.0",
                                      "https://www.insee.fr/fr/information/2560452", formats.parse_territories),
    DatasetKind.ROME: KindInfo("Référentiel des métiers ROME", "France Travail, ROME", "France Travail",
                               "Licence Ouverte / Etalab 2.0",
                               "https://www.francetravail.org/opendata/repertoire-operationnel-des-meti.html",
                               formats.parse_rome),
    DatasetKind.ROME_RIASEC: KindInfo("Codes RIASEC des métiers ROME", "France Travail, ROME", "France Travail",
                                      "Licence Ouverte / Etalab 2.0",
                                      "https://www.francetravail.org/opendata/repertoire-operationnel-des-meti.html",
                                      formats.parse_rome_riasec),
    DatasetKind.FAP: KindInfo("Nomenclature des familles professionnelles FAP 2009", "Dares, FAP 2009", "Dares",
                              "Licence Ouverte / Etalab 2.0",
                              "https://dares.travail-emploi.gouv.fr/donnees/la-nomenclature-des-familles-professionnelles-fap-2009",
                              formats.parse_fap),
    DatasetKind.FAP_ROME: KindInfo("Correspondance FAP 2009 ↔ ROME", "Dares, FAP 2009", "Dares",
                                   "Licence Ouverte / Etalab 2.0",
                                   "https://dares.travail-emploi.gouv.fr/donnees/la-nomenclature-des-familles-professionnelles-fap-2009",
                                   formats.parse_fap_rome),
    DatasetKind.NAF: KindInfo("Nomenclature d'activités française NAF rév. 2", "Insee, NAF rév. 2", "Insee",
                              "Licence Ouverte / Etalab 2.0",
                              "https://www.insee.fr/fr/information/2406147", formats.parse_naf),
    DatasetKind.TENSION: KindInfo("Les tensions sur le marché du travail", "Dares, France Travail", "Dares",
                                  "Licence Ouverte / Etalab 2.0",
                                  "https://dares.travail-emploi.gouv.fr/donnees/les-tensions-sur-le-marche-du-travail",
                                  formats.parse_tension),
    DatasetKind.BMO: KindInfo("Enquête Besoins en main-d'œuvre", "France Travail, enquête BMO", "France Travail",
                              "Licence Ouverte / Etalab 2.0", "https://statistiques.francetravail.org/bmo",
                              formats.parse_bmo),
    DatasetKind.EMPLOYMENT: KindInfo("Emploi salarié par activité", "Urssaf, Insee", "Urssaf",
                                     "Licence Ouverte / Etalab 2.0", "https://open.urssaf.fr/",
                                     formats.parse_employment),
    DatasetKind.OCCUPATION_STATS: KindInfo("Portrait statistique des métiers", "Dares, Insee (enquête Emploi)",
                                           "Dares", "Licence Ouverte / Etalab 2.0",
                                           "https://dares.travail-emploi.gouv.fr/publication/portraits-statistiques-des-metiers",
                                           formats.parse_occupation_stats),
}


@dataclass
class ImportResult:
    """What an import did (or, in a dry run, would do), and every problem found."""

    kind: str
    filename: str
    log: ProblemLog
    dry_run: bool = False
    dataset: Dataset | None = None
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    replaced: Dataset | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.log.ok

    def summary_lines(self) -> list[str]:
        """The outcome in French, one line each (printed by the command, shown by the admin screen)."""
        if not self.ok:
            return [f"Fichier refusé : {self.log.count} problème(s). Rien n'a été modifié.",
                    *self.log.report_lines()]
        verb = "serait" if self.dry_run else "a été"
        lines = [f"{self.rows} ligne(s) valide(s) lue(s) dans {self.filename}."]
        if self.kind in NOMENCLATURE_KINDS:
            lines.append(f"Nomenclature : {self.created} ajout(s), {self.updated} modification(s), "
                         f"{self.unchanged} inchangé(s), {self.removed} retrait(s).")
        else:
            lines.append(f"Par rapport à la version publiée : {self.created} nouvelle(s) valeur(s), "
                         f"{self.updated} valeur(s) modifiée(s), {self.unchanged} identique(s), "
                         f"{self.removed} disparue(s).")
        if self.dataset is not None:
            status = self.dataset.get_status_display()
            lines.append(f"Version n° {self.dataset.pk} (millésime {self.dataset.vintage or '—'}) {verb} "
                         f"enregistrée, statut : {status}.")
        if self.replaced is not None:
            lines.append(f"La version n° {self.replaced.pk} {verb} archivée (conservée pour audit et retour arrière).")
        lines.extend(self.notes)
        if self.log.warning_count:
            lines.append(f"{self.log.warning_count} ligne(s) ignorée(s) :")
            lines.extend(f"  {warning}" for warning in self.log.warnings)
            if self.log.warning_count > len(self.log.warnings):
                lines.append(f"  … et {self.log.warning_count - len(self.log.warnings)} autre(s).")
        if self.dry_run:
            lines.append("Simulation (--dry-run) : rien n'a été enregistré.")
        return lines


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


def load_known() -> formats.Known:
    """Codes already in the database, loaded once per import (a few thousand strings)."""
    return formats.Known(
        territories=set(Territory.objects.values_list("key", flat=True)),
        rome=set(RomeOccupation.objects.values_list("code", flat=True)),
        fap=dict(FapFamily.objects.values_list("code", "level")),
        naf=set(NafActivity.objects.filter(level=NafActivity.Level.SUBCLASS).values_list("code", flat=True)),
    )


def run_import(kind: str, stream: IO[bytes], filename: str, *, user=None, publish: bool = False,
               dry_run: bool = False, title: str = "", source: str = "", vintage: int | None = None,
               synthetic: bool = False, public: bool = True, publisher: str | None = None,
               licence: str | None = None, source_url: str | None = None,
               progress: ProgressCallback | None = None) -> ImportResult:
    """Import one file of ``kind``: validate every row and write all of it, or nothing.

    Nomenclature kinds update the reference tables directly (their version is published at
    once); indicator kinds create a new draft version, published if ``publish``. ``synthetic``
    marks generated or estimated figures (``Dataset.synthetic``); ``public=False`` a reference or
    test table kept out of the site and the API. ``publisher``, ``licence`` and ``source_url``
    replace the kind's defaults: each dataset carries its own publisher's licence and address.
    ``progress`` is told every :data:`PROGRESS_EVERY` rows read and at each later stage (the
    background imports show it; see :mod:`observatory.import_jobs`).
    """
    if kind not in KINDS:
        raise ValueError(f"type inconnu : {kind}")
    info = KINDS[kind]
    log = ProblemLog()
    result = ImportResult(kind=kind, filename=filename, log=log, dry_run=dry_run)
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
            rows = info.parser(reader, filename, log, load_known())
            if progress is not None:
                rows = _reporting(rows, progress)
            WRITERS[kind](rows, dataset, result)
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
    """Make ``dataset`` the published version of its kind and vintage; archive the previous one.

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
        previous = (Dataset.objects.select_for_update()
                    .filter(kind=dataset.kind, vintage=dataset.vintage, status=DatasetStatus.PUBLISHED)
                    .exclude(pk=dataset.pk).order_by("-published_at").first())
        Dataset.objects.filter(kind=dataset.kind, vintage=dataset.vintage, status=DatasetStatus.PUBLISHED) \
            .exclude(pk=dataset.pk).update(status=DatasetStatus.REPLACED)
        dataset.status = DatasetStatus.PUBLISHED
        dataset.published_at = timezone.now()
        if previous is not None and dataset.supersedes_id is None and previous.pk != dataset.pk:
            dataset.supersedes = previous
        dataset.save(update_fields=["status", "published_at", "supersedes"])
        rebuild_after_publication(dataset.kind)
    return previous


# --- Writers: one per kind ---------------------------------------------------------------------


def _upsert(model: type[models.Model], rows: Iterable[tuple[str, dict[str, Any]]], key_field: str,
            result: ImportResult, into: dict | None = None) -> dict[str, models.Model]:
    """Create or update nomenclature rows by natural key; returns (and fills ``into``) every object by key."""
    existing = into if into is not None else {}
    existing.update({getattr(obj, key_field): obj for obj in model.objects.all()})
    for key, values in rows:
        result.rows += 1
        obj = existing.get(key)
        if obj is None:
            obj = model.objects.create(**{key_field: key}, **values)
            existing[key] = obj
            result.created += 1
        elif any(getattr(obj, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(obj, name, value)
            obj.save()
            result.updated += 1
        else:
            result.unchanged += 1
    return existing


def write_territories(rows: Iterator[formats.TerritoryRow], dataset: Dataset, result: ImportResult) -> None:
    stored: dict[str, Territory] = {}

    def values() -> Iterator[tuple[str, dict[str, Any]]]:
        for row in rows:
            # Parents come before their children (in the file or already stored).
            parent = stored.get(row.parent_key) if row.parent_key else None
            yield row.key, {"level": row.level, "code": row.code, "name": row.name, "parent": parent}

    _upsert(Territory, values(), "key", result, into=stored)


def write_rome(rows: Iterator[formats.RomeRow], dataset: Dataset, result: ImportResult) -> None:
    _upsert(RomeOccupation, ((row.code, {"label": row.label, "domain": row.domain}) for row in rows), "code", result)


def write_rome_riasec(rows: Iterator[formats.RiasecRow], dataset: Dataset, result: ImportResult) -> None:
    existing = {obj.code: obj for obj in RomeOccupation.objects.all()}
    for row in rows:
        result.rows += 1
        obj = existing[row.code]
        if (obj.riasec_major, obj.riasec_minor) == (row.major, row.minor):
            result.unchanged += 1
            continue
        obj.riasec_major, obj.riasec_minor = row.major, row.minor
        obj.save(update_fields=["riasec_major", "riasec_minor"])
        result.updated += 1


def write_fap(rows: Iterator[formats.FapRow], dataset: Dataset, result: ImportResult) -> None:
    stored: dict[str, FapFamily] = {f.code: f for f in FapFamily.objects.all()}

    def values() -> Iterator[tuple[str, dict[str, Any]]]:
        for row in rows:
            yield row.code, {"label": row.label, "level": row.level,
                             "parent": stored.get(row.parent_code) if row.parent_code else None}

    # _upsert returns its own map; parents come before children in the file, so refresh as we go.
    existing = {getattr(obj, "code"): obj for obj in FapFamily.objects.all()}  # noqa: B009
    for code, fields in values():
        result.rows += 1
        obj = existing.get(code)
        if obj is None:
            obj = FapFamily.objects.create(code=code, **fields)
            result.created += 1
        elif any(getattr(obj, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(obj, name, value)
            obj.save()
            result.updated += 1
        else:
            result.unchanged += 1
        existing[code] = stored[code] = obj


def write_fap_rome(rows: Iterator[formats.FapRomeRow], dataset: Dataset, result: ImportResult) -> None:
    """The crosswalk is replaced as a whole: pairs absent from the new file are removed, and each
    ROME code's default family (the one a qualified job-seeker is counted in) is marked again."""
    rome_ids = dict(RomeOccupation.objects.values_list("code", "pk"))
    fap_ids = dict(FapFamily.objects.values_list("code", "pk"))
    current = {(link.rome_id, link.fap_id): link for link in RomeFapLink.objects.all()}
    wanted: dict[tuple[int, int], str] = {}
    links_by_rome: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        result.rows += 1
        wanted[(rome_ids[row.rome], fap_ids[row.fap])] = row.qualifications
        links_by_rome.setdefault(row.rome, []).append((row.fap, row.qualifications))
    defaults = {(rome_ids[rome], fap_ids[family_for_qualified_jobseeker(links)])
                for rome, links in links_by_rome.items()}
    added, changed = [], []
    for key, qualifications in wanted.items():
        link = current.get(key)
        is_default = key in defaults
        if link is None:
            added.append(RomeFapLink(rome_id=key[0], fap_id=key[1], qualifications=qualifications,
                                     is_default=is_default))
        elif (link.qualifications, link.is_default) != (qualifications, is_default):
            link.qualifications, link.is_default = qualifications, is_default
            changed.append(link)
    gone = [link.pk for key, link in current.items() if key not in wanted]
    RomeFapLink.objects.bulk_create(added, batch_size=BATCH_SIZE)
    RomeFapLink.objects.bulk_update(changed, ["qualifications", "is_default"], batch_size=BATCH_SIZE)
    RomeFapLink.objects.filter(pk__in=gone).delete()
    result.created, result.updated, result.removed = len(added), len(changed), len(gone)
    result.unchanged = len(wanted) - len(added) - len(changed)


def write_naf(rows: Iterator[formats.NafRow], dataset: Dataset, result: ImportResult) -> None:
    existing = {obj.code: obj for obj in NafActivity.objects.all()}
    for row in rows:
        result.rows += 1
        fields = {"label": row.label[:250], "level": row.level, "a38": row.a38,
                  "parent": existing.get(row.parent_code) if row.parent_code else None}
        obj = existing.get(row.code)
        if obj is None:
            existing[row.code] = NafActivity.objects.create(code=row.code, **fields)
            result.created += 1
        elif any(getattr(obj, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(obj, name, value)
            obj.save()
            result.updated += 1
        else:
            result.unchanged += 1


def insert_rows(model: type[models.Model], fields: list[str], rows: Iterable[tuple]) -> None:
    """Insert value tuples with one ``executemany`` (no model instances: ~20× faster than bulk_create)."""
    connection = transaction.get_connection()
    quote = connection.ops.quote_name
    columns = [model._meta.get_field(name).column for name in fields]
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608 (identifiers from model metadata, quoted; values are parameters)
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(rows))


def _insert_in_batches(model: type[models.Model], fields: list[str], items: Iterable[tuple[int, tuple]],
                       result: ImportResult, describe: Callable[[tuple], str]) -> None:
    """Insert ``(line, values)`` pairs in batches; a duplicate key is reported at its line.

    The unique constraint of the row table finds duplicates without keeping every key in
    memory: a batch that violates it is retried row by row to name the offending lines.
    """
    batch: list[tuple[int, tuple]] = []

    def flush() -> None:
        if not batch:
            return
        try:
            with transaction.atomic():
                insert_rows(model, fields, (values for _, values in batch))
        except IntegrityError:
            for line, values in batch:
                try:
                    with transaction.atomic():
                        insert_rows(model, fields, [values])
                except IntegrityError:
                    result.log.add(line or None, None, describe(values),
                                   "ligne en double : la même clé figure plus haut dans le fichier")
        batch.clear()

    for line, values in items:
        result.rows += 1
        batch.append((line, values))
        if len(batch) >= BATCH_SIZE:
            flush()
    flush()


def _track_vintage(dataset: Dataset, year: int) -> None:
    if dataset.vintage is None or year > dataset.vintage:
        dataset.vintage = year


TENSION_FIELDS = ["dataset", "fap", "territory", "year", "employment", "score", "level",
                  *(name for name, _ in formats.COMPLEMENTARY)]


def write_tension(rows: Iterator[formats.TensionRow], dataset: Dataset, result: ImportResult) -> None:
    fap_ids = dict(FapFamily.objects.values_list("code", "pk"))
    territory_ids = dict(Territory.objects.values_list("key", "pk"))
    codes = {pk: code for code, pk in fap_ids.items()}
    places = {pk: key for key, pk in territory_ids.items()}

    def values() -> Iterator[tuple[int, tuple]]:
        for row in rows:
            _track_vintage(dataset, row.year)
            yield row.line, (dataset.pk, fap_ids[row.fap], territory_ids[row.territory], row.year, row.employment,
                             row.score, row.level, *row.complementary)

    _insert_in_batches(TensionIndicator, TENSION_FIELDS, values(), result,
                       lambda v: f"{codes[v[1]]} / {places[v[2]]} / {v[3]}")


def write_bmo(rows: Iterator[formats.BmoRow], dataset: Dataset, result: ImportResult) -> None:
    fap_ids = dict(FapFamily.objects.values_list("code", "pk"))
    territory_ids = dict(Territory.objects.values_list("key", "pk"))
    source_rows = 0

    def counted() -> Iterator[formats.BmoRow]:
        nonlocal source_rows
        for row in rows:
            source_rows += 1
            _track_vintage(dataset, row.year)
            yield row

    totals = formats.aggregate_bmo(counted())
    fields = ["dataset", "territory", "year", "occupation_code", "occupation_label", "fap", "projects", "difficult",
              "seasonal", "has_secret"]
    values = (
        (0, (dataset.pk, territory_ids[territory], year, code, total.label[:200], fap_ids.get(code), total.projects,
             total.difficult, total.seasonal, total.has_secret))
        for (territory, code, year), total in totals.items()
    )
    _insert_in_batches(HiringProjects, fields, values, result, lambda v: v[3])
    result.notes.append(f"{source_rows} ligne(s) par bassin agrégée(s) en {result.rows} total(aux) "
                        "par département, région et France (cases secrètes « * » exclues des sommes).")


def write_employment(rows: Iterator[formats.EmploymentRow], dataset: Dataset, result: ImportResult) -> None:
    naf_ids = dict(NafActivity.objects.filter(level=NafActivity.Level.SUBCLASS).values_list("code", "pk"))
    territory_ids = dict(Territory.objects.values_list("key", "pk"))
    codes = {pk: code for code, pk in naf_ids.items()}
    places = {pk: key for key, pk in territory_ids.items()}

    def values() -> Iterator[tuple[int, tuple]]:
        for row in rows:
            _track_vintage(dataset, row.year)
            secret = row.employees is SECRET
            yield row.line, (dataset.pk, naf_ids[row.naf], territory_ids[row.territory], row.year,
                             None if secret else row.employees, secret)

    _insert_in_batches(Employment, ["dataset", "naf", "territory", "year", "employees", "is_secret"], values(), result,
                       lambda v: f"{codes[v[1]]} / {places[v[2]]} / {v[3]}")


def write_occupation_stats(rows: Iterator[formats.OccupationStatRow], dataset: Dataset,
                           result: ImportResult) -> None:
    fap_ids = dict(FapFamily.objects.values_list("code", "pk"))

    def values() -> Iterator[tuple[int, tuple]]:
        for row in rows:
            _track_vintage(dataset, formats.period_end_year(row.period))
            yield row.line, (dataset.pk, fap_ids[row.fap], row.indicator, row.dimension, row.dimension_label,
                             row.period, row.value, row.unit)

    _insert_in_batches(OccupationStats, ["dataset", "fap", "indicator", "dimension", "dimension_label", "period",
                                         "value", "unit"], values(), result,
                       lambda v: f"{v[1]} / {v[2]} / {v[3]} / {v[5]}")


WRITERS: dict[str, Callable[[Iterator[Any], Dataset, ImportResult], None]] = {
    DatasetKind.TERRITORIES: write_territories,
    DatasetKind.ROME: write_rome,
    DatasetKind.ROME_RIASEC: write_rome_riasec,
    DatasetKind.FAP: write_fap,
    DatasetKind.FAP_ROME: write_fap_rome,
    DatasetKind.NAF: write_naf,
    DatasetKind.TENSION: write_tension,
    DatasetKind.BMO: write_bmo,
    DatasetKind.EMPLOYMENT: write_employment,
    DatasetKind.OCCUPATION_STATS: write_occupation_stats,
}

#: For the dry-run comparison: the row model, its natural key and its value fields, per kind.
COMPARISON: dict[str, tuple[type[models.Model], tuple[str, ...], tuple[str, ...]]] = {
    DatasetKind.TENSION: (TensionIndicator, ("fap_id", "territory_id", "year"),
                          ("employment", "score", "level", "hiring_intensity", "training_link", "lack_of_workforce",
                           "non_durable_employment", "working_conditions", "geographic_mismatch")),
    DatasetKind.BMO: (HiringProjects, ("territory_id", "occupation_code", "year"),
                      ("projects", "difficult", "seasonal", "has_secret")),
    DatasetKind.EMPLOYMENT: (Employment, ("naf_id", "territory_id", "year"), ("employees", "is_secret")),
    DatasetKind.OCCUPATION_STATS: (OccupationStats, ("fap_id", "indicator", "dimension", "period"), ("value",)),
}


TEXT_KEYED = frozenset({DatasetKind.BMO, DatasetKind.OCCUPATION_STATS})


def _compare_with_published(dataset: Dataset, result: ImportResult) -> None:
    """Count new, changed, identical and vanished values against the published version.

    A merge of both versions read in key order, as streams: two queries, flat memory.
    """
    previous = Dataset.objects.filter(kind=dataset.kind, vintage=dataset.vintage,
                                      status=DatasetStatus.PUBLISHED).exclude(pk=dataset.pk).first()
    if previous is None:
        result.created, result.updated, result.unchanged, result.removed = result.rows, 0, 0, 0
        return
    model, keys, values = COMPARISON[dataset.kind]
    width = len(keys)

    def stream(version: Dataset) -> Iterator[tuple]:
        return model.objects.filter(dataset=version).order_by(*keys).values_list(*keys, *values).iterator(
            chunk_size=BATCH_SIZE)

    created = updated = unchanged = removed = 0
    if dataset.kind in TEXT_KEYED:
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
