from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    """Site-wide pages, navigation, shared blocks, search and the demo loader."""

    name = "website"
    verbose_name = _("Site")

    def ready(self) -> None:
        from website.caching import connect_invalidation_signals

        connect_invalidation_signals()
