from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

STATISTICIANS_GROUP = "Statisticiens"
STATISTICIAN_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("observatory", "dataset", "import_dataset"),
    ("observatory", "dataset", "publish_dataset"),
    ("observatory", "dataset", "view_dataset"),
    ("observatory", "importjob", "view_importjob"),
    ("observatory", "keyindicator", "add_keyindicator"),
    ("observatory", "keyindicator", "change_keyindicator"),
    ("observatory", "keyindicator", "delete_keyindicator"),
    ("observatory", "keyindicator", "view_keyindicator"),
    # Industry redefined: statisticians edit the filières' scope (shares of NAF activities).
    ("observatory", "filiere", "add_filiere"),
    ("observatory", "filiere", "change_filiere"),
    ("observatory", "filiere", "delete_filiere"),
    ("observatory", "filiere", "view_filiere"),
]


def ensure_statisticians_group(sender=None, **kwargs) -> None:
    """The « Statisticiens » group: import and publish datasets, manage key figures (idempotent)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    # Our handler may run before auth's: make sure the permissions exist first.
    for label in ("observatory", "wagtailadmin"):
        create_permissions(apps.get_app_config(label), verbosity=0)
    group, _ = Group.objects.get_or_create(name=STATISTICIANS_GROUP)
    for app_label, _model, codename in STATISTICIAN_PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            group.permissions.add(permission)


class ObservatoryConfig(AppConfig):
    """Nomenclatures, datasets with provenance, importers, indicators and the open-data API."""

    name = "observatory"
    verbose_name = _("Observatoire")
    #: Saved or deleted rows (key figures, a published dataset) change public pages: the page cache
    #: starts afresh (website/caching.py).
    page_cache_relevant = True

    def ready(self) -> None:
        post_migrate.connect(ensure_statisticians_group, sender=self, dispatch_uid="observatory_statisticians")
