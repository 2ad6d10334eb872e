"""``python manage.py publish_dataset ID``: publish a draft, or restore an archived version (rollback)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from observatory.importers.service import publish_dataset
from observatory.models import Dataset


class Command(BaseCommand):
    help = "Publie une version de jeu de données (brouillon ou archivée) ; la version publiée devient archivée."

    def add_arguments(self, parser):
        parser.add_argument("dataset_id", type=int)

    def handle(self, *args, **options):
        dataset = Dataset.objects.filter(pk=options["dataset_id"]).first()
        if dataset is None:
            raise CommandError(f"Aucun jeu de données n° {options['dataset_id']}.")
        if dataset.is_published:
            self.stdout.write(f"La version n° {dataset.pk} est déjà publiée.")
            return
        previous = publish_dataset(dataset)
        self.stdout.write(f"Version n° {dataset.pk} publiée.")
        if previous is not None:
            self.stdout.write(f"Version n° {previous.pk} archivée (restaurable de la même façon).")
