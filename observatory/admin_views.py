"""Wagtail admin screens of the observatory: upload a file (same importer as the command), list and publish versions."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.validators import FileExtensionValidator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from observatory.importers.service import KINDS, publish_dataset, run_import
from observatory.models import Dataset, DatasetKind, DatasetStatus

MAX_UPLOAD_BYTES = 200 * 1024 * 1024  # the largest official files (BMO, employment) stay far below
ALLOWED_EXTENSIONS = ["csv", "txt", "xlsx", "zip"]  # zip: INSEE input–output extraction (io-insee-a38)


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type de fichier"), choices=[(k, DatasetKind(k).label) for k in KINDS])
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
    dry_run = forms.BooleanField(label=_("Simulation seulement (ne rien enregistrer)"), required=False, initial=True)
    publish = forms.BooleanField(label=_("Publier cette version sur le site"), required=False)

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Fichier trop volumineux (200 Mo au plus)."))
        return uploaded


def upload_view(request):
    if not request.user.has_perm("observatory.import_dataset"):
        raise PermissionDenied
    result = None
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        publish = form.cleaned_data["publish"] and request.user.has_perm("observatory.publish_dataset")
        with uploaded.open("rb") as stream:
            result = run_import(form.cleaned_data["kind"], stream, uploaded.name, user=request.user,
                                publish=publish, dry_run=form.cleaned_data["dry_run"],
                                vintage=form.cleaned_data["vintage"], synthetic=form.cleaned_data["synthetic"],
                                public=not form.cleaned_data["reference"],
                                licence=form.cleaned_data["licence"] or None)
        if result.ok and not result.dry_run:
            messages.success(request, _("Import enregistré."))
    return TemplateResponse(request, "observatory/admin/upload.html", {
        "form": form, "result": result, "page_title": _("Importer un fichier"), "header_icon": "upload",
    }, status=200 if result is None or result.ok else 422)


def datasets_view(request):
    if not request.user.has_perm("observatory.view_dataset"):
        raise PermissionDenied
    datasets = Dataset.objects.select_related("imported_by", "supersedes").order_by("-imported_at", "-pk")[:200]
    return TemplateResponse(request, "observatory/admin/datasets.html", {
        "datasets": datasets, "page_title": _("Jeux de données"), "header_icon": "table",
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
