from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    """Site-wide pages, navigation, shared blocks, search and the demo loader."""

    name = "website"
    verbose_name = _("Site")
    #: Saving or deleting one of this app's rows changes public pages: the page cache starts afresh
    #: (website/caching.py). Every app whose models visitors see says the same on its own config.
    page_cache_relevant = True

    def ready(self) -> None:
        from website.caching import connect_invalidation_signals

        connect_invalidation_signals()

        from website.roles import apply_roles_after_migrate

        # Editorial groups follow every migration, so new models of any app are covered.
        post_migrate.connect(apply_roles_after_migrate, dispatch_uid="website.apply_roles")
