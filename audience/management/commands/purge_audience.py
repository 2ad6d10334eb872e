"""Delete audience figures older than the retention period (run it daily from cron)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from audience.models import DocumentDownloadCount, PageFeedback, PageViewCount

#: Default retention: 25 months, the longest the CNIL accepts for audience-measurement data.
DEFAULT_RETENTION_DAYS = 25 * 31


class Command(BaseCommand):
    help = "Supprime les chiffres d'audience et les avis plus anciens que la durée de conservation."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than", type=int, default=None, metavar="JOURS",
            help="Âge en jours au-delà duquel supprimer (défaut : AUDIENCE_RETENTION_DAYS, 775 jours).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Compter sans supprimer.")

    def handle(self, *args, **options):
        days = options["older_than"]
        if days is None:
            days = int(getattr(settings, "AUDIENCE_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))
        if days < 1:
            raise CommandError("--older-than doit être un nombre de jours supérieur ou égal à 1.")
        cutoff = timezone.localdate() - datetime.timedelta(days=days)
        querysets = {
            "vues de pages": PageViewCount.objects.filter(day__lt=cutoff),
            "téléchargements": DocumentDownloadCount.objects.filter(day__lt=cutoff),
            "avis": PageFeedback.objects.filter(day__lt=cutoff),
        }
        with transaction.atomic():
            for label, queryset in querysets.items():
                count = queryset.count() if options["dry_run"] else queryset.delete()[0]
                verb = "à supprimer" if options["dry_run"] else "supprimé(s)"
                self.stdout.write(f"{label} antérieurs au {cutoff:%d/%m/%Y} : {count} {verb}")
