"""Admin screens for the industry definitions: the filière grid, editable by statisticians.

Imported by ``observatory/wagtail_hooks.py``. Saving, creating or deleting a filière recomputes
the published figures once everything is saved (``after_*_snippet`` hooks).
"""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet

from observatory.models import Filiere
from website.admin_exports import SafeExportSnippetViewSet


class FiliereViewSet(SafeExportSnippetViewSet):
    """The filières and their scope (NAF codes and shares), listed in the « Observatoire » admin menu."""

    model = Filiere
    icon = "table"
    menu_label = _("Filières (périmètres)")
    menu_name = "filieres"
    add_to_admin_menu = False  # an entry of the « Observatoire » submenu (observatory/wagtail_hooks.py)
    list_display = ["name", "slug", Column("scope_count", label=_("lignes du périmètre"))]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]

    def get_queryset(self, request):
        return Filiere.objects.annotate(scope_count=Count("scopes"))


register_snippet(FiliereViewSet)


def _recompute_after_filiere_change(request, instance) -> None:
    if isinstance(instance, Filiere) or (isinstance(instance, list | tuple) and any(
            isinstance(item, Filiere) for item in instance)):
        from observatory.industry_service import schedule_recompute

        schedule_recompute()


hooks.register("after_create_snippet", _recompute_after_filiere_change)
hooks.register("after_edit_snippet", _recompute_after_filiere_change)
hooks.register("after_delete_snippet", _recompute_after_filiere_change)
