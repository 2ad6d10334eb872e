"""The observatory's panel on the admin dashboard: data older than its publisher's latest edition."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from observatory.stale_data import stale_datasets
from website.dashboard import EditorialPanel


class StaleDataPanel(EditorialPanel):
    """Published data of which a newer edition is out (by reference year and publisher's calendar),
    with the pages that show it. For statisticians and administrators."""

    panel_id = "ida-stale-data"
    heading = _("Données à mettre à jour")
    empty_text = _("Les données publiées sont de la dernière édition parue.")
    columns = (_("Jeu de données"), _("Édition attendue"), _("Pages qui l’affichent"))
    order = 60

    def rows(self) -> list[dict]:
        return [{
            "title": str(item.dataset),
            "url": reverse("observatory_admin:datasets"),
            "cells": [item.staleness.message, ", ".join(page.title for page in item.pages) or _("aucune page")],
        } for item in stale_datasets()]


def observatory_panels(request) -> list:
    """The observatory's dashboard panels this user may see."""
    if request.user.has_perm("observatory.view_dataset"):
        return [StaleDataPanel(request)]
    return []
