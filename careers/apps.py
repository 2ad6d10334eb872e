from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareersConfig(AppConfig):
    """Job profiles, filières, companies, testimonials, articles and the jobseekers' section."""

    name = "careers"
    verbose_name = _("Métiers")
