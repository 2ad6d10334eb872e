"""Admin screens of the schools app: disciplines (snippet), event registrations and kit download counts."""

from __future__ import annotations

from django.db.models import Q, Sum
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet

from schools.dashboard import schools_panels
from schools.models import ClassroomKitPage, Discipline, EventRegistration
from website.admin_exports import SafeExportSnippetViewSet
from website.csv_safety import neutralise_cell
from website.roles import editorial_content_grants


class DisciplineViewSet(SafeExportSnippetViewSet):
    model = Discipline
    icon = "tag"
    menu_label = _("Disciplines (kits)")
    menu_order = 320
    add_to_admin_menu = False
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(DisciplineViewSet)


class RegistrationIndexView(IndexView):
    """Wagtail writes CSV cells as they are: a visitor's name ``=HYPERLINK(…)`` would run in the organiser's sheet."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event")

    def write_csv_row(self, writer, row_dict):
        return writer.writerow({field: neutralise_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                                for field, value in row_dict.items()})


class EventRegistrationViewSet(ModelViewSet):
    """Registrations made with an event's form: filter by event, export the list (CSV or XLSX) for its organiser.

    Editing a registration moves it from the waiting list to a confirmed place (or back).
    """

    model = EventRegistration
    index_view_class = RegistrationIndexView
    icon = "group"
    menu_label = _("Inscriptions aux événements")
    menu_order = 330
    add_to_admin_menu = True
    name = "inscriptions"
    list_display = ["name", "event", "seats", "status", "created_at"]
    list_filter = ["event", "status"]
    search_fields = ["name", "email", "organisation"]
    search_backend_name = None
    ordering = ["event", "created_at"]
    form_fields = ["event", "name", "email", "phone", "organisation", "seats", "status"]
    list_export = ["event", "event_start", "name", "email", "phone", "organisation", "seats", "status_label",
                   "created_at"]
    export_headings = {
        "event": _("Événement"), "event_start": _("Date de l'événement"), "name": _("Nom et prénom"),
        "email": _("Courriel"), "phone": _("Téléphone"), "organisation": _("Établissement ou structure"),
        "seats": _("Places"), "status_label": _("Statut"), "created_at": _("Reçue le"),
    }
    export_filename = "inscriptions-evenements"


registration_viewset = EventRegistrationViewSet()


@hooks.register("register_admin_viewset")
def register_event_registrations():
    return registration_viewset


@hooks.register("register_moderated_snippets")
def moderated_schools_snippets():
    """Shown on kit pages and their filters: changes go through "Validation Région" (website.moderation)."""
    return [Discipline]


@hooks.register("construct_homepage_panels")
def add_schools_panels(request, panels):
    panels.extend(schools_panels(request))


@hooks.register("register_role_grants")
def schools_content_for_editors():
    """Disciplines and the other snippets: written by the agency, published by the Région (website.roles);
    the kit download counters are read, never edited by hand; event registrations (names, e-mail
    addresses) are the Région's alone."""
    return editorial_content_grants("schools", counters=("kitdownloadcount",), personal=("eventregistration",))


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

