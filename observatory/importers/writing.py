"""Writing validated rows: one writer per kind of file, and what an import reports (:class:`ImportResult`).

Writers take the rows a source module's parser yields and store them in the dataset being
imported (nomenclatures are upserted, indicator rows inserted in batches with ``executemany``).
Called by :func:`observatory.importers.service.run_import` inside its transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from django.db import IntegrityError, connection, models, transaction

from observatory.models import (
    NOMENCLATURE_KINDS,
    BmoOccupation,
    Dataset,
    Employment,
    Fap2021Family,
    FapFamily,
    HiringProjects,
    NafActivity,
    OccupationStats,
    RomeFapLink,
    RomeOccupation,
    TensionIndicator,
    Territory,
    TerritoryLevel,
)
from observatory.tension import family_for_qualified_jobseeker

from . import (
    bmo,
    employment,
    fap,
    inserjeunes,
    naf,
    occupation_stats,
    rome,
    rome_mobility,
    tension,
    territories,
    unemployment,
    urssaf,
    zones_emploi,
)
from .parsing import SECRET, ProblemLog

BATCH_SIZE = 2000


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
    #: Row filters the import ran with (``{"region": "32"}``), empty for the whole file.
    filters: dict[str, str] = field(default_factory=dict)

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



# --- Writers: one per kind ---------------------------------------------------------------------


def _upsert(model: type[models.Model], rows: Iterable[tuple[str, dict[str, Any]]], key_field: str,
            result: ImportResult, into: dict | None = None) -> dict[str, models.Model]:
    """Create or update nomenclature rows by natural key; returns (and fills ``into``) every object by key.

    Written in batches (``bulk_create`` / ``bulk_update``: a ROME of 13,000 job titles is a few
    queries, not 13,000); none of these models has its own ``save()`` or signal to skip. A row whose
    values point to an object still waiting in the batch (a territory whose parent was just read)
    sends the batch first, so that the parent has its key.
    """
    existing = into if into is not None else {}
    existing.update({getattr(obj, key_field): obj for obj in model.objects.all()})
    added: list[models.Model] = []
    changed: list[models.Model] = []
    changed_fields: set[str] = set()

    def send_added() -> None:
        model.objects.bulk_create(added, batch_size=BATCH_SIZE)
        added.clear()

    for key, values in rows:
        result.rows += 1
        obj = existing.get(key)
        if obj is None:
            if any(isinstance(value, models.Model) and value.pk is None for value in values.values()):
                send_added()
            obj = model(**{key_field: key}, **values)
            added.append(obj)
            existing[key] = obj
            result.created += 1
        elif any(getattr(obj, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(obj, name, value)
            changed.append(obj)
            changed_fields.update(values)
            result.updated += 1
        else:
            result.unchanged += 1
    send_added()
    if changed:
        model.objects.bulk_update(changed, sorted(changed_fields), batch_size=BATCH_SIZE)
    return existing


def write_territories(rows: Iterator[territories.TerritoryRow], dataset: Dataset, result: ImportResult) -> None:
    stored: dict[str, Territory] = {}

    def values() -> Iterator[tuple[str, dict[str, Any]]]:
        for row in rows:
            # Parents come before their children (in the file or already stored).
            parent = stored.get(row.parent_key) if row.parent_key else None
            yield row.key, {"level": row.level, "code": row.code, "name": row.name, "parent": parent}

    _upsert(Territory, values(), "key", result, into=stored)


def write_zones_emploi(rows: Iterator[zones_emploi.CommuneRow], dataset: Dataset, result: ImportResult) -> None:
    """Zones d'emploi as territories (``ZE-3216``; a regional part ``ZE-0054-32``) and their communes.

    A zone's parent is the département holding most of its communes: the level a figure falls back to
    when the zone has none (zone → département → région), as for a BMO bassin. A zone that straddles
    départements keeps every commune's own département in :class:`Commune`. Both upserted: a new
    geography renames or moves, never duplicates.
    """
    from collections import Counter

    from observatory.job_titles import search_key
    from observatory.models import Commune

    communes = list(rows)
    if not result.log.ok:
        return
    departements = {territory.code: territory
                    for territory in Territory.objects.filter(level=TerritoryLevel.DEPARTEMENT)}
    regions = dict(Territory.objects.filter(level=TerritoryLevel.REGION).values_list("code", "name"))
    by_zone: dict[str, list[zones_emploi.CommuneRow]] = {}
    for row in communes:
        by_zone.setdefault(row.zone_code, []).append(row)
    zones = {territory.code: territory for territory in Territory.objects.filter(level=TerritoryLevel.ZONE_EMPLOI)}
    zone_changes = 0
    for code, members in by_zone.items():
        first = members[0]
        name = first.zone_name
        if first.is_regional_part:
            name = f"{name} (partie {regions.get(first.region, first.region)})"
        main = Counter(member.departement for member in members).most_common(1)[0][0]
        parent = departements[main]
        zone = zones.get(code)
        if zone is None:
            zones[code] = Territory.objects.create(key=f"ZE-{code}", level=TerritoryLevel.ZONE_EMPLOI, code=code,
                                                   name=name[:120], parent=parent)
            zone_changes += 1
        elif (zone.name, zone.parent_id) != (name[:120], parent.pk):
            zone.name, zone.parent = name[:120], parent
            zone.save(update_fields=["name", "parent"])
            zone_changes += 1
    stored = {commune.code: commune for commune in Commune.objects.all()}
    added, changed = [], []
    for row in communes:
        result.rows += 1
        values = {"name": row.name, "search_key": search_key(row.name)[:120], "departement": row.departement,
                  "zone_id": zones[row.zone_code].pk}
        commune = stored.get(row.code)
        if commune is None:
            added.append(Commune(code=row.code, **values))
        elif any(getattr(commune, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(commune, name, value)
            changed.append(commune)
        else:
            result.unchanged += 1
    Commune.objects.bulk_create(added, batch_size=BATCH_SIZE)
    Commune.objects.bulk_update(changed, ["name", "search_key", "departement", "zone"], batch_size=BATCH_SIZE)
    result.created, result.updated = len(added), len(changed)
    parts = sorted(code for code, members in by_zone.items() if members[0].is_regional_part)
    result.notes.append(f"{len(by_zone)} zone(s) d'emploi ({len(parts)} partie(s) régionale(s) de zones "
                        f"interrégionales{' : ' + ', '.join(parts) if parts else ''}), {zone_changes} ajoutée(s) ou "
                        "modifiée(s) ; chaque zone rattachée au département de la plupart de ses communes.")


def write_rome(rows: Iterator[rome.RomeRow | rome.Rome4Row], dataset: Dataset, result: ImportResult) -> None:
    """ROME v3 fiches into :class:`RomeOccupation`; ROME 4.0 fiches into :class:`Rome4Occupation`, with
    their version and v3 parent (the v3 rows, which every existing figure uses, are left as they are)."""
    from observatory.models import Rome4Occupation

    first = next(rows, None)
    if first is None:
        return
    everything = chain([first], rows)
    if isinstance(first, rome.RomeRow):
        _upsert(RomeOccupation, ((row.code, {"label": row.label, "domain": row.domain}) for row in everything),
                "code", result)
        return
    _upsert(Rome4Occupation, ((row.code, {
        "label": row.label[:250], "parent_code": row.parent, "version": row.version, "code_ogr": row.code_ogr,
        "transition_eco": row.transition_eco[:120], "transition_num": row.transition_num[:120],
        "transition_demo": row.transition_demo[:120], "regulated": row.regulated, "executive": row.executive,
    }) for row in everything), "code", result)
    if result.log.ok:  # the FAP paths are rebuilt at publication (importers/derived.py)
        result.notes.append(f"Référentiel ROME {first.version} : fiches ROME 4.0, chacune reliée à sa fiche ROME v3 "
                            "parente et, par elle, à sa famille FAP 2009 (chemin visible dans « Fiches ROME 4.0 »).")


def write_rome_appellations(rows: Iterator[rome.AppellationRow], dataset: Dataset, result: ImportResult) -> None:
    from observatory.job_titles import search_key, split_gendered_title
    from observatory.models import RomeAppellation

    def values() -> Iterator[tuple[int, dict[str, Any]]]:
        for row in rows:
            masculine, feminine = split_gendered_title(row.label)
            yield row.code_ogr, {
                "label": row.label[:250], "masculine": masculine[:250], "feminine": feminine[:250],
                "rome_code": row.rome_code, "rome4_code": row.rome4_code, "principal": row.principal,
                "search_key": search_key(f"{masculine} {feminine}")[:500],
            }

    _upsert(RomeAppellation, values(), "code_ogr", result)
    if connection.vendor == "postgresql":
        # Fresh statistics for the title search's indexes (migration 0017): right after a bulk load,
        # before autovacuum gets to it, the planner knows nothing of the full-text index's
        # expression and reads the 13,000 rows instead (55 ms for « sou » instead of 2 ms).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {RomeAppellation._meta.db_table}")


def write_rome_mobility(rows: Iterator[rome_mobility.MobilityRow], dataset: Dataset, result: ImportResult) -> None:
    """ROME 4.0 mobility links into :class:`RomeMobility`: each source fiche of the file gets exactly its
    links in the file (new ones added, order and version updated, vanished ones removed); fiches absent
    from the file keep theirs, so an extract and the whole file can follow each other."""
    from observatory.models import RomeMobility

    links = {(row.source, row.target, row.mobility_type): row for row in rows}
    result.rows = len(links)
    if not result.log.ok or not links:
        return
    sources = {source for source, _target, _type in links}
    stored = {(link.source_id, link.target_id, link.mobility_type): link
              for link in RomeMobility.objects.filter(source_id__in=sources)}
    added, changed = [], []
    for key, row in links.items():
        link = stored.pop(key, None)
        if link is None:
            added.append(RomeMobility(source_id=row.source, target_id=row.target, mobility_type=row.mobility_type,
                                      order=row.order, version=row.version))
        elif (link.order, link.version) != (row.order, row.version):
            link.order, link.version = row.order, row.version
            changed.append(link)
        else:
            result.unchanged += 1
    RomeMobility.objects.bulk_create(added, batch_size=BATCH_SIZE)
    RomeMobility.objects.bulk_update(changed, ["order", "version"], batch_size=BATCH_SIZE)
    vanished = [link.pk for link in stored.values()]
    for start in range(0, len(vanished), BATCH_SIZE):
        RomeMobility.objects.filter(pk__in=vanished[start:start + BATCH_SIZE]).delete()
    result.created, result.updated, result.removed = len(added), len(changed), len(vanished)
    version = next(iter(links.values())).version
    result.notes.append(f"Mobilités du ROME {version} : {len(links)} lien(s) au départ de {len(sources)} fiche(s) ; "
                        "les fiches absentes du fichier gardent leurs liens.")


def write_rome_riasec(rows: Iterator[rome.RiasecRow], dataset: Dataset, result: ImportResult) -> None:
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


def write_fap(rows: Iterator[fap.FapRow], dataset: Dataset, result: ImportResult) -> None:
    stored: dict[str, FapFamily] = {}

    def values() -> Iterator[tuple[str, dict[str, Any]]]:
        for row in rows:
            # Parents come before their children (in the file or already stored).
            yield row.code, {"label": row.label, "level": row.level,
                             "parent": stored.get(row.parent_code) if row.parent_code else None}

    _upsert(FapFamily, values(), "code", result, into=stored)


def write_fap_rome(rows: Iterator[fap.FapRomeRow], dataset: Dataset, result: ImportResult) -> None:
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


def _tree_values(rows: Iterator[Any], stored: dict, fields) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(code, values)`` of a hierarchy's rows for :func:`_upsert`, each ``parent`` read from ``stored``
    (the objects written so far, or already in the database: parents come before their children)."""
    for row in rows:
        yield row.code, {**fields(row), "parent": stored.get(row.parent_code) if row.parent_code else None}


