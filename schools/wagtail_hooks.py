"""Admin screens of the schools app: disciplines (snippet) and kit download counts (report)."""

from __future__ import annotations

from django.db.models import Q, Sum
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.snippets.models import register_snippet

from schools.models import ClassroomKitPage, Discipline
from website.admin_exports import SafeExportSnippetViewSet


class DisciplineViewSet(SafeExportSnippetViewSet):
    model = Discipline
    icon = "tag"
    menu_label = _("Disciplines (kits)")
    menu_order = 320
    add_to_admin_menu = False
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(DisciplineViewSet)


@hooks.register("register_moderated_snippets")
def moderated_schools_snippets():
    """Shown on kit pages and their filters: changes go through "Validation Région" (website.moderation)."""
    return [Discipline]


class KitDownloadsReportView(BaseListingView):
    """Downloads of each kit's ZIP: this month and in total. Counts only, no visitor data."""

    page_title = _("Téléchargements des kits pédagogiques")
    header_icon = "download"
    results_template_name = "wagtailadmin/generic/listing_results.html"
    index_url_name = "schools_kit_downloads"
    index_results_url_name = "schools_kit_downloads_results"
    paginate_by = 50
    default_ordering = "-total"
    columns = [
        TitleColumn("title", label=_("Kit"), get_url=lambda kit: reverse("wagtailadmin_pages:edit", args=[kit.pk])),
        Column("this_month", label=_("Ce mois-ci"), sort_key="this_month"),
        Column("total", label=_("Total"), sort_key="total"),
    ]

    def get_base_queryset(self):
        month = timezone.localdate().replace(day=1)
        return ClassroomKitPage.objects.annotate(
            total=Sum("download_counts__count", default=0),
            this_month=Sum("download_counts__count", filter=Q(download_counts__month=month), default=0),
        )


@hooks.register("register_admin_urls")
def register_kit_downloads_url():
    return [
        path("kits-telechargements/", KitDownloadsReportView.as_view(), name="schools_kit_downloads"),
        path("kits-telechargements/resultats/", KitDownloadsReportView.as_view(results_only=True),
             name="schools_kit_downloads_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_kit_downloads_menu_item():
    return MenuItem(_("Téléchargements des kits"), reverse("schools_kit_downloads"), icon_name="download", order=900)

