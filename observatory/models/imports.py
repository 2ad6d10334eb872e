"""Imports started from the admin and run in the background: what was asked, how far it got, how it ended."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from .datasets import Dataset, DatasetKind


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", _("en attente")
    RUNNING = "running", _("en cours")
    SUCCEEDED = "succeeded", _("terminé")
    FAILED = "failed", _("échoué")


#: Statuses of a job that still holds its kind: one import of a kind at a time.
ACTIVE_STATUSES = (ImportJobStatus.QUEUED, ImportJobStatus.RUNNING)


def private_storage() -> Storage:
    """The storage that is never served (``STORAGES["private"]``): uploads wait there for the worker."""
    return storages["private"]


def upload_path(job: ImportJob, filename: str) -> str:
    # A random prefix: two uploads of « bmo.xlsx » never meet, and no name can be guessed.
    return f"observatory-imports/{uuid.uuid4().hex}-{get_valid_filename(filename)[-100:]}"


class ImportJob(models.Model):
    """One file uploaded in the admin, imported by the task worker (``manage.py db_worker --backend imports``).

    The file waits in the private storage and is deleted once imported, whatever the outcome. The
    import itself is :func:`observatory.importers.service.run_import`, all or nothing; this row
    says what was asked, the outcome (counts, the problems with their line numbers) and the
    dataset version created. Progress while it runs is in the shared cache
    (:mod:`observatory.import_jobs`): the import's own transaction cannot show it.
    """

    kind = models.CharField(_("type"), max_length=20, choices=DatasetKind.choices)
    file = models.FileField(_("fichier en attente"), storage=private_storage, upload_to=upload_path, max_length=255,
                            blank=True)
    original_filename = models.CharField(_("fichier"), max_length=255)
    file_size = models.PositiveBigIntegerField(_("taille (octets)"), default=0)
    # What the statistician asked for, as on the upload form.
    dry_run = models.BooleanField(_("simulation"), default=False)
    publish = models.BooleanField(_("publier"), default=False)
    vintage = models.PositiveSmallIntegerField(_("millésime demandé"), null=True, blank=True)
    filters = models.JSONField(_("filtres"), default=dict, blank=True,
                               help_text=_("Lignes gardées, ex. {\"region\": \"32\"} (types qui le permettent)."))
    synthetic = models.BooleanField(_("données synthétiques"), default=False)
    public = models.BooleanField(_("données publiques"), default=True)
    licence = models.CharField(_("licence"), max_length=120, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("lancé par"))
    # How it went.
    status = models.CharField(_("état"), max_length=10, choices=ImportJobStatus.choices,
                              default=ImportJobStatus.QUEUED)
    task_id = models.CharField(_("tâche"), max_length=64, blank=True)
    rows_read = models.PositiveIntegerField(_("lignes lues"), default=0)
    created_count = models.PositiveIntegerField(_("nouvelles valeurs"), default=0)
    updated_count = models.PositiveIntegerField(_("valeurs modifiées"), default=0)
    unchanged_count = models.PositiveIntegerField(_("valeurs identiques"), default=0)
    removed_count = models.PositiveIntegerField(_("valeurs disparues"), default=0)
    summary = models.TextField(_("compte rendu"), blank=True)
    problems = models.JSONField(_("problèmes"), default=list, blank=True,
                                help_text=_("Les premiers problèmes du fichier : ligne, colonne, valeur, raison."))
    problem_count = models.PositiveIntegerField(_("nombre de problèmes"), default=0)
    error = models.TextField(_("erreur"), blank=True,
                             help_text=_("Ce qui a arrêté l'import hors problème du fichier (annulation, panne)."))
    dataset = models.ForeignKey(Dataset, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                verbose_name=_("version créée"))
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("import en arrière-plan")
        verbose_name_plural = _("imports en arrière-plan")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Two imports of one kind would both archive « the published version » and rebuild the
            # same derived tables: the second waits for the first to end.
            models.UniqueConstraint(fields=["kind"], condition=models.Q(status__in=ACTIVE_STATUSES),
                                    name="observatory_importjob_one_active_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.original_filename} (n° {self.pk})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def summary_lines(self) -> list[str]:
        return [line for line in self.summary.splitlines() if line.strip()]
