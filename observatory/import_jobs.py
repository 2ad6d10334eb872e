"""Background imports: started from the admin, run by the task worker, followed, stopped.

The web request only stores the uploaded file (private storage) and queues an
:class:`~observatory.models.ImportJob`; the task worker (``manage.py db_worker --backend
imports``, another process) runs :func:`run_job`. A 1.76-million-row file used to hold a web
request for 275 s; now the request returns at once and the admin follows the job's page.

The import itself is unchanged (:func:`observatory.importers.service.run_import`): one
transaction, all or nothing. That is why its progress cannot go through the database — nobody
sees a row updated inside a transaction that has not committed, and on SQLite the import holds
the only write lock — so it goes through the ``shared`` cache, which every process sees.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import asdict, dataclass

from django.core.cache import caches
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from observatory.importers.service import ImportResult, run_import
from observatory.models import ACTIVE_STATUSES, ImportJob, ImportJobStatus

logger = logging.getLogger(__name__)

#: How long a progress report is kept (an import that takes longer has other problems).
PROGRESS_TIMEOUT = 60 * 60 * 24
#: A running job that reports nothing for this long may be declared interrupted: its worker was
#: killed (out of memory, server restarted) and will not say so itself. Reports come every few
#: seconds while rows are read; comparing and publishing a large version take a few minutes.
SILENCE_LIMIT = datetime.timedelta(minutes=30)
#: A job still queued after this long suggests that no worker is running.
QUEUE_WARNING = datetime.timedelta(minutes=2)


class ImportAlreadyActive(Exception):
    """Another import of the same kind is queued or running (``job``, when it is still there)."""

    def __init__(self, job: ImportJob | None):
        super().__init__(f"un import de ce type est déjà en cours (n° {job.pk if job else '?'})")
        self.job = job


class JobStopped(Exception):
    """The job was declared interrupted while its worker was still running it."""


@dataclass(frozen=True)
class Progress:
    """Where a running import stands, as its worker last reported."""

    stage: str
    rows: int
    at: datetime.datetime


def _progress_key(job_id: int) -> str:
    return f"observatory:import-job:{job_id}:progress"


def report_progress(job_id: int, stage: str, rows: int) -> None:
    caches["shared"].set(_progress_key(job_id), {"stage": stage, "rows": rows, "at": timezone.now()},
                         PROGRESS_TIMEOUT)


def progress_of(job: ImportJob) -> Progress | None:
    """The last progress report of ``job`` (None before its first one, or when it is over)."""
    if job.status != ImportJobStatus.RUNNING:
        return None
    report = caches["shared"].get(_progress_key(job.pk))
    return Progress(**report) if report else None


def last_sign_of_life(job: ImportJob) -> datetime.datetime:
    progress = progress_of(job)
    return progress.at if progress else (job.started_at or job.created_at)


def is_silent(job: ImportJob, now: datetime.datetime | None = None) -> bool:
    """A running job whose worker has said nothing for :data:`SILENCE_LIMIT`."""
    return (job.status == ImportJobStatus.RUNNING
            and (now or timezone.now()) - last_sign_of_life(job) > SILENCE_LIMIT)


def waits_too_long(job: ImportJob, now: datetime.datetime | None = None) -> bool:
    """A job still queued after :data:`QUEUE_WARNING`: is a worker running?"""
    return job.status == ImportJobStatus.QUEUED and (now or timezone.now()) - job.created_at > QUEUE_WARNING


def active_job(kind: str) -> ImportJob | None:
    """The queued or running import of ``kind``, if any."""
    return ImportJob.objects.filter(kind=kind, status__in=ACTIVE_STATUSES).select_related("requested_by").first()


def start_import(kind: str, uploaded: UploadedFile, *, user=None, dry_run: bool = False, publish: bool = False,
                 vintage: int | None = None, synthetic: bool = False, public: bool = True,
                 licence: str = "", filters: dict[str, str] | None = None) -> ImportJob:
    """Store ``uploaded``, record the job and queue it for the task worker.

    Raises :class:`ImportAlreadyActive` when an import of ``kind`` is queued or running: one at
    a time per kind, enforced by a unique constraint on the active jobs (two requests at once
    cannot both pass the check). With an immediate task backend (tests) the job has run when
    this returns.
    """
    from observatory.tasks import run_import_job

    blocking = active_job(kind)
    if blocking is not None:
        raise ImportAlreadyActive(blocking)
    job = ImportJob(kind=kind, original_filename=(uploaded.name or "fichier")[:255], file_size=uploaded.size or 0,
                    dry_run=dry_run, publish=publish, vintage=vintage, synthetic=synthetic, public=public,
                    licence=licence, filters=filters or {}, requested_by=user if user is not None and user.is_authenticated else None)
    job.file.save(job.original_filename, uploaded, save=False)
    try:
        with transaction.atomic():
            job.save()
    except IntegrityError:
        job.file.delete(save=False)
        raise ImportAlreadyActive(active_job(kind)) from None
    try:
        result = run_import_job.enqueue(job.pk)
    except Exception as error:
        logger.exception("import job %s could not be queued", job.pk)
        _record_failure(job.pk, f"L'import n'a pas pu être mis en file d'attente ({type(error).__name__}) : "
                                "rien n'a été importé. Réessayez, ou prévenez l'administrateur du site.")
        _delete_file(job.pk)
    else:
        ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def run_job(job_id: int) -> str:
    """Run a queued job (in the task worker) and return its final status.

    Claims the job by a conditional update (queued → running, and no other import of its kind
    running), so that a task delivered twice, or two workers, never run one kind twice at once;
    a job cancelled meanwhile is skipped. The file is deleted afterwards, whatever the outcome.
    """
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.status != ImportJobStatus.QUEUED:
        return job.status if job else "missing"
    other_running = ImportJob.objects.filter(kind=OuterRef("kind"), status=ImportJobStatus.RUNNING).exclude(
        pk=OuterRef("pk"))
    claimed = (ImportJob.objects.filter(pk=job_id, status=ImportJobStatus.QUEUED).exclude(Exists(other_running))
               .update(status=ImportJobStatus.RUNNING, started_at=timezone.now()))
    if not claimed:
        job.refresh_from_db()
        if job.status == ImportJobStatus.QUEUED:
            _record_failure(job_id, "Un autre import du même type était en cours : celui-ci n'a pas été lancé. "
                                    "Relancez-le quand l'autre sera terminé.")
            _delete_file(job_id)
            job.refresh_from_db()
        return job.status
    tracker = _Tracker(job_id)
    tracker(None, 0)
    try:
        with job.file.open("rb") as stream:
            result = run_import(job.kind, stream, job.original_filename, user=job.requested_by, publish=job.publish,
                                dry_run=job.dry_run, vintage=job.vintage, synthetic=job.synthetic,
                                public=job.public, licence=job.licence or None, progress=tracker,
                                filters=job.filters or None)
    except JobStopped:
        return ImportJobStatus.FAILED  # the job's row already says who stopped it and why
    except BaseException as error:
        logger.exception("import job %s failed", job_id)
        if isinstance(error, Exception):
            _record_failure(job_id, f"Erreur inattendue pendant l'import ({type(error).__name__} : {error}) : "
                                    "rien n'a été enregistré.", rows_read=tracker.rows)
            return ImportJobStatus.FAILED
        # The worker is being stopped (Ctrl+C, SIGTERM twice): the transaction was rolled back.
        _record_failure(job_id, "Le processus de fond a été arrêté pendant l'import : rien n'a été enregistré. "
                                "Relancez l'import.", rows_read=tracker.rows)
        raise
    finally:
        caches["shared"].delete(_progress_key(job_id))
        _delete_file(job_id)
    return _record_result(job_id, result, tracker.rows)


def stop_job(job_id: int, user) -> bool:
    """Cancel a queued job, or declare interrupted a running one whose worker went silent
    (:func:`is_silent`). Returns whether the job was stopped."""
    name = user.get_full_name() or user.get_username()
    now = timezone.now()
    stopped = ImportJob.objects.filter(pk=job_id, status=ImportJobStatus.QUEUED).update(
        status=ImportJobStatus.FAILED, finished_at=now, error=f"Annulé par {name} avant de commencer.")
    if not stopped:
        job = ImportJob.objects.filter(pk=job_id).first()
        if job is None or not is_silent(job, now):
            return False
        # The worker checks its job's status at each progress report and stops if it changed.
        stopped = ImportJob.objects.filter(pk=job_id, status=ImportJobStatus.RUNNING).update(
            status=ImportJobStatus.FAILED, finished_at=now,
            error=f"Déclaré interrompu par {name} : le processus de fond n'a rien signalé depuis plus de "
                  f"{int(SILENCE_LIMIT.total_seconds() // 60)} minutes. S'il tourne encore, il s'arrêtera à "
                  "la prochaine étape sans rien enregistrer.")
    if stopped:
        _delete_file(job_id)
    return bool(stopped)


class _Tracker:
    """The progress callback of one job: reports to the shared cache, stops if the job was stopped."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.rows = 0
        self.stage = ""

    def __call__(self, stage: str | None, rows: int) -> None:
        self.rows = max(self.rows, rows)
        self.stage = stage or "Démarrage"
        report_progress(self.job_id, self.stage, self.rows)
        if stage is not None and not still_running(self.job_id):
            raise JobStopped


