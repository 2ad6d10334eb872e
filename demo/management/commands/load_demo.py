"""Load the demo site: page tree, content, images, sample data and a local admin account.

Idempotent: a second run finds everything in place and changes nothing. Each step is a module
of ``demo/loaders/`` (a ``load(stdout)`` function), run in the order of ``settings.DEMO_LOADERS``;
the content they load is in ``demo/data/`` and ``demo/media/`` (docs/demo-content.md). The command exists only where the ``demo`` app is installed (dev and
test settings); the admin account is refused again here in case settings derived from
production install it (``DEMO_ADMIN_ALLOWED``).
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.indexing import indexes_updated_at_the_end
from website.auth_backends import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = DEMO_PASSWORD


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (idempotent) et crée le compte admin local."

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="Ne pas créer le compte admin local.")
        parser.add_argument("--skip-index", action="store_true", help="Ne pas indexer le contenu pour la recherche (plus rapide ; "
                                 "`manage.py update_index` le fera plus tard).")

    def handle(self, *args, **options):
        create_admin = not options["no_admin"]
        if create_admin and not getattr(settings, "DEMO_ADMIN_ALLOWED", False):
            raise CommandError(
                "Le compte de démonstration est refusé avec ces réglages (production). "
                "Relancez avec --no-admin et créez un compte avec `manage.py createsuperuser`."
            )
        # Indexes written once at the end rather than at each save (demo/indexing.py).
        with indexes_updated_at_the_end(search=not options["skip_index"]):
            for module_path in settings.DEMO_LOADERS:
                self.stdout.write(f"→ {module_path}")
                with transaction.atomic():
                    import_module(module_path).load(self.stdout)
            if create_admin:
                self._create_admin()
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration prêt."))

    def _create_admin(self) -> None:
        user_model = get_user_model()
        if user_model.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
            return
        user_model.objects.create_superuser(DEMO_ADMIN_USERNAME, f"{DEMO_ADMIN_USERNAME}@{DEMO_EMAIL_DOMAIN}", DEMO_ADMIN_PASSWORD)
        self.stdout.write(f"  compte admin local : {DEMO_ADMIN_USERNAME} / {DEMO_ADMIN_PASSWORD}")
