"""Wagtail hooks of the audience app: mark served pages, count downloads, admin reports."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from audience import admin_views
from audience.channels import normalise_channel
from audience.counter import record_document_download
from audience.tracking import mark_page, should_count


@hooks.register("before_serve_page")
def mark_served_page(page, request, serve_args, serve_kwargs):
    """Remember the page; the middleware counts it once the response is known to be a 200."""
    if request.method == "GET":
        mark_page(request, page.pk)


@hooks.register("before_serve_document")
def count_document_download(document, request):
    if should_count(request, f"document:{document.pk}"):
        record_document_download(document.pk, normalise_channel(request.GET.get("canal"), request.GET.get("utm_source")))


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("audience/vues/", admin_views.views_report, name="audience_views_report"),
        path("audience/avis/", admin_views.feedback_report, name="audience_feedback_report"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request) -> bool:
        return request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def register_views_report_menu_item():
    return PermissionMenuItem(_("Audience des pages"), reverse("audience_views_report"), icon_name="view",
                              order=900, permission=admin_views.VIEW_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_feedback_report_menu_item():
    return PermissionMenuItem(_("Avis des visiteurs"), reverse("audience_feedback_report"), icon_name="help",
                              order=901, permission=admin_views.FEEDBACK_PERMISSION)