def write_naf(rows: Iterator[naf.NafRow], dataset: Dataset, result: ImportResult) -> None:
    stored: dict[str, NafActivity] = {}
    values = _tree_values(rows, stored, lambda row: {"label": row.label[:250], "level": row.level, "a38": row.a38})
    _upsert(NafActivity, values, "code", result, into=stored)


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
                  *(name for name, _ in tension.COMPLEMENTARY)]


def write_tension(rows: Iterator[tension.TensionRow], dataset: Dataset, result: ImportResult) -> None:
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


def write_bmo(rows: Iterator[bmo.BmoRow], dataset: Dataset, result: ImportResult) -> None:
    """Bassin rows summed to bassin, département, region (and France for an unfiltered file).

    The bassins are written as territories of their own level (``BE-3201``, parent: the
    département) and the métiers with their nomenclature (:class:`BmoOccupation`), both upserted:
    a later survey renames a bassin or a métier, never duplicates it.
    """
    fap_ids = dict(FapFamily.objects.values_list("code", "pk"))
    basins: dict[str, tuple[str, str]] = {}
    occupations: dict[tuple[str, str], tuple[str, str, str]] = {}
    source_rows = 0

    def counted() -> Iterator[bmo.BmoRow]:
        nonlocal source_rows
        for row in rows:
            source_rows += 1
            _track_vintage(dataset, row.year)
            basins[row.basin] = (row.basin_name, row.departement)
            occupations[(row.nomenclature, row.occupation_code)] = (row.occupation_label, row.family, row.family_label)
            yield row

    totals = bmo.aggregate_bmo(counted(), nation=not result.filters)
    if not result.log.ok:
        return
    _store_basins(basins)
    _store_bmo_occupations(occupations)
    territory_ids = dict(Territory.objects.values_list("key", "pk"))
    fields = ["dataset", "territory", "year", "occupation_code", "occupation_label", "fap", "projects", "difficult",
              "seasonal", "has_secret", "projects_partial", "difficult_partial", "seasonal_partial", "nomenclature"]
    values = (
        (0, (dataset.pk, territory_ids[territory], year, code, total.label[:200],
             fap_ids.get(code) if total.nomenclature == "fap2009" else None, total.projects, total.difficult,
             total.seasonal, total.has_secret, total.projects_partial, total.difficult_partial,
             total.seasonal_partial, total.nomenclature))
        for (territory, code, year), total in totals.items()
    )
    _insert_in_batches(HiringProjects, fields, values, result, lambda v: v[3])
    scope = ("filtré sur " + ", ".join(f"{name} {value}" for name, value in result.filters.items())
             if result.filters else "et France")
    result.notes.append(f"{source_rows} ligne(s) par bassin agrégée(s) en {result.rows} total(aux) par bassin, "
                        f"département, région ({scope}) ; cases secrètes « * » exclues des sommes, qui sont alors "
                        "des minimums.")


