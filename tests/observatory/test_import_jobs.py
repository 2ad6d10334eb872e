"""Imports started from the admin run in the background: queued, run by the worker, followed, one per kind."""

from __future__ import annotations

import datetime
import logging
import re
import signal

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from observatory import import_jobs
from observatory.importers import service
from observatory.models import Dataset, DatasetStatus, ImportJob, ImportJobStatus, TensionIndicator, Territory
from website.roles import REGION, apply_roles

from .conftest import DATA

UPLOAD = "/admin/observatoire/importer/"
#: "imports" back on the database queue, as in production (the test settings run tasks at once).
QUEUED_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "imports": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
TENSION_HEADER = ("fap,Emploi moyen,Tension ,Catégorie Tension,Intensité d'embauches,Lien formation-emploi,"
                  "Manque de main-d'œuvre disponible,Non-durabilité de l'emploi,Conditions de travail contraignantes,"
                  "Inadéquation géographique,Année,niveau_geo,niveau_fap,reg,dep\n")
TENSION_ROW = "{fap},2600,0.5,5.0,4.0,5.0,5.0,2.0,3.0,3.0,2019,reg ,fap 225,32.0,\n"


@pytest.fixture
def private_files(tmp_path, monkeypatch):
    """The job's private storage, in a folder of this test (to see what is stored and deleted)."""
    storage = FileSystemStorage(location=tmp_path / "private")
    monkeypatch.setattr(ImportJob._meta.get_field("file"), "storage", storage)
    return tmp_path / "private"


