"""Admin menu « Observatoire »: file upload and background imports, dataset versions, key figures; the
stale-data panel of the dashboard; the statisticians' rights; the check that a page's figures come
from published data."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet

# industry_admin registers the filière snippets, bmo_admin the ROME → BMO métier links, rome4_admin the
# ROME 4.0 fiches with their path to FAP 2009.
from observatory import admin_views, bmo_admin, industry_admin, rome4_admin  # noqa: F401
from observatory.content_checks import dataset_issues
from observatory.dashboard import observatory_panels
from observatory.models import KeyIndicator
from observatory.roles import statisticians_grants
from website.admin_exports import SafeExportSnippetViewSet


class KeyIndicatorViewSet(SafeExportSnippetViewSet):
    model = KeyIndicator
    icon = "table"
    menu_label = _("Chiffres clés")
    add_to_admin_menu = False
    list_display = ["title", "measure", "territory", "fap", "naf"]
    list_filter = ["measure"]
    search_fields = ["title"]


register_snippet(KeyIndicatorViewSet)


@hooks.register("register_admin_urls")
def register_observatory_urls():
    urls = [
        path("importer/", admin_views.upload_view, name="upload"),
        path("imports/", admin_views.import_jobs_view, name="import_jobs"),
        path("imports/<int:pk>/", admin_views.import_job_view, name="import_job"),
        path("imports/<int:pk>/arreter/", admin_views.stop_import_job_view, name="stop_import_job"),
        path("jeux-de-donnees/", admin_views.datasets_view, name="datasets"),
        path("jeux-de-donnees/<int:pk>/publier/", admin_views.publish_view, name="publish"),
    ]
    return [path("observatoire/", include((urls, "observatory_admin")))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_observatory_menu():
    submenu = Menu(items=[
        PermissionMenuItem(_("Importer un fichier"), reverse("observatory_admin:upload"), icon_name="upload",
                           permission="observatory.import_dataset", order=100),
        PermissionMenuItem(_("Suivi des imports"), reverse("observatory_admin:import_jobs"), icon_name="history",
                           permission="observatory.view_importjob", order=150),
        PermissionMenuItem(_("Jeux de données"), reverse("observatory_admin:datasets"), icon_name="table",
                           permission="observatory.view_dataset", order=200),
        PermissionMenuItem(_("Chiffres clés"), reverse("wagtailsnippets_observatory_keyindicator:list"),
                           icon_name="pick", permission="observatory.view_keyindicator", order=300),
        PermissionMenuItem(_("Filières (périmètres)"), reverse("wagtailsnippets_observatory_filiere:list"),
                           icon_name="table", permission="observatory.view_filiere", order=400),
        PermissionMenuItem(_("Liens métiers ROME → BMO"), reverse("wagtailsnippets_observatory_romebmolink:list"),
                           icon_name="link", permission="observatory.view_romebmolink", order=500),
        PermissionMenuItem(_("Fiches ROME 4.0"), reverse("wagtailsnippets_observatory_rome4occupation:list"),
                           icon_name="list-ul", permission="observatory.view_rome4occupation", order=600),
        PermissionMenuItem(_("Mobilités ROME 4.0"), reverse("wagtailsnippets_observatory_romemobility:list"),
                           icon_name="link", permission="observatory.view_romemobility", order=650),
    ])
    return SubmenuMenuItem(_("Observatoire"), submenu, icon_name="table", order=250)


@hooks.register("register_page_checks")
def figures_come_from_published_data(value, location):
    return dataset_issues(value, location)


@hooks.register("register_role_grants")
def observatory_for_statisticians():
    return statisticians_grants()


@hooks.register("construct_homepage_panels")
def add_observatory_panels(request, panels):
    panels.extend(observatory_panels(request))
