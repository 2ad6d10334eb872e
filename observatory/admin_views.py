"""Wagtail admin screens of the observatory: upload a file (imported in the background by the same importer as
the command), follow the imports, list and publish versions, see which data is out of date."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.validators import FileExtensionValidator
from django.db import OperationalError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from observatory.import_jobs import (
    SILENCE_LIMIT,
    ImportAlreadyActive,
    is_silent,
    progress_of,
    start_import,
    stop_job,
    waits_too_long,
)
from observatory.importers.registry import IMPORT_KINDS
from observatory.importers.service import publish_dataset
from observatory.models import Dataset, DatasetKind, DatasetStatus, ImportJob, ImportJobStatus
from observatory.stale_data import stale_datasets

MAX_UPLOAD_BYTES = 200 * 1024 * 1024  # the largest official files (BMO, employment) stay far below
ALLOWED_EXTENSIONS = ["csv", "txt", "xlsx", "zip"]  # zip: INSEE input–output extraction (io-insee-a38)
#: Seconds between two reloads of the page of an import that is not over.
REFRESH_SECONDS = 5
SILENCE_MINUTES = int(SILENCE_LIMIT.total_seconds() // 60)


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type de fichier"), choices=[(entry.kind, entry.label) for entry in IMPORT_KINDS])
    file = forms.FileField(label=_("Fichier"), validators=[FileExtensionValidator(ALLOWED_EXTENSIONS)],
                           help_text=_("CSV (UTF-8 ou Latin-1, virgule ou point-virgule), texte SAS ou Excel .xlsx ; "
                                       "200 Mo au plus."))
    vintage = forms.IntegerField(label=_("Millésime"), required=False, min_value=1950, max_value=2100,
                                 help_text=_("Par défaut : l'année la plus récente du fichier."))
    synthetic = forms.BooleanField(
        label=_("Chiffres synthétiques ou estimés (non officiels)"), required=False,
        help_text=_("Signalés comme tels sur chaque page, CSV et réponse de l'API, sans producteur, licence ni "
                    "adresse officiels."))
    reference = forms.BooleanField(
        label=_("Table de contrôle ou de référence (non publique)"), required=False,
        help_text=_("Gardée pour les vérifications, ni listée sur le site ni servie par l'API."))
    licence = forms.CharField(label=_("Licence du producteur"), required=False, max_length=120,
                              help_text=_("Par défaut : celle du type de fichier."))
    region = forms.RegexField(label=_("Seulement la région (code Insee)"), required=False, regex=r"^\d{2}$",
                              help_text=_("Ex. 32 pour les Hauts-de-France : pour les fichiers nationaux qui le "
                                          "permettent (%(kinds)s).") % {"kinds": ", ".join(
                                  entry.kind for entry in IMPORT_KINDS if "region" in entry.filters)})
    departement = forms.RegexField(label=_("Seulement le département (code Insee)"), required=False,
                                   regex=r"^(\d{2}|2[AB]|97\d)$")
    year = forms.RegexField(label=_("Seulement l'année"), required=False, regex=r"^(19|20)\d{2}$",
                            help_text=_("Ex. 2022, pour les fichiers à une colonne par année (%(kinds)s) ; par "
                                        "défaut toutes les années.") % {"kinds": ", ".join(
                                entry.kind for entry in IMPORT_KINDS if "year" in entry.filters)})
    dry_run = forms.BooleanField(label=_("Simulation seulement (ne rien enregistrer)"), required=False, initial=True)
    publish = forms.BooleanField(label=_("Publier cette version sur le site"), required=False)

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Fichier trop volumineux (200 Mo au plus)."))
        return uploaded


def upload_filters(data: dict) -> dict[str, str]:
    """The row filters chosen on the form that the chosen kind accepts (others are ignored)."""
    accepted = next(entry.filters for entry in IMPORT_KINDS if entry.kind == data["kind"])
    return {name: data[name] for name in accepted if data.get(name)}


def upload_view(request):
    """Upload a file: it is stored and queued, and the import runs in the task worker (observatory.import_jobs)."""
    if not request.user.has_perm("observatory.import_dataset"):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = start_import(data["kind"], data["file"], user=request.user, dry_run=data["dry_run"],
                               publish=data["publish"] and request.user.has_perm("observatory.publish_dataset"),
                               vintage=data["vintage"], synthetic=data["synthetic"], public=not data["reference"],
                               licence=data["licence"], filters=upload_filters(data))
        except ImportAlreadyActive as refused:
            form.add_error(None, already_active_message(data["kind"], refused.job))
            status = 409
        else:
            messages.success(request, _("Fichier reçu : l'import n° %(pk)s est lancé en arrière-plan.") % {"pk": job.pk})
            return redirect("observatory_admin:import_job", job.pk)
    return TemplateResponse(request, "observatory/admin/upload.html", {
        "form": form, "page_title": _("Importer un fichier"), "header_icon": "upload",
        "jobs": _recent_jobs(10),
    }, status=status)


def already_active_message(kind: str, job: ImportJob | None) -> str:
    """Why a second import of ``kind`` is refused, in French."""
    label = DatasetKind(kind).label
    if job is None:
        return _("Un import « %(kind)s » est déjà en cours : attendez qu'il se termine avant d'en lancer un "
                 "autre.") % {"kind": label}
    return _("Un import « %(kind)s » est déjà %(status)s (n° %(pk)s, fichier %(file)s, lancé le %(date)s) : "
             "attendez qu'il se termine avant d'en lancer un autre du même type.") % {
        "kind": label, "status": job.get_status_display(), "pk": job.pk, "file": job.original_filename,
        "date": timezone.localtime(job.created_at).strftime("%d/%m/%Y à %H:%M"),
    }


def _recent_jobs(limit: int):
    return ImportJob.objects.select_related("requested_by", "dataset").order_by("-created_at", "-pk")[:limit]


def _may_see_jobs(user) -> bool:
    return user.has_perm("observatory.view_importjob") or user.has_perm("observatory.import_dataset")


def import_jobs_view(request):
    """The latest background imports, newest first."""
    if not _may_see_jobs(request.user):
        raise PermissionDenied
    return TemplateResponse(request, "observatory/admin/import_jobs.html", {
        "jobs": _recent_jobs(100), "page_title": _("Suivi des imports"), "header_icon": "history",
    })


def import_job_view(request, pk: int):
    """One background import: state, progress, outcome and problems. Reloads itself while the job is not over
    (a ``<meta http-equiv="refresh">``: no script, which the content security policy would refuse)."""
    if not _may_see_jobs(request.user):
        raise PermissionDenied
    job = get_object_or_404(ImportJob.objects.select_related("requested_by", "dataset"), pk=pk)
    now = timezone.now()
    auto_refresh = job.is_active and request.GET.get("actualiser") != "non"
    return TemplateResponse(request, "observatory/admin/import_job.html", {
        "job": job, "page_title": _("Import n° %(pk)s") % {"pk": job.pk}, "header_icon": "upload",
        "progress": progress_of(job), "silent": is_silent(job, now), "waiting_too_long": waits_too_long(job, now),
        "can_stop": request.user.has_perm("observatory.import_dataset")
        and (job.status == ImportJobStatus.QUEUED or is_silent(job, now)),
        "auto_refresh": auto_refresh, "refresh_seconds": REFRESH_SECONDS, "silence_minutes": SILENCE_MINUTES,
    })


@require_POST
def stop_import_job_view(request, pk: int):
    """Cancel a queued import, or declare interrupted one whose worker went silent."""
    if not request.user.has_perm("observatory.import_dataset"):
        raise PermissionDenied
    job = get_object_or_404(ImportJob, pk=pk)
    try:
        stopped = stop_job(job.pk, request.user)
    except OperationalError:
        # SQLite: the running import holds the only write lock until it ends.
        messages.error(request, _("La base de données est occupée par un import : réessayez dans un moment."))
        return redirect("observatory_admin:import_job", job.pk)
    if stopped:
        messages.success(request, _("Import n° %(pk)s arrêté : rien n'a été importé.") % {"pk": job.pk})
    else:
        messages.info(request, _("Cet import ne peut pas être arrêté : il a commencé et son processus de fond "
                                 "donne encore des nouvelles, ou il est terminé."))
    return redirect("observatory_admin:import_job", job.pk)


def datasets_view(request):
    if not request.user.has_perm("observatory.view_dataset"):
        raise PermissionDenied
    datasets = Dataset.objects.select_related("imported_by", "supersedes").order_by("-imported_at", "-pk")[:200]
    return TemplateResponse(request, "observatory/admin/datasets.html", {
        "datasets": datasets, "page_title": _("Jeux de données"), "header_icon": "table",
        "stale": stale_datasets(with_pages=False),
        "can_publish": request.user.has_perm("observatory.publish_dataset"),
    })


@require_POST
def publish_view(request, pk: int):
    if not request.user.has_perm("observatory.publish_dataset"):
        raise PermissionDenied
    dataset = get_object_or_404(Dataset, pk=pk)
    if dataset.status == DatasetStatus.PUBLISHED:
        messages.info(request, _("Cette version est déjà publiée."))
    else:
        publish_dataset(dataset, user=request.user)
        messages.success(request, _("Version n° %(pk)s publiée ; la précédente est archivée.") % {"pk": dataset.pk})
    return redirect("observatory_admin:datasets")
