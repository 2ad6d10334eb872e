from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    """Site-wide pages, navigation, shared blocks, search and the demo loader."""

    name = "website"
    verbose_name = _("Site")