def stored_files(folder) -> list[str]:
    return sorted(path.name for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


@pytest.fixture
def worker_process_state():
    """``db_worker`` installs signal handlers and sets log levels for its process: give them back."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    loggers = {name: logging.getLogger(name).level for name in ("django_tasks", "django_tasks_db")}
    yield
    for number, handler in handlers.items():
        signal.signal(number, handler)
    for name, level in loggers.items():
        logging.getLogger(name).setLevel(level)


def statistician(django_user_model, name: str = "stat"):
    user = django_user_model.objects.create_user(name, password="x")
    user.groups.add(Group.objects.get(name="Statisticiens"))
    return user


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def job_url(job: ImportJob) -> str:
    return reverse("observatory_admin:import_job", args=[job.pk])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_queued_import_waits_for_the_worker_which_imports_and_publishes_it(
        client, django_user_model, settings, private_files, worker_process_state):
    settings.TASKS = QUEUED_TASKS
    client.force_login(statistician(django_user_model))
    response = client.post(UPLOAD, {"kind": "territories", "file": upload("cog_regions.csv",
                                                                         (DATA / "cog_regions.csv").read_bytes())})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job_url(job)
    # The request only stored the file and queued the task: nothing is imported yet.
    assert job.status == ImportJobStatus.QUEUED and job.requested_by.username == "stat"
    assert DBTaskResult.objects.get(id=job.task_id).status == "READY"
    assert stored_files(private_files) == [job.file.name.rsplit("/", 1)[-1]]
    assert not Territory.objects.exists()
    waiting = client.get(job_url(job)).content.decode()
    assert "État : en attente" in waiting and '<meta http-equiv="refresh" content="5">' in waiting

    call_command("db_worker", "--batch", "--backend", "imports", "--no-startup-delay", "--no-reload",
                 verbosity=0)

    job.refresh_from_db()
    assert job.status == ImportJobStatus.SUCCEEDED, job.error
    assert job.dataset.kind == "territories" and job.dataset.status == DatasetStatus.PUBLISHED
    assert Territory.objects.filter(key="REG-32").exists() and job.rows_read == Territory.objects.count() == 19
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"
    assert stored_files(private_files) == [] and not job.file  # the upload is deleted once imported
    done = client.get(job_url(job)).content.decode()
    assert "État : terminé" in done and "http-equiv" not in done
    assert f"Voir la version n° {job.dataset.pk}" in done


@pytest.mark.django_db
def test_a_second_import_of_a_kind_is_refused_while_the_first_is_queued(client, django_user_model, settings,
                                                                        private_files):
    settings.TASKS = QUEUED_TASKS
    client.force_login(statistician(django_user_model))
    regions = (DATA / "cog_regions.csv").read_bytes()
    client.post(UPLOAD, {"kind": "territories", "file": upload("cog_regions.csv", regions)})
    first = ImportJob.objects.get()

    response = client.post(UPLOAD, {"kind": "territories", "file": upload("cog_departements.csv", regions)})

    assert response.status_code == 409
    html = response.content.decode()
    assert "Un import « Territoires (COG INSEE) » est déjà en attente" in html
    assert f"n° {first.pk}" in html and "attendez qu&#x27;il se termine" in html
    assert list(ImportJob.objects.values_list("pk", flat=True)) == [first.pk]
    assert len(stored_files(private_files)) == 1  # the refused file is not kept
    # Another kind is not held up.
    other = client.post(UPLOAD, {"kind": "naf", "file": upload("naf_rev2.csv", b"code,libelle\n")})
    assert other.status_code == 302 and ImportJob.objects.count() == 2


@pytest.mark.django_db
def test_the_database_refuses_two_active_imports_of_one_kind(django_user_model):
    ImportJob.objects.create(kind="bmo", original_filename="bmo_2025.xlsx", status=ImportJobStatus.RUNNING)
    ImportJob.objects.create(kind="bmo", original_filename="bmo_2024.xlsx", status=ImportJobStatus.SUCCEEDED)
    with pytest.raises(IntegrityError), transaction.atomic():
        ImportJob.objects.create(kind="bmo", original_filename="bmo_2026.xlsx")


def test_a_bad_file_fails_with_its_line_numbers_on_the_job_page_and_publishes_nothing(
        client, nomenclatures, django_user_model, private_files):
    client.force_login(statistician(django_user_model))
    datasets_before = Dataset.objects.count()
    content = TENSION_HEADER + TENSION_ROW.format(fap="D1Z40") + TENSION_ROW.format(fap="Z9Z99")

    response = client.post(UPLOAD, {"kind": "tension", "file": upload("tensions.csv", content.encode()),
                                    "publish": "on"}, follow=True)

    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.FAILED and job.problem_count == 1
    assert job.problems[0]["line"] == 3 and job.problems[0]["value"] == "Z9Z99"
    html = response.content.decode()
    assert "État : échoué" in html and "Fichier refusé : 1 problème(s). Rien n&#x27;a été modifié." in html
    assert re.search(r"<tr><td>3</td><td>fap</td><td>Z9Z99</td><td>[^<]+</td></tr>", html)
    assert Dataset.objects.count() == datasets_before and not TensionIndicator.objects.exists()
    assert stored_files(private_files) == []


@pytest.mark.django_db
def test_the_job_page_shows_the_progress_reported_by_the_worker(client, django_user_model):
    client.force_login(statistician(django_user_model))
    job = ImportJob.objects.create(kind="employment", original_filename="emploi_2025.csv", file_size=23_000_000,
                                   status=ImportJobStatus.RUNNING, started_at=timezone.now())
    import_jobs.report_progress(job.pk, service.STAGE_READING, 140_000)

    html = client.get(job_url(job)).content.decode()

    assert "État : en cours" in html
    assert re.search(r"Étape : Lecture et vérification des lignes — 140\W000 ligne\(s\) lue\(s\)", html)
    assert '<meta http-equiv="refresh" content="5">' in html and "?actualiser=non" in html
    assert "Déclarer cet import interrompu" not in html  # its worker is alive
    assert "http-equiv" not in client.get(job_url(job) + "?actualiser=non").content.decode()


def test_the_worker_reports_progress_every_n_rows_and_at_each_stage(nomenclatures, monkeypatch, private_files):
    monkeypatch.setattr(service, "PROGRESS_EVERY", 500)
    reports = []
    monkeypatch.setattr(import_jobs, "report_progress", lambda job_id, stage, rows: reports.append((stage, rows)))
    content = (DATA / "tensions_hdf_2019.csv").read_bytes()
    job = import_jobs.start_import("tension", upload("tensions_hdf_2019.csv", content), publish=True)

    assert job.status == ImportJobStatus.SUCCEEDED and job.rows_read == 1841
    reading = [rows for stage, rows in reports if stage == service.STAGE_READING]
    assert reading == [0, 500, 1000, 1500, 1841]
    assert [stage for stage, _ in reports][-2:] == [service.STAGE_COMPARING, service.STAGE_PUBLISHING]


def test_an_import_stopped_while_running_rolls_back_everything(nomenclatures, monkeypatch, private_files):
    """A job declared interrupted (its worker looked dead) stops at the worker's next report, and what it
    had written is rolled back. (The declaration itself comes from another database session, which one
    test connection cannot play: the worker's check is made to see it.)"""
    monkeypatch.setattr(service, "PROGRESS_EVERY", 500)
    reported = []
    monkeypatch.setattr(import_jobs, "report_progress", lambda job_id, stage, rows: reported.append(rows))
    monkeypatch.setattr(import_jobs, "still_running", lambda job_id: max(reported) < 1000)
    content = (DATA / "tensions_hdf_2019.csv").read_bytes()

    job = import_jobs.start_import("tension", upload("tensions_hdf_2019.csv", content), publish=True)

    assert max(reported) == 1000  # it stopped at the first report after the declaration
    assert not TensionIndicator.objects.exists() and not Dataset.objects.filter(kind="tension").exists()
    assert job.status != ImportJobStatus.SUCCEEDED and job.dataset is None
    assert stored_files(private_files) == []


@pytest.mark.django_db
def test_a_job_runs_once_even_if_its_task_is_delivered_twice(settings, private_files):
    settings.TASKS = QUEUED_TASKS
    job = import_jobs.start_import("territories", upload("cog_regions.csv", (DATA / "cog_regions.csv").read_bytes()))
    assert import_jobs.run_job(job.pk) == ImportJobStatus.SUCCEEDED
    assert import_jobs.run_job(job.pk) == ImportJobStatus.SUCCEEDED
    assert Dataset.objects.filter(kind="territories").count() == 1


@pytest.mark.django_db
def test_a_cancelled_job_is_skipped_by_the_worker_and_its_file_deleted(settings, private_files, django_user_model):
    settings.TASKS = QUEUED_TASKS
    user = statistician(django_user_model)
    job = import_jobs.start_import("territories", upload("cog_regions.csv", (DATA / "cog_regions.csv").read_bytes()))

    assert import_jobs.stop_job(job.pk, user)
    assert import_jobs.run_job(job.pk) == ImportJobStatus.FAILED
    job.refresh_from_db()
    assert job.error == "Annulé par stat avant de commencer." and not Territory.objects.exists()
    assert stored_files(private_files) == []
    # The kind is free again.
    assert import_jobs.start_import("territories", upload("r.csv", b"REG,LIBELLE\n")).status == "queued"


@pytest.mark.django_db
def test_only_a_running_job_whose_worker_went_silent_may_be_declared_interrupted(client, django_user_model):
    user = statistician(django_user_model)
    client.force_login(user)
    job = ImportJob.objects.create(kind="bmo", original_filename="bmo.xlsx", status=ImportJobStatus.RUNNING,
                                   started_at=timezone.now() - datetime.timedelta(hours=2))
    import_jobs.report_progress(job.pk, service.STAGE_READING, 20_000)
    assert not import_jobs.stop_job(job.pk, user)  # its worker reported just now

    caches["shared"].clear()  # nothing heard from the worker since it started, two hours ago
    assert "Déclarer cet import interrompu" in client.get(job_url(job)).content.decode()
    assert import_jobs.stop_job(job.pk, user)
    job.refresh_from_db()
    assert job.status == ImportJobStatus.FAILED and job.error.startswith("Déclaré interrompu par stat")


@pytest.mark.django_db
def test_users_who_are_not_statisticians_cannot_see_or_stop_imports(client, django_user_model):
    apply_roles()
    job = ImportJob.objects.create(kind="bmo", original_filename="bmo_confidentiel.xlsx")
    region = django_user_model.objects.create_user("region", password="x")
    region.groups.add(Group.objects.get(name=REGION))
    client.force_login(region)
    for address in (reverse("observatory_admin:import_jobs"), job_url(job), UPLOAD):
        response = client.get(address)
        assert response.status_code in (302, 403) and "bmo_confidentiel" not in response.content.decode()
    client.post(reverse("observatory_admin:stop_import_job", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJobStatus.QUEUED

    client.force_login(statistician(django_user_model))
    assert "bmo_confidentiel.xlsx" in client.get(reverse("observatory_admin:import_jobs")).content.decode()
