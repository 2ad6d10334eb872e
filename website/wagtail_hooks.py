"""Admin hooks of the site-wide app: content checks, posters and QR codes, dashboard panels."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, re_path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Page

from website import admin_views, posters
from website.content_checks import check_page
from website.dashboard import editorial_panels


@hooks.register("before_serve_document")
def guard_documents_of_restricted_pages(document, request):
    """A document published only on protected pages is not public at /documents/ (website.document_access)."""
    from website.document_access import refuse_document_of_restricted_pages

    return refuse_document_of_restricted_pages(document, request)


@hooks.register("register_admin_urls")
def register_editorial_urls():
    return [
        path("affiche/<int:page_id>/", posters.poster, name="website_poster"),
        re_path(r"^affiche/(?P<page_id>\d+)/qr\.(?P<fmt>svg|png)$", posters.qr_code, name="website_poster_qr"),
        path("verifications/<int:page_id>/", admin_views.page_checks, name="website_page_checks"),
    ]


def _editorial_buttons(page, user):
    if page.depth <= 1:
        return
    yield Button(_("Vérifications"), reverse("website_page_checks", args=[page.pk]), icon_name="tasks", priority=80)
    if page.live:
        yield Button(_("Affiche et QR code"), reverse("website_poster", args=[page.pk]), icon_name="doc-full",
                     priority=81)


@hooks.register("register_page_header_buttons")
def page_header_editorial_buttons(page, user, view_name, next_url=None):
    yield from _editorial_buttons(page, user)


@hooks.register("register_page_listing_buttons")
def page_listing_editorial_buttons(page, user, next_url=None):
    yield from _editorial_buttons(page, user)


def _report_issues(request, page) -> None:
    for issue in check_page(page):
        level = messages.error if issue.is_error else messages.warning
        level(request, f"{_('Vérification')} — {issue.location} : {issue.message}")


@hooks.register("after_edit_page")
def warn_after_edit(request, page):
    if "action-publish" not in request.POST:
        _report_issues(request, page.get_latest_revision_as_object())


@hooks.register("after_create_page")
def warn_after_create(request, page):
    if "action-publish" not in request.POST:
        _report_issues(request, page.get_latest_revision_as_object())


@hooks.register("before_publish_page")
def refuse_publishing_with_errors(request, page):
    """Stop a direct publication when a check fails; the draft is already saved."""
    issues = check_page(page)
    errors = [issue for issue in issues if issue.is_error]
    if not errors:
        return None
    if page.live and page.live_revision_id is None:
        # The create view adds a new page already marked live before this hook runs: undo it.
        Page.objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
    messages.error(request, _("Publication refusée : corrigez d’abord les points signalés ci-dessous (le brouillon est enregistré)."))
    for issue in errors:
        messages.error(request, f"{issue.location} : {issue.message}")
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    panels.extend(editorial_panels(request))
