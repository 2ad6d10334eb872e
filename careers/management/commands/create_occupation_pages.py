"""``manage.py create_occupation_pages``: a short profile for every industrial ROME occupation without one."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from careers.occupations import create_occupation_pages, industrial_occupations


class Command(BaseCommand):
    help = ("Crée et publie une fiche courte pour chaque métier industriel du ROME qui n'a pas encore de fiche "
            "(idempotent). Les métiers ROME et leurs appellations doivent avoir été importés.")

    def add_arguments(self, parser):
        parser.add_argument("--brouillon", action="store_true", help="Créer les fiches en brouillon, sans les publier.")

    def handle(self, *args, brouillon: bool = False, **options):
        from careers.models import JobProfileIndexPage

        index = JobProfileIndexPage.objects.first()
        if index is None:
            raise CommandError("Aucune page « liste des métiers » : créez-la dans l'admin (ou lancez load_demo).")
        if not industrial_occupations().exists():
            raise CommandError("Aucun métier ROME importé : lancez d'abord `import_data rome …`.")
        created = create_occupation_pages(index, publish=not brouillon)
        self.stdout.write(f"{len(created)} fiche(s) courte(s) créée(s).")
