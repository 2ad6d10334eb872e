from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareersConfig(AppConfig):
    """Job profiles, filières, companies, testimonials, articles and the jobseekers' section."""

    name = "careers"
    verbose_name = _("Métiers")
    #: Saved or deleted rows change public pages: the page cache starts afresh (website/caching.py).
    page_cache_relevant = True
