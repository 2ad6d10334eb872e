"""The one list of importable kinds of file: what each is, its parser, its writer, its provenance.

``manage.py import_data``, the admin upload screen and the documentation check
(``tests/observatory/test_registry.py``) all read :data:`IMPORT_KINDS`; nothing else lists the
kinds. Adding an official source means writing its module (parsing, pure) and its writer, then
one :class:`ImportKind` here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models

from observatory.models import (
    ApprenticeOutcome,
    DatasetKind,
    Employment,
    HiringProjects,
    InputOutputTable,
    OccupationStats,
    TensionIndicator,
    UnemploymentRate,
)

from . import (
    bmo,
    employment,
    fap,
    input_output,
    inserjeunes,
    naf,
    occupation_stats,
    rome,
    rome_mobility,
    tension,
    territories,
    unemployment,
    urssaf,
    writing,
    zones_emploi,
)

ETALAB = "Licence Ouverte / Etalab 2.0"
ROME_URL = "https://www.francetravail.org/opendata/repertoire-operationnel-des-meti.html"
FAP_URL = "https://dares.travail-emploi.gouv.fr/donnees/la-nomenclature-des-familles-professionnelles-fap-2009"


@dataclass(frozen=True)
class Comparison:
    """How a new version is compared with the published one: row model, natural key, value fields.

    ``text_keyed``: the key holds text, which SQL collations and Python sort differently, so the
    comparison goes through a dict (bounded by the nomenclatures' size) instead of a sorted merge.
    """

    model: type[models.Model]
    keys: tuple[str, ...]
    values: tuple[str, ...]
    text_keyed: bool = False


@dataclass(frozen=True)
class ImportKind:
    """One kind of official file: ``import_data <kind> FILE``.

    ``title``, ``source``, ``publisher``, ``licence`` and ``source_url`` are the defaults of the
    dataset's provenance (a statistician may override them). ``parser(stream, filename, log,
    known, **filters)`` yields validated rows; ``writer(rows, dataset, result)`` stores them.
    ``filters``: the row filters the parser accepts (``region``, ``departement``, ``year``), offered
    as command options and admin fields. ``comparison`` is None for nomenclatures (upserted, not
    versioned).
    """

    kind: str
    title: str
    source: str
    publisher: str
    licence: str
    source_url: str
    parser: Callable[..., Iterator[Any]]
    writer: Callable[..., None]
    comparison: Comparison | None = None
    filters: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return str(DatasetKind(self.kind).label)


def _write_io_table(rows, dataset, result) -> None:
    from observatory.industry_import import write_io_table

    write_io_table(rows, dataset, result)


_IO_COMPARISON = Comparison(InputOutputTable, ("year",), ("flows", "output"))

#: Every importable kind, in the order a fresh database needs them (nomenclatures first).
IMPORT_KINDS: tuple[ImportKind, ...] = (
    ImportKind(DatasetKind.TERRITORIES, "Code officiel géographique", "Insee, COG", "Insee", ETALAB,
               "https://www.insee.fr/fr/information/2560452", territories.parse_territories,
               writing.write_territories),
    # Zones d'emploi 2020 with their communes (the regional part of an inter-régional zone is the territory);
    # after the départements, before the Urssaf file, which sums its communes to them.
    ImportKind(DatasetKind.ZONES_EMPLOI, "Zones d'emploi 2020 : composition communale", "Insee, zonage en zones "
               "d'emploi 2020", "Insee", ETALAB, "https://www.insee.fr/fr/information/4652957",
               zones_emploi.parse_communes, writing.write_zones_emploi, filters=("region", "departement")),
    ImportKind(DatasetKind.ROME, "Référentiel des métiers ROME", "France Travail, ROME", "France Travail", ETALAB,
               ROME_URL, rome.parse_rome, writing.write_rome),
    ImportKind(DatasetKind.ROME_RIASEC, "Codes RIASEC des métiers ROME", "France Travail, ROME", "France Travail",
               ETALAB, ROME_URL, rome.parse_rome_riasec, writing.write_rome_riasec),
    ImportKind(DatasetKind.ROME_APPELLATIONS, "Appellations des métiers ROME", "France Travail, ROME",
               "France Travail", ETALAB, ROME_URL, rome.parse_rome_appellations, writing.write_rome_appellations),
    # Links between ROME 4.0 fiches: after the ROME 4.0 referential, whose fiches both ends must be.
    ImportKind(DatasetKind.ROME_MOBILITY, "Mobilités professionnelles entre fiches ROME 4.0", "France Travail, ROME",
               "France Travail", ETALAB, ROME_URL, rome_mobility.parse_rome_mobility, writing.write_rome_mobility),
    ImportKind(DatasetKind.FAP, "Nomenclature des familles professionnelles FAP 2009", "Dares, FAP 2009", "Dares",
               ETALAB, FAP_URL, fap.parse_fap, writing.write_fap),
    ImportKind(DatasetKind.FAP_ROME, "Correspondance FAP 2009 ↔ ROME", "Dares, FAP 2009", "Dares", ETALAB, FAP_URL,
               fap.parse_fap_rome, writing.write_fap_rome),
    ImportKind(DatasetKind.FAP2021, "Nomenclature des familles professionnelles FAP 2021", "Dares, FAP 2021", "Dares",
               ETALAB, "https://dares.travail-emploi.gouv.fr/donnees/la-nomenclature-des-familles-professionnelles-fap-2021",
               fap.parse_fap2021, writing.write_fap2021),
    ImportKind(DatasetKind.NAF, "Nomenclature d'activités française NAF rév. 2", "Insee, NAF rév. 2", "Insee", ETALAB,
               "https://www.insee.fr/fr/information/2406147", naf.parse_naf, writing.write_naf),
    ImportKind(DatasetKind.TENSION, "Les tensions sur le marché du travail", "Dares, France Travail", "Dares", ETALAB,
               "https://dares.travail-emploi.gouv.fr/donnees/les-tensions-sur-le-marche-du-travail",
               tension.parse_tension, writing.write_tension,
               Comparison(TensionIndicator, ("fap_id", "territory_id", "year"),
                          ("employment", "score", "level", *(name for name, _ in tension.COMPLEMENTARY)))),
    ImportKind(DatasetKind.BMO, "Enquête Besoins en main-d'œuvre", "France Travail, enquête BMO", "France Travail",
               ETALAB, "https://statistiques.francetravail.org/bmo", bmo.parse_bmo, writing.write_bmo,
               Comparison(HiringProjects, ("territory_id", "occupation_code", "year"),
                          ("projects", "difficult", "seasonal", "has_secret"), text_keyed=True),
               filters=("region", "departement")),
    ImportKind(DatasetKind.EMPLOYMENT, "Emploi salarié par activité", "Urssaf, Insee", "Urssaf", ETALAB,
               "https://open.urssaf.fr/", employment.parse_employment, writing.write_employment,
               Comparison(Employment, ("naf_id", "territory_id", "year"), ("employees", "is_secret"))),
    # The published Urssaf file (commune × APE, years side by side), summed by territory into the same
    # Employment rows: an official file replaces the synthetic one in every figure (Employment.objects.current).
    ImportKind(DatasetKind.EMPLOYMENT_URSSAF, "Effectifs salariés du secteur privé par commune × APE", "Urssaf",
               "Urssaf", ETALAB,
               "https://open.urssaf.fr/explore/dataset/etablissements-et-effectifs-salaries-au-niveau-commune-x-ape-last/",
               urssaf.parse_urssaf, writing.write_employment_urssaf,
               Comparison(Employment, ("naf_id", "territory_id", "year"), ("employees", "is_secret")),
               filters=("region", "departement", "year")),
    ImportKind(DatasetKind.INSERJEUNES_CFA, "Devenir des apprentis par CFA (InserJeunes)",
               "Ministère de l'Éducation nationale, InserJeunes", "Ministère de l'Éducation nationale", ETALAB,
               "https://data.education.gouv.fr/explore/dataset/fr-en-inserjeunes-cfa/",
               inserjeunes.parse_inserjeunes_cfa, writing.write_inserjeunes_cfa,
               Comparison(ApprenticeOutcome, ("uai", "cohort"), tuple(name for _, name, _ in inserjeunes.RATES),
                          text_keyed=True)),
    ImportKind(DatasetKind.UNEMPLOYMENT_ZONES, "Taux de chômage localisés par zone d'emploi",
               "Insee, taux de chômage localisés", "Insee", ETALAB, "https://www.insee.fr/fr/statistiques/1893230",
               unemployment.parse_unemployment, writing.write_unemployment,
               Comparison(UnemploymentRate, ("territory_id", "year", "quarter"), ("rate",))),
    ImportKind(DatasetKind.OCCUPATION_STATS, "Portrait statistique des métiers", "Dares, Insee (enquête Emploi)",
               "Dares", ETALAB, "https://dares.travail-emploi.gouv.fr/publication/portraits-statistiques-des-metiers",
               occupation_stats.parse_occupation_stats, writing.write_occupation_stats,
               Comparison(OccupationStats, ("fap_id", "indicator", "dimension", "period"), ("value",),
                          text_keyed=True)),
    # Any publisher's table: its licence and address are given at import (no default licence).
    ImportKind(DatasetKind.IO_TABLE, "Tableau entrées-sorties symétrique", "Tableau entrées-sorties", "", "", "",
               input_output.parse_io_table, _write_io_table, _IO_COMPARISON),
    ImportKind(DatasetKind.IO_INSEE_A38, "Tableau entrées-sorties INSEE A38", "Insee, comptes nationaux (TES)", "Insee",
               ETALAB, "https://www.insee.fr/fr/statistiques/series/102328617", input_output.parse_io_insee,
               _write_io_table, _IO_COMPARISON),
)

_BY_KIND = {entry.kind: entry for entry in IMPORT_KINDS}


def import_kind(kind: str) -> ImportKind:
    """The registered kind ``kind``; ``KeyError`` when there is none."""
    return _BY_KIND[kind]


def kind_names() -> list[str]:
    """Every registered kind's name (``bmo``, ``tension``…), in registration order."""
    return [entry.kind for entry in IMPORT_KINDS]