def _store_basins(basins: dict[str, tuple[str, str]]) -> None:
    """BMO bassins as territories of their own level (never zones d'emploi), under their département."""
    departments = {territory.code: territory
                   for territory in Territory.objects.filter(level=TerritoryLevel.DEPARTEMENT)}
    stored = {territory.code: territory for territory in Territory.objects.filter(level=TerritoryLevel.BASSIN_BMO)}
    for code, (name, departement) in basins.items():
        name = (name or f"Bassin {code}")[:120]
        parent = departments[departement]
        territory = stored.get(code)
        if territory is None:
            Territory.objects.create(key=f"BE-{code}", level=TerritoryLevel.BASSIN_BMO, code=code, name=name,
                                     parent=parent)
        elif (territory.name, territory.parent_id) != (name, parent.pk):
            territory.name, territory.parent = name, parent
            territory.save(update_fields=["name", "parent"])


def _store_bmo_occupations(occupations: dict[tuple[str, str], tuple[str, str, str]]) -> None:
    stored = {(occupation.nomenclature, occupation.code): occupation for occupation in BmoOccupation.objects.all()}
    for (nomenclature, code), (label, family, family_label) in occupations.items():
        values = {"label": label[:200], "family": family[:4], "family_label": family_label[:120]}
        occupation = stored.get((nomenclature, code))
        if occupation is None:
            BmoOccupation.objects.create(nomenclature=nomenclature, code=code, **values)
        elif any(getattr(occupation, name) != value for name, value in values.items()):
            BmoOccupation.objects.filter(pk=occupation.pk).update(**values)


