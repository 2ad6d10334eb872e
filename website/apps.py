from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    """Site-wide pages, navigation, shared blocks, search and the demo loader."""

    name = "website"
    verbose_name = _("Site")

    def ready(self) -> None:
        from website.caching import connect_invalidation_signals

        connect_invalidation_signals()

        from website.roles import apply_roles_after_migrate

        # Editorial groups follow every migration, so new models of any app are covered.
        post_migrate.connect(apply_roles_after_migrate, dispatch_uid="website.apply_roles")
