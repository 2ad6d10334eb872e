"""Delete registrations of events that ended more than three months ago (run daily, like purge_audience)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from schools.models.registrations import purge_old_registrations


class Command(BaseCommand):
    help = "Supprime les inscriptions aux événements terminés depuis plus de trois mois."

    def handle(self, *args, **options):
        deleted = purge_old_registrations()
        self.stdout.write(f"{deleted} inscription(s) supprimée(s).")