def write_fap2021(rows: Iterator[fap.Fap2021Row], dataset: Dataset, result: ImportResult) -> None:
    stored: dict[str, Fap2021Family] = {}
    _upsert(Fap2021Family, _tree_values(rows, stored, lambda row: {"label": row.label[:250], "level": row.level}),
            "code", result, into=stored)


def write_employment(rows: Iterator[employment.EmploymentRow], dataset: Dataset, result: ImportResult) -> None:
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


def write_employment_urssaf(rows: Iterator[urssaf.UrssafRow], dataset: Dataset, result: ImportResult) -> None:
    """Commune × APE rows summed to zone d'emploi (once the communes are imported: ``zones-emploi``),
    département and région (France for an unfiltered multi-region file), then written as :class:`Employment` rows — the same rows as the ``employment`` kind, so the
    industry figures (sector, filières, input–output) read them unchanged.

    A sum that leaves out a secret commune is stored with ``is_secret`` (a lower bound); a sum with
    nothing but secret communes has no value. Zones d'emploi: :func:`urssaf.zone_level` over the stored
    commune → zone table (INSEE's, not the Urssaf file's own zone column, whose zoning may differ).
    """
    naf_ids = dict(NafActivity.objects.filter(level=NafActivity.Level.SUBCLASS).values_list("code", "pk"))
    from observatory.models import Commune

    # Zones d'emploi through INSEE's commune table (zones-emploi import), when it is loaded.
    commune_zones = dict(Commune.objects.values_list("code", "zone__code"))
    levels = (urssaf.zone_level(commune_zones), *urssaf.DEFAULT_LEVELS) if commune_zones else urssaf.DEFAULT_LEVELS
    totals = urssaf.aggregate_urssaf(rows, sorted(naf_ids), levels=levels,
                                     nation=not result.filters.keys() & {"region", "departement"})
    if not result.log.ok:
        return
    if totals.years:
        _track_vintage(dataset, max(totals.years))
    territory_ids = dict(Territory.objects.values_list("key", "pk"))
    values = ((0, (dataset.pk, naf_ids[naf], territory_ids[territory], year, jobs, partial))
              for territory, naf, year, jobs, partial in totals.items() if territory in territory_ids)
    _insert_in_batches(Employment, ["dataset", "naf", "territory", "year", "employees", "is_secret"], values, result,
                       lambda v: f"{v[1]} / {v[2]} / {v[3]}")
    years = (f"{totals.years[0]}–{totals.years[-1]}" if len(totals.years) > 1
             else str(totals.years[0]) if totals.years else "aucune")
    scope = ("filtré sur " + ", ".join(f"{name} {value}" for name, value in result.filters.items())
             if result.filters else "et France")
    result.notes.append(f"{totals.source_rows} ligne(s) commune × APE agrégée(s) en {result.rows} valeur(s) par "
                        f"{'zone d’emploi, ' if commune_zones else ''}département et région ({scope}), années {years} ; une case vide secrète est laissée "
                        "hors des sommes, qui sont alors des minimums.")


