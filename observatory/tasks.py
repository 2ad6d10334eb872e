"""Background tasks of the observatory (django-tasks), run by ``manage.py db_worker --backend imports``."""

from __future__ import annotations

from django_tasks import task

#: The task backend of the imports (``settings.TASKS``): the database queue, read by the worker.
IMPORTS_BACKEND = "imports"


@task(backend=IMPORTS_BACKEND)
def run_import_job(job_id: int) -> str:
    """Import the file of :class:`~observatory.models.ImportJob` ``job_id``; returns the job's final status."""
    from observatory.import_jobs import run_job

    return run_job(job_id)
