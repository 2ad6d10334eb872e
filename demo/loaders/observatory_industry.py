"""Demo of « industry redefined »: INSEE A38 2018 coefficients, synthetic regional employment, pages.

- the real INSEE 2018 input–output data (``observatory/data/input-output/``) through the
  ``io-insee-a38`` importer, and the UN handbook example through ``io-table``;
- a SYNTHETIC file of salaried employment by NAF sous-classe (France, Hauts-de-France and its
  départements; see ``observatory/industry/synthetic_employment.py``) through the ``employment``
  importer, titled so that every page says « données de démonstration synthétiques »;
- the eight filières with their default scope, the precomputed results, and the pages
  « L'industrie en chiffres » and the two method pages under /observatoire/.

Idempotent: files already published (same checksum) are skipped, pages and filières found in place.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import observatory
from demo.loaders.observatory_pages import load_method_pages
from demo.pages import get_or_create_page, section_page
from observatory.importers.service import run_import
from observatory.industry_import import read_insee_folder
from observatory.industry_service import ensure_default_filieres, published_io_table, recompute_industry
from observatory.models import (
    Dataset,
    DatasetStatus,
    FiliereScope,
    IndustryEmploymentResult,
    IndustryFiguresPage,
    ObservatoryIndexPage,
)

#: The official files shipped with the observatory app (observatory/data/README.md).
DATA = Path(observatory.__file__).resolve().parent / "data"
IO_FOLDER = DATA / "input-output"
SYNTHETIC_EMPLOYMENT = DATA / "emploi_synthetique_hdf_2023.csv"
UN_HANDBOOK_SOURCE = ("Nations unies, Handbook on Supply, Use and Input-Output Tables with Extensions and "
                      "Applications (2018, ST/ESA/STAT/SER.F/74/Rev.1)")
UN_HANDBOOK_LICENCE = "Publication des Nations unies, reproduite pour des tests de référence"
SYNTHETIC_TITLE = "Emploi salarié par activité — données de démonstration synthétiques"
SYNTHETIC_SOURCE = "Données de démonstration synthétiques (Industrie d’avenir, non officielles)"


def _already_published(kind: str, checksum: str) -> bool:
    return Dataset.objects.filter(kind=kind, checksum=checksum).exclude(status=DatasetStatus.DRAFT).exists()


def _import(kind: str, stream, name: str, stdout, **options) -> None:
    result = run_import(kind, stream, name, publish=True, **options)
    if not result.ok:
        raise RuntimeError(f"Demo file {name} rejected: " + "; ".join(result.log.report_lines()))
    stdout.write(f"  industrie : {name} ({result.rows} lignes)")


def load_datasets(stdout) -> None:
    insee = read_insee_folder(IO_FOLDER, 2018)
    if not _already_published("io-insee-a38", hashlib.sha256(insee.getvalue()).hexdigest()) and not (
            Dataset.objects.filter(kind="io-insee-a38", vintage=2018, status=DatasetStatus.PUBLISHED).exists()):
        _import("io-insee-a38", insee, "insee_a38_2018.zip", stdout,
                title="Tableau entrées-sorties 2018, 38 branches",
                source="Insee, comptes nationaux 2018 (TES, niveau A38)")
    un_file = IO_FOLDER / "un_handbook_germany_2009.csv"
    if not _already_published("io-table", hashlib.sha256(un_file.read_bytes()).hexdigest()):
        with un_file.open("rb") as stream:
            # A worked example used to check the algebra, not data about the region: kept off the site.
            _import("io-table", stream, un_file.name, stdout,
                    title="Exemple du manuel des Nations unies (Allemagne 2009)",
                    source=UN_HANDBOOK_SOURCE, publisher="Nations unies", public=False,
                    licence=UN_HANDBOOK_LICENCE, source_url="")
    if not _already_published("employment", hashlib.sha256(SYNTHETIC_EMPLOYMENT.read_bytes()).hexdigest()):
        with SYNTHETIC_EMPLOYMENT.open("rb") as stream:
            _import("employment", stream, SYNTHETIC_EMPLOYMENT.name, stdout, title=SYNTHETIC_TITLE,
                    source=SYNTHETIC_SOURCE, synthetic=True)


def load_pages(stdout) -> None:
    observatory = ObservatoryIndexPage.objects.first()
    if observatory is None:
        return
    get_or_create_page(observatory, IndustryFiguresPage, "industrie-en-chiffres",
                       **section_page("industrie-en-chiffres"))
    # The two method pages (general public, statisticians): demo/data/observatory/method_pages.json.
    load_method_pages(observatory, "methodology")


def load(stdout) -> None:
    load_datasets(stdout)
    # A publication recomputes the figures by itself once its transaction commits (signals in
    # observatory/models/industry.py). The first load also needs them for the default filière grid
    # created here; a load with nothing new keeps the results as they are (a second run changes
    # nothing). After a change to the computation's code: `manage.py recompute_industry`.
    grid_missing = not FiliereScope.objects.exists()
    ensure_default_filieres(published_io_table())
    if grid_missing or not IndustryEmploymentResult.objects.exists():
        summary = recompute_industry()
        stdout.write(f"  industrie : {summary}")
    load_pages(stdout)
