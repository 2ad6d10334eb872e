"""Panels of the admin dashboard for editors and moderators (``construct_homepage_panels``).

:class:`EditorialPanel` is the base of every panel, those of the apps above too."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState

from website.content_checks import check_latest_revision

MAX_ROWS = 10


class EditorialPanel(Component):
    template_name = "website/admin/dashboard_panel.html"
    panel_id = ""
    heading = ""
    empty_text = ""
    order = 50

    def __init__(self, request):
        self.request = request

    def rows(self) -> list[dict]:
        raise NotImplementedError

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context.update(panel_id=self.panel_id, heading=self.heading, empty_text=self.empty_text, rows=self.rows(),
                       columns=self.columns)
        return context


class AwaitingMyApprovalPanel(EditorialPanel):
    """Pages submitted to a task this user may approve, with the result of the content checks."""

    panel_id = "ida-awaiting-approval"
    heading = _("En attente de ma validation")
    empty_text = _("Aucune page n’attend votre validation.")
    columns = (_("Page"), _("Soumise par"), _("Le"), _("Vérifications"))
    order = 40

    def rows(self) -> list[dict]:
        states = (TaskState.objects.reviewable_by(self.request.user)
                  .select_related("workflow_state", "revision__user").order_by("-started_at")[:MAX_ROWS])
        rows = []
        for state in states:
            page = state.workflow_state.content_object
            if not isinstance(page, Page):
                continue
            issues = check_latest_revision(page)
            errors = sum(1 for issue in issues if issue.is_error)
            rows.append({
                "title": page.get_admin_display_title(),
                "url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                "cells": [
                    str(state.revision.user or "—") if state.revision else "—",
                    state.started_at.strftime("%d/%m/%Y %H:%M") if state.started_at else "",
                ],
                "check_url": reverse("website_page_checks", args=[page.pk]),
                "check_text": (_("%(n)s problème(s) bloquant(s)") % {"n": errors}) if errors
                else (_("%(n)s avertissement(s)") % {"n": len(issues)} if issues else _("Rien à signaler")),
                "check_error": bool(errors),
            })
        return rows


class MyDraftsPanel(EditorialPanel):
    """Pages whose latest, unpublished revision is this user's."""

    panel_id = "ida-my-drafts"
    heading = _("Mes brouillons")
    empty_text = _("Vous n’avez pas de brouillon en cours.")
    columns = (_("Page"), _("Modifiée le"), _("État"))
    order = 45

    def rows(self) -> list[dict]:
        pages = (Page.objects.filter(latest_revision__user=self.request.user, has_unpublished_changes=True)
                 .select_related("latest_revision").order_by("-latest_revision_created_at")[:MAX_ROWS])
        return [{
            "title": page.get_admin_display_title(),
            "url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
            "cells": [
                page.latest_revision_created_at.strftime("%d/%m/%Y %H:%M") if page.latest_revision_created_at else "",
                _("publiée, modifications en attente") if page.live else _("jamais publiée"),
            ],
        } for page in pages]


class TopKitsPanel(EditorialPanel):
    """Teacher kits most downloaded: the schools app's monthly kit counters when installed
    (this month and the previous one), otherwise document downloads over 30 days (the
    "Kits pédagogiques" collection when it exists)."""

    panel_id = "ida-top-kits"
    heading = _("Kits les plus téléchargés")
    empty_text = _("Aucun téléchargement sur la période.")
    columns = (_("Kit"), _("Téléchargements"))
    order = 70

    def rows(self) -> list[dict]:
        kit_rows = top_kit_downloads()
        if kit_rows is not None:
            return kit_rows
        from wagtail.models import Collection

        from audience.reports import default_period, top_documents

        collection = getattr(settings, "EDITORIAL_KITS_COLLECTION", "Kits pédagogiques")
        name = collection if Collection.objects.filter(name=collection).exists() else None
        return [{"title": row.label, "url": "", "cells": [row.value]}
                for row in top_documents(default_period(), limit=MAX_ROWS, collection_name=name)]


def top_kit_downloads(limit: int = MAX_ROWS) -> list[dict] | None:
    """Rows from ``schools.KitDownloadCount`` (kit, month, count), or None when that model does not exist."""
    from django.apps import apps
    from django.db.models import Sum
    from django.utils import timezone

    try:
        model = apps.get_model("schools", "KitDownloadCount")
    except LookupError:
        return None
    this_month = timezone.localdate().replace(day=1)
    previous_month = (this_month - timezone.timedelta(days=1)).replace(day=1)
    totals = (model.objects.filter(month__gte=previous_month).order_by().values("kit", "kit__title")
              .annotate(total=Sum("count")).order_by("-total", "kit__title")[:limit])
    return [{"title": row["kit__title"], "url": reverse("wagtailadmin_pages:edit", args=[row["kit"]]),
             "cells": [row["total"]]} for row in totals]


class NotUsefulPanel(EditorialPanel):
    """Pages with a majority of « non » to "was this page useful?" over the last 90 days."""

    panel_id = "ida-not-useful"
    heading = _("Pages jugées peu utiles (90 jours)")
    empty_text = _("Aucune page jugée peu utile.")
    columns = (_("Page"), _("Avis"), _("Part de « oui »"))
    order = 80

    def rows(self) -> list[dict]:
        from audience.reports import default_period, pages_judged_not_useful

        return [{
            "title": summary.title,
            "url": reverse("wagtailadmin_pages:edit", args=[summary.page_id]),
            "cells": [summary.total, f"{summary.useful_percent} %"],
        } for summary in pages_judged_not_useful(default_period(90))]


def editorial_panels(request) -> list[Component]:
    """The panels this user may see. Apps above the base add their own through the same hook (the
    observatory's stale-data panel: observatory/dashboard.py)."""
    user = request.user
    panels: list[Component] = [AwaitingMyApprovalPanel(request), MyDraftsPanel(request)]
    if user.has_perm("audience.view_documentdownloadcount"):
        panels.append(TopKitsPanel(request))
    if user.has_perm("audience.view_pagefeedback"):
        panels.append(NotUsefulPanel(request))
    return panels
