"""The audience's panel on the admin dashboard: pages visitors judged not useful."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audience.reports import default_period, pages_judged_not_useful
from website.dashboard import EditorialPanel


class NotUsefulPanel(EditorialPanel):
    """Pages with a majority of « non » to "was this page useful?" over the last 90 days."""

    panel_id = "ida-not-useful"
    heading = _("Pages jugées peu utiles (90 jours)")
    empty_text = _("Aucune page jugée peu utile.")
    columns = (_("Page"), _("Avis"), _("Part de « oui »"))
    order = 80

    def rows(self) -> list[dict]:
        return [{
            "title": summary.title,
            "url": reverse("wagtailadmin_pages:edit", args=[summary.page_id]),
            "cells": [summary.total, f"{summary.useful_percent} %"],
        } for summary in pages_judged_not_useful(default_period(90))]


def audience_panels(request) -> list[EditorialPanel]:
    """The audience's dashboard panels this user may see: those who may read the visitors' feedback."""
    if request.user.has_perm("audience.view_pagefeedback"):
        return [NotUsefulPanel(request)]
    return []
