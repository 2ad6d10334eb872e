"""``python manage.py import_data KIND FILE [--dry-run] [--publish]``: load an official file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from observatory.importers.registry import IMPORT_KINDS, import_kind, kind_names
from observatory.importers.service import run_import


class Command(BaseCommand):
    help = ("Importe un fichier officiel (CSV ou XLSX) : tout ou rien, avec un rapport ligne par ligne. "
            "Types : " + ", ".join(kind_names()))

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=kind_names(), help="type de fichier")
        parser.add_argument("file", help="chemin du fichier")
        parser.add_argument("--dry-run", action="store_true", help="montre ce qui changerait, sans rien enregistrer")
        parser.add_argument("--publish", action="store_true",
                            help="publie la nouvelle version (remplace la version publiée du même millésime)")
        parser.add_argument("--title", default="", help="titre du jeu de données (par défaut selon le type)")
        parser.add_argument("--source", default="", help="source affichée (par défaut selon le type)")
        parser.add_argument("--vintage", type=int, default=None, help="millésime (par défaut : année la plus récente)")
        parser.add_argument("--reference", action="store_true",
                            help="table de contrôle ou de référence : gardée pour les vérifications, ni listée sur le "
                                 "site ni servie par l'API")
        parser.add_argument("--publisher", default=None, help="producteur (par défaut selon le type)")
        parser.add_argument("--licence", default=None, help="licence du producteur (par défaut selon le type)")
        parser.add_argument("--source-url", default=None, help="adresse de la source (par défaut selon le type)")
        parser.add_argument("--region", default=None,
                            help="ne garde que les lignes de cette région (code Insee, ex. 32) ; types : "
                                 + ", ".join(entry.kind for entry in IMPORT_KINDS if "region" in entry.filters))
        parser.add_argument("--departement", default=None,
                            help="ne garde que les lignes de ce département (code Insee, ex. 59) ; types : "
                                 + ", ".join(entry.kind for entry in IMPORT_KINDS if "departement" in entry.filters))
        parser.add_argument("--year", default=None,
                            help="ne garde que cette année d'un fichier à colonnes par année (ex. 2022) ; types : "
                                 + ", ".join(entry.kind for entry in IMPORT_KINDS if "year" in entry.filters))
        parser.add_argument("--synthetic", action="store_true",
                            help="chiffres générés ou estimés, non officiels : signalés partout, sans licence "
                                 "ni producteur officiels")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        accepted = import_kind(options["kind"]).filters
        filters = {name: options[name] for name in ("region", "departement", "year") if options.get(name)}
        refused = sorted(set(filters) - set(accepted))
        if refused:
            raise CommandError(f"Le type {options['kind']} n'accepte pas --{refused[0]}.")
        with path.open("rb") as stream:
            result = run_import(options["kind"], stream, path.name, publish=options["publish"],
                                dry_run=options["dry_run"], title=options["title"], source=options["source"],
                                vintage=options["vintage"], synthetic=options["synthetic"],
                                public=not options["reference"], publisher=options["publisher"],
                                licence=options["licence"], source_url=options["source_url"], filters=filters)
        for line in result.summary_lines():
            (self.stdout if result.ok else self.stderr).write(line)
        if not result.ok:
            raise CommandError(f"Import refusé : {result.log.count} problème(s), aucune donnée modifiée.")
