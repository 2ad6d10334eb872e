"""Delete personal and audience data older than their retention periods (run it daily from cron).

- audience figures and visitors' answers: ``AUDIENCE_RETENTION_DAYS`` (25 months by default);
- visitors' searches (editors' « recherches populaires » report): the same period;
- admin login logs, which hold an IP address and a browser string (django-axes):
  ``LOGIN_LOG_RETENTION_DAYS`` (6 months by default, what the CNIL recommends for access logs).
"""

from __future__ import annotations

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from audience.models import DocumentDownloadCount, PageFeedback, PageViewCount

#: Default retention: 25 months, the longest the CNIL accepts for audience-measurement data.
DEFAULT_RETENTION_DAYS = 25 * 31
#: Default retention of the admin's login logs (IP address, browser): 6 months.
DEFAULT_LOGIN_LOG_RETENTION_DAYS = 183


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
        login_days = int(getattr(settings, "LOGIN_LOG_RETENTION_DAYS", DEFAULT_LOGIN_LOG_RETENTION_DAYS))
        if login_days < 1:
            raise CommandError("LOGIN_LOG_RETENTION_DAYS doit être un nombre de jours supérieur ou égal à 1.")
        cutoff = timezone.localdate() - datetime.timedelta(days=days)
        login_cutoff = timezone.now() - datetime.timedelta(days=login_days)
        querysets = {
            "vues de pages": PageViewCount.objects.filter(day__lt=cutoff),
            "téléchargements": DocumentDownloadCount.objects.filter(day__lt=cutoff),
            "avis": PageFeedback.objects.filter(day__lt=cutoff),
            "recherches (compteurs par jour)": QueryDailyHits.objects.filter(date__lt=cutoff),
        }
        login_logs = {
            "connexions à l'admin": AccessLog.objects.filter(attempt_time__lt=login_cutoff),
            "échecs de connexion": AccessFailureLog.objects.filter(attempt_time__lt=login_cutoff),
            "tentatives de connexion": AccessAttempt.objects.filter(attempt_time__lt=login_cutoff),
        }
        verb = "à supprimer" if options["dry_run"] else "supprimé(s)"
        with transaction.atomic():
            for label, queryset in querysets.items():
                count = queryset.count() if options["dry_run"] else queryset.delete()[0]
                self.stdout.write(f"{label} antérieurs au {cutoff:%d/%m/%Y} : {count} {verb}")
            # Searched words with no day left in the period (promotions keep theirs).
            orphans = Query.objects.filter(daily_hits__isnull=True, editors_picks__isnull=True)
            count = orphans.count() if options["dry_run"] else orphans.delete()[0]
            self.stdout.write(f"recherches sans occurrence récente : {count} {verb}")
            for label, queryset in login_logs.items():
                count = queryset.count() if options["dry_run"] else queryset.delete()[0]
                self.stdout.write(f"{label} antérieures au {timezone.localtime(login_cutoff):%d/%m/%Y} : {count} {verb}")
