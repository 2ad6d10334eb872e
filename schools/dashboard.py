"""The schools' panel on the admin dashboard: the teacher kits most downloaded lately."""

from __future__ import annotations

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schools.models import KitDownloadCount
from website.dashboard import MAX_ROWS, EditorialPanel


class TopKitsPanel(EditorialPanel):
    """Kits by downloads of their ZIP this month and the previous one (the monthly kit counters)."""

    panel_id = "ida-top-kits"
    heading = _("Kits les plus téléchargés")
    empty_text = _("Aucun téléchargement sur la période.")
    columns = (_("Kit"), _("Téléchargements"))
    order = 70

    def rows(self) -> list[dict]:
        return top_kit_downloads()


def top_kit_downloads(limit: int = MAX_ROWS) -> list[dict]:
    """Rows (kit, downloads since the first day of the previous month), most downloaded first."""
    this_month = timezone.localdate().replace(day=1)
    previous_month = (this_month - timezone.timedelta(days=1)).replace(day=1)
    totals = (KitDownloadCount.objects.filter(month__gte=previous_month).order_by().values("kit", "kit__title")
              .annotate(total=Sum("count")).order_by("-total", "kit__title")[:limit])
    return [{"title": row["kit__title"], "url": reverse("wagtailadmin_pages:edit", args=[row["kit"]]),
             "cells": [row["total"]]} for row in totals]


def schools_panels(request) -> list[EditorialPanel]:
    """The schools' dashboard panels this user may see: those who may read the kit counters."""
    if request.user.has_perm("schools.view_kitdownloadcount"):
        return [TopKitsPanel(request)]
    return []
