"""Wagtail hooks of the audience app: mark served pages, count downloads, admin reports, posters and
QR codes of any published page (with the channel the visitors will arrive with)."""

from __future__ import annotations

from django.urls import path, re_path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from audience import admin_views, posters
from audience.channels import normalise_channel
from audience.counter import record_document_download
from audience.dashboard import audience_panels
from audience.tracking import mark_page, should_count
from website.roles import AGENCY, REGION, Rule


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
        path("affiche/<int:page_id>/", posters.poster, name="audience_poster"),
        re_path(r"^affiche/(?P<page_id>\d+)/qr\.(?P<fmt>svg|png)$", posters.qr_code, name="audience_poster_qr"),
    ]


@hooks.register("construct_homepage_panels")
def add_audience_panels(request, panels):
    panels.extend(audience_panels(request))


@hooks.register("register_role_grants")
def editors_read_the_audience_figures():
    """The agency and the Région read the reports (website.roles); the figures are counted, never edited."""
    read = Rule(apps=("audience",), codenames=("view_pageviewcount", "view_pagefeedback", "view_documentdownloadcount"))
    return [(AGENCY, read), (REGION, read)]


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


def _poster_buttons(page, user):
    if page.depth > 1 and page.live:
        # Priority: just after the base's « Vérifications » (80).
        yield Button(_("Affiche et QR code"), reverse("audience_poster", args=[page.pk]), icon_name="doc-full",
                     priority=81)


@hooks.register("register_page_header_buttons")
def page_header_poster_button(page, user, view_name, next_url=None):
    yield from _poster_buttons(page, user)


# In the listing it goes into each row's « … » menu, like the base's « Vérifications ».
@hooks.register("register_page_listing_more_buttons")
def page_listing_poster_button(page, user, next_url=None):
    yield from _poster_buttons(page, user)
