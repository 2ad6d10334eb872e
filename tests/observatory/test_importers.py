"""Importing official files: all or nothing, precise reports, dry runs, publication and rollback."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from observatory.importers.service import publish_dataset, run_import
from observatory.models import (
    Dataset,
    DatasetStatus,
    FapFamily,
    HiringProjects,
    NafActivity,
    OccupationTension,
    RomeFapLink,
    RomeOccupation,
    TensionIndicator,
    Territory,
)

from .conftest import DATA, import_bytes, import_file

HEADER = ("fap,Emploi moyen,Tension ,Catégorie Tension,Intensité d'embauches,Lien formation-emploi,"
          "Manque de main-d'œuvre disponible,Non-durabilité de l'emploi,Conditions de travail contraignantes,"
          "Inadéquation géographique,Année,niveau_geo,niveau_fap,reg,dep\n")
ROW = "D1Z40,2600,{score},5.0,4.0,5.0,5.0,2.0,3.0,3.0,2019,reg ,fap 225,32.0,\n"


def snapshot() -> tuple:
    return (Dataset.objects.count(), TensionIndicator.objects.count(), OccupationTension.objects.count(),
            HiringProjects.objects.count())


def test_nomenclatures_load_from_the_official_files(nomenclatures):
    assert Territory.objects.get(key="DEP-59").parent.key == "REG-32"
    assert Territory.objects.get(key="REG-32").parent.key == "FR"
    assert Territory.objects.filter(level="departement").count() == 101
    welder = RomeOccupation.objects.get(code="H2913")
    assert (welder.domain, welder.riasec_major) == ("H", "R")
    assert FapFamily.objects.get(code="D1Z40").parent.code == "D1Z"
    assert FapFamily.objects.filter(level=225).count() == 225
    assert RomeFapLink.objects.filter(rome=welder).exists()
    assert "''" not in RomeOccupation.objects.get(code="I1103").label


def test_naf_loads_with_hierarchy_and_a38_branch(db):
    result = import_file("naf", "naf_rev2.csv")
    assert result.rows == NafActivity.objects.count()
    subclass = NafActivity.objects.select_related("parent__parent__parent__parent").get(code="25.62A")
    assert subclass.a38 == "CH"
    assert subclass.parent.parent.parent.parent.code == "C"
    assert NafActivity.objects.filter(level="sous_classe").count() == 732


def test_tension_import_publishes_a_version_with_provenance(tension_data):
    dataset = tension_data
    assert dataset.status == DatasetStatus.PUBLISHED and dataset.vintage == 2019
    assert dataset.row_count == TensionIndicator.objects.count() == 1841
    assert len(dataset.checksum) == 64 and dataset.original_filename == "tensions_hdf_2019.csv"
    assert OccupationTension.objects.filter(territory__key="DEP-59").exists()


@pytest.mark.parametrize("content, column", [
    (HEADER.replace("Tension ,", "Tensio,") + ROW.format(score="0.5"), "Tension"),
    (HEADER + ROW.format(score="0.5x"), "Tension"),
    (HEADER + ROW.format(score="0.5").replace("32.0", "99"), "reg"),
])
def test_bad_files_change_nothing_and_name_the_problem(nomenclatures, content, column):
    before = snapshot()
    result = import_bytes("tension", content, publish=True)
    assert not result.ok
    assert result.log.problems[0].column == column
    assert snapshot() == before
    assert result.summary_lines()[0].startswith("Fichier refusé")


def test_wrong_encoding_is_refused(nomenclatures):
    before = snapshot()
    result = import_bytes("tension", (HEADER + ROW.format(score="0.5")).encode("utf-16"), publish=True)
    assert not result.ok and "UTF-16" in result.log.problems[0].message
    assert snapshot() == before


def test_truncated_file_is_refused(nomenclatures):
    result = import_bytes("tension", HEADER + ROW.format(score="0.5") + ROW.format(score="0.7")[:30])
    assert not result.ok and result.log.problems[0].line == 3


def test_duplicate_rows_are_reported_at_their_line_and_nothing_is_stored(nomenclatures):
    before = snapshot()
    result = import_bytes("tension", HEADER + ROW.format(score="0.5") + ROW.format(score="0.6"), publish=True)
    assert not result.ok
    assert result.log.problems[0].line == 3 and "double" in result.log.problems[0].message
    assert snapshot() == before


def test_dry_run_reports_changes_against_the_published_version_without_storing(tension_data):
    before = snapshot()
    original = (DATA / "tensions_hdf_2019.csv").read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    changed = lines[0] + lines[1].replace(",2019,", ",2019,", 1).replace(lines[1].split(",")[2], "9.9", 1)
    result = import_bytes("tension", changed + "".join(lines[2:]), dry_run=True, publish=True)
    assert result.ok, result.log.report_lines()
    assert (result.updated, result.unchanged, result.created, result.removed) == (1, 1840, 0, 0)
    assert any("Simulation" in line for line in result.summary_lines())
    assert snapshot() == before


def test_publishing_a_new_version_archives_the_previous_and_rollback_restores_it(tension_data):
    first = tension_data
    second = import_file("tension", "tensions_hdf_2019.csv", publish=True).dataset
    first.refresh_from_db()
    assert first.status == DatasetStatus.REPLACED and second.supersedes == first
    assert TensionIndicator.objects.published().filter(dataset=second).count() == 1841
    publish_dataset(first)
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, second.status) == (DatasetStatus.PUBLISHED, DatasetStatus.REPLACED)
    assert set(OccupationTension.objects.values_list("tension__dataset", flat=True)) == {first.pk}


def test_draft_import_is_not_shown_until_published(nomenclatures):
    result = import_file("tension", "tensions_hdf_2019.csv")
    assert result.dataset.status == DatasetStatus.DRAFT
    assert not TensionIndicator.objects.published().exists()
    assert not OccupationTension.objects.exists()


def test_bmo_xlsx_import_aggregates_with_secrecy(nomenclatures):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["annee", "Code métier BMO", "Nom métier BMO", "REG", "Dept", "BE23", "NOMBE23", "met", "xmet",
                  "smet"])
    # 2023: the last survey coded in FAP 2009, so the métier is also a FAP family.
    sheet.append([2023, "D1Z40", "Usineurs", 32, 59, 3201, "Lille", 120, 80, "*"])
    sheet.append([2023, "D1Z40", "Usineurs", 32, 62, 3210, "Lens", 30, 10, 0])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = run_import("bmo", io.BytesIO(buffer.getvalue()), "bmo.xlsx", publish=True)
    assert result.ok, result.log.report_lines()
    region = HiringProjects.objects.get(territory__key="REG-32", occupation_code="D1Z40")
    assert (region.projects, region.difficult, region.seasonal, region.has_secret) == (150, 90, 0, True)
    assert region.fap.code == "D1Z40"
    assert region.share_difficult == 60.0


def test_employment_import_streams_rows_and_reports_unknown_naf(db):
    import_file("territories", "cog_regions.csv")
    import_file("territories", "cog_departements.csv")
    import_file("naf", "naf_rev2.csv")
    good = "annee;territoire;naf;effectif\n2022;DEP-59;25.62A;1 234\n2022;DEP-62;2562A;*\n"
    result = import_bytes("employment", good, publish=True)
    assert result.ok, result.log.report_lines()
    assert result.dataset.vintage == 2022 and result.rows == 2
    bad = import_bytes("employment", "annee;territoire;naf;effectif\n2022;DEP-59;99.99Z;10\n")
    assert not bad.ok and bad.log.problems[0].column == "naf"


def test_occupation_stats_skip_totals_with_a_warning(nomenclatures):
    result = import_file("occupation-stats", "salaire_median_3niv.csv", publish=True)
    assert result.log.warning_count > 0
    assert any("ignorée" in line for line in result.summary_lines())


def test_command_fails_with_a_report_and_non_zero_exit(nomenclatures, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + ROW.format(score="abc"), encoding="utf-8")
    with pytest.raises(CommandError, match="Import refusé"):
        call_command("import_data", "tension", str(path), "--publish")
    assert "ligne 2" in capsys.readouterr().err


def test_command_dry_run_then_publish(nomenclatures, capsys):
    call_command("import_data", "tension", str(DATA / "tensions_hdf_2019.csv"), "--dry-run")
    assert not Dataset.objects.filter(kind="tension").exists()
    call_command("import_data", "tension", str(DATA / "tensions_hdf_2019.csv"), "--publish")
    assert Dataset.objects.get(kind="tension").status == DatasetStatus.PUBLISHED
    assert "1841 ligne(s)" in capsys.readouterr().out


@pytest.mark.shared_data
@pytest.mark.parametrize("kind, path", [
    ("rome", "rome-v3/referentiel_code_rome_v347.csv"),
    ("rome-riasec", "rome-v3/referentiel_code_rome_riasec_v347.csv"),
    ("fap", "rome-v3/intitule_fap2009.txt"),
    ("fap-rome", "rome-v3/passage_fap2009_romev3.txt"),
    ("fap-rome", "dares-psm/fap225_rome.csv"),
    ("tension", "dares-psm/tensions_tensions.csv"),
    ("occupation-stats", "dares-psm/part_interim.csv"),
    ("occupation-stats", "dares-psm/secteurs_employeurs_3niv.csv"),
    ("occupation-stats", "dares-psm/age_2017_2019_3niv.csv"),
])
def test_real_reference_files_import(nomenclatures, shared_data, kind, path):
    with (shared_data / path).open("rb") as stream:
        result = run_import(kind, stream, path.rsplit("/", 1)[-1], publish=True)
    assert result.ok, result.log.report_lines()
    assert result.rows > 0


def test_a_synthetic_file_is_flagged_and_gets_no_official_publisher_licence_or_address(nomenclatures, client):
    from tests.observatory.conftest import import_file

    import_file("naf", "naf_rev2.csv")
    result = import_file("employment", "emploi_synthetique_hdf_2023.csv", publish=True, synthetic=True,
                         title="Emploi par activité (démonstration)")
    dataset = result.dataset
    assert dataset.synthetic
    assert (dataset.publisher, dataset.licence, dataset.source_url) == ("", "", "")
    listed = client.get("/api/v1/datasets/", {"kind": "employment"}).json()["results"][0]
    assert listed["synthetic"] is True and listed["licence"] == "" and listed["source_url"] == ""
    csv_text = client.get("/api/v1/datasets/", {"kind": "employment", "format": "csv"}).content.decode("utf-8-sig")
    import csv
    import io

    assert next(csv.DictReader(io.StringIO(csv_text)))["synthetic"] == "True"


def test_being_synthetic_is_an_attribute_not_a_word_in_the_title(db):
    from observatory.industry_service import is_synthetic
    from tests.observatory.industry.conftest import DatasetFactory

    assert not is_synthetic(DatasetFactory(title="Méthode synthétique de l'Insee"))
    assert is_synthetic(DatasetFactory(title="Emploi salarié 2023", synthetic=True))


@pytest.mark.shared_data
def test_real_files_every_industrial_code_shows_its_qualified_family_and_rankings_skip_unpublished_cells(
        nomenclatures, shared_data):
    """Against the full DARES 2019 file (every département of France) and the official crosswalk."""
    from observatory.models import OccupationTension, RomeFapLink, Territory
    from observatory.services import tensions_for_families, top_tension_occupations
    from observatory.tension import family_for_qualified_jobseeker
    from tests.observatory.conftest import import_bytes

    crosswalk = (shared_data / "rome-v3" / "passage_fap2009_romev3.txt").read_bytes()
    assert import_bytes("fap-rome", crosswalk, "passage_fap2009_romev3.txt").ok
    tension = (shared_data / "dares-psm" / "tensions_tensions.csv").read_bytes()
    assert import_bytes("tension", tension, "tensions_tensions.csv", publish=True).ok
    links: dict[str, list[tuple[str, str]]] = {}
    for rome, fap, digits in RomeFapLink.objects.values_list("rome__code", "fap__code", "qualifications"):
        links.setdefault(rome, []).append((fap, digits))
    defaults = dict(RomeFapLink.objects.filter(is_default=True).values_list("rome__code", "fap__code"))
    assert defaults == {rome: family_for_qualified_jobseeker(pairs) for rome, pairs in links.items()}
    assert defaults["H2913"] == "D2Z42"
    # Every derived row stands for the code's default family, never another one.
    rows = OccupationTension.objects.select_related("rome", "tension__fap")
    assert all(row.tension.fap.code == defaults[row.rome.code] for row in rows)
    oise = Territory.objects.get(key="DEP-60")
    assert tensions_for_families([("H2913", "D2Z42")], oise)[("H2913", "D2Z42")].level == 5
    for territory in Territory.objects.filter(level="departement", tension_rows__isnull=False).distinct()[:40]:
        assert all(item.level is not None for item in top_tension_occupations(territory, limit=10)), territory.key
