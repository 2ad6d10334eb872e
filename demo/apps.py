"""The demo app: ``manage.py load_demo`` and everything it loads.

Installed by the development and test settings only (``website/settings/dev.py`` and
``test.py``): a production server has neither the command nor the demo's accounts and
fictitious content. The production apps never import it (``tests/website/test_layering.py``);
it imports them, as any client of their models would.
"""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
    verbose_name = "Contenu de démonstration"
