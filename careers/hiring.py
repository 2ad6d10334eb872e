"""The BMO block of a job profile: hiring projects of the profile's own métier where the visitor is.

The profile's first ROME code leads to its BMO métier through the statisticians' editable mapping
(``observatory.models.RomeBmoLink``), restricted to the profile's own FAP family when its editor
set one (the family its other figures show); the observatory answers for the visitor's territory,
falling back bassin → département → région (``observatory.hiring``).
"""

from __future__ import annotations

from django.http import HttpRequest

from observatory.hiring import HiringFigure, hiring_for_occupation
from observatory.territory import get_visitor_territory


def hiring_projects_for_profile(page, request: HttpRequest | None) -> HiringFigure | None:
    """Hiring projects of ``page``'s métier in the visitor's territory (None when nothing is published)."""
    if request is None:
        return None
    codes = page.get_rome_codes()
    territory = get_visitor_territory(request)
    return hiring_for_occupation(codes[0], territory, page.fap_code) if codes and territory else None
