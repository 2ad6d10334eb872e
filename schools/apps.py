from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    """Pupils' and teachers' sections, classroom kits, events and the interest quiz."""

    name = "schools"
    verbose_name = _("Scolaires")
    #: Saved or deleted rows change public pages: the page cache starts afresh (website/caching.py)…
    page_cache_relevant = True
    #: … except the kit download counters, written on each download and shown in the admin only.
    page_cache_ignored_models = ("kitdownloadcount",)
