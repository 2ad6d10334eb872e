"""Admin list of the ROME 4.0 fiches with the path each takes to a FAP 2009 family (Dares figures).

Imported by ``observatory/wagtail_hooks.py`` (menu « Observatoire » → « Fiches ROME 4.0 »). Read by
the statistician to check which Dares figure stands for a ROME 4.0 code: « H2917 (ROME 4.0) → H2913
(ROME v3) → FAP D2Z42 ». The fiches come from the ``rome`` import; the paths are rebuilt at each
publication of the ROME or of the FAP ↔ ROME crosswalk, not edited here.

Also « Mobilités ROME 4.0 »: the links between fiches from the ``rome-mobility`` import, which the job
profiles show as « Métiers proches » (search a fiche's code to see where it leads).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from observatory.models import Rome4Occupation, RomeMobility
from website.admin_exports import ImportedRowsSnippetViewSet


class Rome4OccupationViewSet(ImportedRowsSnippetViewSet):
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


class RomeMobilityViewSet(ImportedRowsSnippetViewSet):
    model = RomeMobility
    icon = "link"
    menu_label = _("Mobilités ROME 4.0")
    add_to_admin_menu = False
    list_display = ["source", "target", "order", "mobility_type", "version"]
    list_filter = ["mobility_type", "version"]
    list_export = ["source_id", "target_id", "order", "mobility_type", "version"]
    search_fields = ["source__code", "source__label", "target__code", "target__label"]
    ordering = ["source", "order", "target"]

    def get_queryset(self, request):
        # Each row names both fiches (« H2913 — Soudeur / Soudeuse »): one query for the page, not two per row.
        return RomeMobility.objects.select_related("source", "target")


register_snippet(RomeMobilityViewSet)