def still_running(job_id: int) -> bool:
    """Whether the job is still « running » (not declared interrupted): read at each progress report.

    On PostgreSQL the import's transaction sees the other sessions' commits (read committed).
    """
    return ImportJob.objects.filter(pk=job_id, status=ImportJobStatus.RUNNING).exists()


def _record_result(job_id: int, result: ImportResult, rows_read: int) -> str:
    status = ImportJobStatus.SUCCEEDED if result.ok else ImportJobStatus.FAILED
    lines = result.summary_lines()
    # A refused file: its problems are stored one by one (shown as a table), the first line sums up.
    summary = lines[0] if not result.ok else "\n".join(lines)
    # Whatever the job's row says (it may have been declared interrupted), it records what happened.
    ImportJob.objects.filter(pk=job_id).update(
        status=status, finished_at=timezone.now(), rows_read=max(rows_read, result.rows),
        created_count=result.created, updated_count=result.updated, unchanged_count=result.unchanged,
        removed_count=result.removed, summary=summary[:20_000],
        problems=[asdict(problem) for problem in result.log.problems], problem_count=result.log.count,
        dataset=result.dataset if result.ok and not result.dry_run else None,
    )
    return status


def _record_failure(job_id: int, error: str, rows_read: int = 0) -> None:
    try:
        ImportJob.objects.filter(pk=job_id).update(status=ImportJobStatus.FAILED, finished_at=timezone.now(),
                                                   error=error[:2000], rows_read=rows_read)
    except Exception:  # the database itself may be what failed: the log keeps the error
        logger.exception("import job %s: the failure could not be recorded", job_id)


def _delete_file(job_id: int) -> None:
    job = ImportJob.objects.filter(pk=job_id).only("pk", "file").first()
    if job is None or not job.file:
        return
    try:
        job.file.delete(save=False)
    except Exception:
        logger.exception("import job %s: the uploaded file could not be deleted", job_id)
        return
    ImportJob.objects.filter(pk=job_id).update(file="")
