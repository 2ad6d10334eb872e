"""Admin list of the ROME → BMO métier links: the statistician checks the proposed FAP 2021 matches.

Imported by ``observatory/wagtail_hooks.py`` (menu « Observatoire » → « Liens métiers ROME → BMO »).
Unchecked links come first; the filter « vérifié » and « origine » narrow the list.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from observatory.models import RomeBmoLink
from website.admin_exports import SafeExportSnippetViewSet


class RomeBmoLinkViewSet(SafeExportSnippetViewSet):
    model = RomeBmoLink
    icon = "link"
    menu_label = _("Liens métiers ROME → BMO")
    add_to_admin_menu = False
    list_display = ["rome", "occupation", "method", "checked", "note"]
    list_filter = ["checked", "method", "occupation__nomenclature"]
    ordering = ["checked", "rome__code"]


register_snippet(RomeBmoLinkViewSet)
