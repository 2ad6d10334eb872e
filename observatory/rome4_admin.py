"""Admin list of the ROME 4.0 fiches with the path each takes to a FAP 2009 family (Dares figures).

Imported by ``observatory/wagtail_hooks.py`` (menu « Observatoire » → « Fiches ROME 4.0 »). Read by
the statistician to check which Dares figure stands for a ROME 4.0 code: « H2917 (ROME 4.0) → H2913
(ROME v3) → FAP D2Z42 ». The fiches come from the ``rome`` import; the paths are rebuilt at each
publication of the ROME or of the FAP ↔ ROME crosswalk, not edited here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from observatory.models import Rome4Occupation
from website.admin_exports import SafeExportSnippetViewSet


class Rome4OccupationViewSet(SafeExportSnippetViewSet):
    model = Rome4Occupation
    icon = "list-ul"
    menu_label = _("Fiches ROME 4.0")
    add_to_admin_menu = False
    list_display = ["code", "label", "parent_code", "fap_path", "version"]
    list_filter = ["version", "regulated", "executive"]
    list_export = ["code", "label", "parent_code", "fap_path", "version", "transition_eco"]
    search_fields = ["code", "label", "parent_code"]
    ordering = ["code"]


register_snippet(Rome4OccupationViewSet)
