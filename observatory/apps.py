from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservatoryConfig(AppConfig):
    """Nomenclatures, datasets with provenance, importers, indicators and the open-data API.

    The statisticians' rights over all this are granted in observatory/roles.py.
    """

    name = "observatory"
    verbose_name = _("Observatoire")
    #: Saved or deleted rows (key figures, a published dataset) change public pages: the page cache
    #: starts afresh (website/caching.py).
    page_cache_relevant = True
