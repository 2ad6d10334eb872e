from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareersConfig(AppConfig):
    """Job profiles, filières, companies, testimonials, articles and the jobseekers' section."""

    name = "careers"
    verbose_name = _("Métiers")
    #: Saved or deleted rows change public pages: the page cache starts afresh (website/caching.py).
    page_cache_relevant = True
    #: Query parameters its pages read (job listing filters, jobseekers' training filters, article
    #: themes): part of the page cache's key; any other parameter is served uncached.
    page_cache_query_params = ("filiere", "niveau", "interet", "apprentissage", "recrute", "formation",
                               "financement", "theme")
