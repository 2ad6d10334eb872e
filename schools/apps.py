from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    """Pupils' and teachers' sections, classroom kits, events and the interest quiz."""

    name = "schools"
    verbose_name = _("Scolaires")
