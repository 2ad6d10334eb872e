from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AudienceConfig(AppConfig):
    """Privacy-first audience figures: page views per day and channel, "was this useful?" votes.

    Nothing here identifies a visitor: no cookie is set for counting, no IP address or
    user-agent is stored (the user-agent is read in memory to skip robots, then dropped).
    """

    name = "audience"
    verbose_name = _("Audience")
    default_auto_field = "django.db.models.BigAutoField"
