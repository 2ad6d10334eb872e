"""``python manage.py recompute_industry [--method flq|slq] [--reset-scopes]``: rebuild the industry figures."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from observatory.industry_service import ensure_default_filieres, recompute_industry


class Command(BaseCommand):
    help = ("Recalcule l'emploi industriel (secteur, filières, entrées-sorties) de tous les territoires à partir "
            "des données publiées. Lancé automatiquement après chaque publication et modification d'une filière.")

    def add_arguments(self, parser):
        parser.add_argument("--method", choices=["flq", "slq"], default="flq",
                            help="régionalisation des coefficients : quotients de Flegg (défaut) ou simples")
        parser.add_argument("--reset-scopes", action="store_true",
                            help="remet les périmètres des filières à leurs valeurs par défaut avant le calcul")

    def handle(self, *args, **options):
        if options["reset_scopes"]:
            ensure_default_filieres(reset_scopes=True)
            self.stdout.write("Périmètres des filières remis aux valeurs par défaut.")
        summary = recompute_industry(method=options["method"])
        self.stdout.write(str(summary))
