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
    #: Query parameters of the kit and event listings (schools/filters.py): part of the page cache's
    #: key. The quiz's answers are not listed, so a quiz result is never cached.
    page_cache_query_params = ("niveau", "discipline", "duree", "filiere", "territoire", "public", "type", "mois")
