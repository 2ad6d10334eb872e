from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservatoryConfig(AppConfig):
    """Nomenclatures, datasets with provenance, importers, indicators and the open-data API."""

    name = "observatory"
    verbose_name = _("Observatoire")

    def ready(self) -> None:
        # Input–output tables join the import framework (``import_data io-table FILE``).
        from observatory.industry_import import register_kinds

        register_kinds()
