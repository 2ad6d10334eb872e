"""Recomputation of the three definitions, scope edits, import kinds and the service for careers (database)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from observatory.industry_service import filiere_figures, recompute_industry
from observatory.models import Dataset, DatasetStatus, FiliereScope, IndustryEmploymentResult, InputOutputTable
from tests.observatory.industry.conftest import EMPLOYMENT

DATA = Path(__file__).resolve().parents[3] / "observatory" / "data" / "input-output"


def totals(key: str) -> dict[str, IndustryEmploymentResult]:
    return {row.definition: row for row in IndustryEmploymentResult.objects.filter(territory__key=key,
                                                                                   breakdown="total")}


def test_recompute_stores_the_three_definitions_with_their_gap_to_the_sector(industry_world):
    region = totals("REG-32")
    industrial = sum(jobs for code, jobs in EMPLOYMENT["REG-32"].items() if code[:2] in {"29", "25", "10", "35"})
    assert region["sector"].jobs == industrial
    assert region["filiere"].reference_jobs == industrial
    assert region["filiere"].jobs > industrial  # services added
    assert region["filiere"].gap_jobs == pytest.approx(region["filiere"].jobs - industrial, abs=0.2)
    assert region["io"].jobs < sum(EMPLOYMENT["REG-32"].values())
    assert region["io"].method == "flq"
    assert totals("FR")["io"].method == "national"
    assert region["io"].io_table.dataset.vintage == 2018
    assert set(totals("DEP-59")) == {"sector", "filiere", "io"}
    assert not totals("DEP-62")  # no employment there


def test_filiere_rows_split_core_and_services_and_never_exceed_the_jobs_of_a_service(industry_world):
    rows = IndustryEmploymentResult.objects.filter(territory__key="REG-32", definition="filiere", breakdown="filiere")
    automobile = rows.get(code="automobile")
    assert automobile.reference_jobs == EMPLOYMENT["REG-32"]["29.10Z"]
    temps_shares = FiliereScope.objects.filter(code="78.20Z").values_list("share", flat=True)
    assert 0 < sum(temps_shares) <= 1


def test_editing_a_scope_share_changes_the_figures_after_recompute(industry_world):
    before = IndustryEmploymentResult.objects.get(territory__key="REG-32", definition="filiere", code="automobile")
    scope = FiliereScope.objects.get(filiere__slug="automobile", code="71.12B")
    old_share = float(scope.share)
    scope.share = Decimal("0.2")
    scope.save()
    recompute_industry()
    after = IndustryEmploymentResult.objects.get(territory__key="REG-32", definition="filiere", code="automobile")
    engineering = EMPLOYMENT["REG-32"]["71.12B"]
    assert after.jobs == pytest.approx(before.jobs + (0.2 - old_share) * engineering, abs=0.2)


def test_temps_counted_in_industry_follow_the_sourced_share_not_the_nz_branch_share(industry_world):
    from observatory.models.industry import TemporaryWorkShare

    temps = EMPLOYMENT["REG-32"]["78.20Z"]
    lines = [float(share) for share in FiliereScope.objects.filter(code="78.20Z").values_list("share", flat=True)]
    assert 0.05 < sum(lines) < 0.25  # the input–output default: only the NZ branch's share (~14 %)
    with_default = totals("REG-32")["filiere"].jobs
    setting = TemporaryWorkShare.load()
    assert float(setting.industry_share) == 42.7 and setting.vintage == "fin du 2e trimestre 2013"
    setting.industry_share = Decimal("30.0")
    setting.save()
    recompute_industry()
    # Exactly the difference of shares times the region's temps: every 78.20Z line scaled, nothing else moved.
    assert totals("REG-32")["filiere"].jobs == pytest.approx(with_default - (0.427 - 0.30) * temps, abs=0.5)


def test_saving_the_temporary_work_share_recomputes_after_commit(industry_world, django_capture_on_commit_callbacks):
    from django.db import connection

    from observatory.models.industry import TemporaryWorkShare

    before = totals("REG-32")["filiere"].jobs
    connection.run_on_commit.clear()  # the fixtures' pending recompute: the test transaction never commits
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        setting = TemporaryWorkShare.load()
        setting.industry_share = Decimal("38.0")
        setting.save()
    assert len(callbacks) >= 1
    assert totals("REG-32")["filiere"].jobs == pytest.approx(
        before - (0.427 - 0.38) * EMPLOYMENT["REG-32"]["78.20Z"], abs=0.5)


def test_a_share_that_contradicts_the_counts_entered_is_refused_in_french(db):
    from django.core.exceptions import ValidationError

    from observatory.models.industry import TemporaryWorkShare

    setting = TemporaryWorkShare(industry_share=Decimal("14.0"), industry_temps=221_000, all_temps=517_300)
    with pytest.raises(ValidationError, match=r"ne correspond pas aux nombres saisis.*42\.7"):
        setting.full_clean()
    TemporaryWorkShare(industry_share=Decimal("42.7"), industry_temps=221_000, all_temps=517_300).full_clean()
    with pytest.raises(ValidationError, match="Plus d’intérimaires dans l’industrie qu’au total"):
        TemporaryWorkShare(industry_share=Decimal("50"), industry_temps=600_000, all_temps=517_300).full_clean()


def test_overlapping_scopes_are_reported_and_the_filiere_definition_is_not_published(industry_world):
    FiliereScope.objects.create(filiere_id=FiliereScope.objects.get(filiere__slug="energie", code="35").filiere_id,
                                code="29.10Z", share=1, kind="core")
    summary = recompute_industry()
    assert any("29.10Z" in warning and "deux fois" in warning for warning in summary.warnings)
    assert not IndustryEmploymentResult.objects.filter(definition="filiere").exists()
    assert IndustryEmploymentResult.objects.filter(definition="sector").exists()


def test_publishing_employment_recomputes_once_after_commit(employment_dataset, insee_table,
                                                            django_capture_on_commit_callbacks):
    from django.db import connection

    from observatory.importers.service import publish_dataset

    IndustryEmploymentResult.objects.all().delete()
    # The fixtures' imports already scheduled a recompute in the test transaction, which never commits.
    connection.run_on_commit.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        draft = Dataset.objects.create(kind="employment", title="Emploi", source="Urssaf", vintage=2024,
                                       original_filename="e.csv", checksum="x" * 64)
        publish_dataset(draft)
        draft.save()
    recompute_callbacks = [c for c in callbacks if getattr(c, "__name__", "") == "_recompute_after_commit"]
    assert len(recompute_callbacks) == 1
    assert IndustryEmploymentResult.objects.filter(territory__key="REG-32", definition="io").exists()


def test_filiere_figures_for_careers_gives_sector_and_filiere_jobs_with_source(industry_world):
    figures = filiere_figures("automobile", industry_world["DEP-59"])
    assert figures is not None
    assert figures.sector_jobs == EMPLOYMENT["DEP-59"]["29.10Z"]
    assert figures.filiere_jobs > figures.sector_jobs
    assert figures.gap_jobs == pytest.approx(figures.filiere_jobs - figures.sector_jobs, abs=0.2)
    assert figures.vintage == 2023 and figures.is_synthetic and not figures.is_fallback
    assert figures.source == "Données de démonstration synthétiques"


def test_a_filiere_page_names_the_observatorys_scope_its_figures_count_and_calls_them_an_estimate(industry_world):
    from django.template.loader import render_to_string

    figures = filiere_figures("automobile", industry_world["DEP-59"])
    html = render_to_string("careers/includes/filiere_figures.html",
                            {"figures": figures, "page_title": "Équipementiers automobiles"})
    assert f"emplois dans la filière « {figures.name} »" in html and "estimation de l’observatoire" in html
    assert f"portent sur le périmètre « {figures.name} » de l’observatoire" in html
    assert "Données de démonstration (synthétiques)" in html
    same_name = render_to_string("careers/includes/filiere_figures.html",
                                 {"figures": figures, "page_title": figures.name})
    assert "portent sur le périmètre" not in same_name


def test_filiere_figures_fall_back_to_the_region_and_say_so(industry_world):
    figures = filiere_figures("automobile", industry_world["DEP-62"])
    assert figures.is_fallback and figures.territory.key == "REG-32"


def test_filiere_figures_is_none_for_an_unknown_filiere_or_no_territory(industry_world):
    assert filiere_figures("spatial-lunaire", industry_world["REG-32"]) is None
    assert filiere_figures("automobile", None) is None


def test_filiere_figures_is_importable_from_observatory_services():
    from observatory import services

    assert services.filiere_figures is filiere_figures


# --- import_data io-table / io-insee-a38 -------------------------------------------------------


@pytest.mark.django_db
def test_import_data_io_table_stores_the_un_example_with_its_multipliers(capsys):
    call_command("import_data", "io-table", str(DATA / "un_handbook_germany_2009.csv"), "--publish")
    table = InputOutputTable.objects.get()
    assert table.dataset.status == DatasetStatus.PUBLISHED and table.dataset.vintage == 2009
    assert table.year == 2009 and table.layout == "un-handbook" and len(table.codes) == 6
    np.testing.assert_allclose(np.round(table.output_multipliers, 4), [1.8759, 1.8696, 1.8697, 1.7045, 1.5641, 1.4030])
    assert table.employment == {"salaried": [12921, 10491, 14242, 16472, 9560, 19257],
                                "total": [22796, 11494, 17034, 18686, 11194, 21180]}
    assert "multiplicateurs de production de 1.403 à 1.876" in capsys.readouterr().out


@pytest.mark.django_db
def test_import_data_io_table_dry_run_stores_nothing(capsys):
    call_command("import_data", "io-table", str(DATA / "un_handbook_germany_2009.csv"), "--dry-run")
    assert not InputOutputTable.objects.exists() and not Dataset.objects.exists()
    assert "Simulation" in capsys.readouterr().out


@pytest.mark.django_db
def test_import_data_io_table_rejects_an_unbalanced_table_and_changes_nothing(tmp_path, capsys):
    call_command("import_data", "io-table", str(DATA / "un_handbook_germany_2009.csv"), "--publish")
    broken = tmp_path / "tableau_2010.csv"
    broken.write_text((DATA / "un_handbook_germany_2009.csv").read_text().replace("industry_group,7,394",
                                                                                  "industry_group,7,494"))
    with pytest.raises(CommandError, match="Import refusé"):
        call_command("import_data", "io-table", str(broken), "--publish")
    assert "ligne 3, colonne « total_output_bp »" in capsys.readouterr().err
    assert InputOutputTable.objects.count() == 1 and Dataset.objects.count() == 1


@pytest.mark.django_db
def test_import_data_io_table_without_year_asks_for_one(tmp_path, capsys):
    nameless = tmp_path / "tableau.csv"
    nameless.write_bytes((DATA / "un_handbook_germany_2009.csv").read_bytes())
    with pytest.raises(CommandError):
        call_command("import_data", "io-table", str(nameless))
    assert "année introuvable" in capsys.readouterr().err
    call_command("import_data", "io-table", str(nameless), "--vintage", "2009")
    assert InputOutputTable.objects.get().year == 2009


@pytest.mark.django_db
def test_import_data_io_insee_a38_refuses_an_incomplete_zip(tmp_path, capsys):
    import zipfile

    archive = tmp_path / "insee_a38_2018.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for part in ("tei", "cpeb", "ere", "branches"):
            handle.write(DATA / f"insee_a38_2018_{part}.csv", f"insee_a38_2018_{part}.csv")
    with pytest.raises(CommandError):
        call_command("import_data", "io-insee-a38", str(archive), "--publish")
    assert "insee_a38_*_tess.csv" in capsys.readouterr().err
    assert not InputOutputTable.objects.exists()


@pytest.mark.django_db
def test_import_data_io_insee_a38_refuses_a_plain_csv(capsys):
    with pytest.raises(CommandError):
        call_command("import_data", "io-insee-a38", str(DATA / "insee_a38_2018_tei.csv"))
    assert "archive ZIP attendue" in capsys.readouterr().err


def test_insee_table_import_computes_a_productive_leontief_inverse(insee_table):
    assert insee_table.year == 2018 and insee_table.uses_a38 and len(insee_table.codes) == 37
    assert min(insee_table.output_multipliers) >= 1
    leontief = np.asarray(insee_table.leontief)
    np.testing.assert_allclose((np.eye(37) - np.asarray(insee_table.coefficients)) @ leontief, np.eye(37), atol=1e-9)


def test_recompute_command_reports_what_it_did_and_can_use_simple_quotients(industry_world, capsys):
    call_command("recompute_industry", "--method", "slq")
    assert "résultats recalculés pour 3 couples territoire × année" in capsys.readouterr().out
    assert totals("REG-32")["io"].method == "slq"


def test_recompute_command_can_reset_edited_scopes(industry_world):
    FiliereScope.objects.filter(filiere__slug="automobile").delete()
    call_command("recompute_industry", "--reset-scopes")
    assert FiliereScope.objects.filter(filiere__slug="automobile", code="29").exists()


@pytest.mark.django_db
def test_statistician_uploads_the_insee_zip_in_the_admin(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from observatory.industry_import import read_insee_folder

    upload = SimpleUploadedFile("insee_a38_2018.zip", read_insee_folder(DATA, 2018).getvalue(),
                                content_type="application/zip")
    response = admin_client.post("/admin/observatoire/importer/", {"kind": "io-insee-a38", "file": upload,
                                                                   "publish": "on"}, follow=True)
    assert "État : terminé" in response.content.decode(), response.content.decode()[:2000]
    table = InputOutputTable.objects.get()
    assert table.year == 2018 and table.dataset.status == DatasetStatus.PUBLISHED
    assert table.dataset.get_kind_display() == "Tableau entrées-sorties INSEE A38"


def test_reading_the_default_temporary_work_share_for_a_page_starts_no_recomputation(db):
    from django.db import connection

    from observatory.industry_service import _recompute_after_commit
    from observatory.models.industry import TemporaryWorkShare

    def recomputations() -> int:
        return sum(entry[1] is _recompute_after_commit for entry in connection.run_on_commit)

    connection.run_on_commit.clear()
    setting = TemporaryWorkShare.load()  # first read creates the row with its defaults
    assert recomputations() == 0
    setting.save()  # an edit does recompute
    assert recomputations() == 1