def write_unemployment(rows: Iterator[unemployment.UnemploymentRow], dataset: Dataset, result: ImportResult) -> None:
    from observatory.models import UnemploymentRate

    territory_ids = dict(Territory.objects.values_list("key", "pk"))
    places = {pk: key for key, pk in territory_ids.items()}

    def values() -> Iterator[tuple[int, tuple]]:
        for row in rows:
            _track_vintage(dataset, row.year)
            yield row.line, (dataset.pk, territory_ids[row.territory], row.year, row.quarter, row.rate)

    _insert_in_batches(UnemploymentRate, ["dataset", "territory", "year", "quarter", "rate"], values(), result,
                       lambda v: f"{places[v[1]]} / {v[2]}-T{v[3]}")


def write_inserjeunes_cfa(rows: Iterator[inserjeunes.CfaOutcomeRow], dataset: Dataset, result: ImportResult) -> None:
    from observatory.models import ApprenticeOutcome

    fields = [name for _, name, _ in inserjeunes.RATES]

    def values() -> Iterator[tuple[int, tuple]]:
        for row in rows:
            _track_vintage(dataset, row.cohort_end_year)
            yield row.line, (dataset.pk, row.uai, row.label, row.region[:60], row.cohort, row.cohort_end_year,
                             *(row.rates[name] for name in fields))

    _insert_in_batches(ApprenticeOutcome, ["dataset", "uai", "label", "region", "cohort", "cohort_end_year", *fields],
                       values(), result, lambda v: f"{v[1]} / {v[4]}")


def write_occupation_stats(rows: Iterator[occupation_stats.OccupationStatRow], dataset: Dataset,
                           result: ImportResult) -> None:
    """One DARES portrait file: its indicator is the dataset's series (one indicator per file), so
    that the salaries and the share of women are published side by side (``Dataset.publication_scope``)."""
    fap_ids = dict(FapFamily.objects.values_list("code", "pk"))

    def values() -> Iterator[tuple[int, tuple]]:
        for row in rows:
            _track_vintage(dataset, occupation_stats.period_end_year(row.period))
            dataset.series = row.indicator
            yield row.line, (dataset.pk, fap_ids[row.fap], row.indicator, row.dimension, row.dimension_label,
                             row.period, row.value, row.unit)

    _insert_in_batches(OccupationStats, ["dataset", "fap", "indicator", "dimension", "dimension_label", "period",
                                         "value", "unit"], values(), result,
                       lambda v: f"{v[1]} / {v[2]} / {v[3]} / {v[5]}")


