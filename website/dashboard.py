"""Panels of the admin dashboard for editors and moderators (``construct_homepage_panels``).

:class:`EditorialPanel` is the base of every panel. Each app adds its own through the same hook,
in its ``wagtail_hooks.py``: the observatory's stale data (observatory/dashboard.py), the schools'
most downloaded kits (schools/dashboard.py), the audience's pages judged not useful
(audience/dashboard.py). Wagtail shows them by their ``order``."""

from __future__ import annotations

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


def editorial_panels(request) -> list[Component]:
    """The base's panels: what awaits this user's approval, this user's drafts."""
    return [AwaitingMyApprovalPanel(request), MyDraftsPanel(request)]
