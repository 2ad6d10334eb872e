"""Admin screens for the careers snippets, grouped in one "Métiers" menu."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from careers.models import Company, Testimonial, TrainingProvider
from website.admin_exports import SafeExportSnippetViewSet
from website.roles import editorial_content_grants


class CompanyViewSet(SafeExportSnippetViewSet):
    model = Company
    icon = "site"
    menu_label = _("Entreprises")
    list_display = ["name", "filiere", "place", "territory", "size_band"]
    list_filter = ["filiere", "size_band"]
    search_fields = ["name", "place"]
    list_export = ["name", "filiere", "place", "territory", "size_band", "employees", "website"]
    export_filename = "entreprises"


class TestimonialFilterSet(WagtailFilterSet):
    class Meta:
        model = Testimonial
        fields = ["live", "company"]


class TestimonialViewSet(SafeExportSnippetViewSet):
    model = Testimonial
    icon = "openquote"
    menu_label = _("Témoignages")
    list_display = ["first_name", "role", "company", "consent_date", "live"]
    filterset_class = TestimonialFilterSet
    search_fields = ["first_name", "role", "quote"]
    list_export = ["first_name", "role", "company", "consent_date", "live"]
    export_filename = "temoignages"


class TrainingProviderViewSet(SafeExportSnippetViewSet):
    model = TrainingProvider
    icon = "book"
    menu_label = _("Organismes de formation")
    list_display = ["name", "place", "territory"]
    search_fields = ["name", "place"]
    list_export = ["name", "place", "territory", "website", "contact"]
    export_filename = "organismes-formation"


class CareersSnippetGroup(SnippetViewSetGroup):
    menu_label = _("Métiers")
    menu_icon = "group"
    menu_order = 250
    items = (CompanyViewSet, TestimonialViewSet, TrainingProviderViewSet)


register_snippet(CareersSnippetGroup)


@hooks.register("register_moderated_snippets")
def moderated_careers_snippets():
    """Shown on job profiles and filières: changes go through "Validation Région" (website.moderation)."""
    return [Company, Testimonial, TrainingProvider]


@hooks.register("register_role_grants")
def careers_content_for_editors():
    """Companies, testimonials, training providers…: written by the agency, published by the Région (website.roles)."""
    return editorial_content_grants("careers")


@hooks.register("before_publish")
def refuse_testimonial_without_consent(request, instance):
    """Stops any admin publish path (e.g. from a revision) for a testimonial without consent date."""
    if isinstance(instance, Testimonial) and not instance.consent_date:
        messages.error(request, _("Ce témoignage n'a pas de date de consentement : il ne peut pas être publié."))
        return redirect("wagtailsnippets_careers_testimonial:edit", instance.pk)
    return None


@hooks.register("register_search_suggestions")
def job_title_suggestions(query: str, request):
    """The site search answers a job title with its occupation's page (careers.title_search)."""
    from careers.title_search import search_titles
    from website.search import Suggestion

    items = []
    for result in search_titles(query, limit=8, request=request):
        if result.profile_title:
            note = _("métier : %(title)s") % {"title": result.profile_title}
            items.append(Suggestion(result.label, result.url, str(note)))
        else:
            note = _("hors industrie — fiche ROME %(code)s sur le site de France Travail") % {"code": result.rome_code}
            items.append(Suggestion(result.label, result.url, str(note), external=True))
    return _("Intitulés de métiers"), items


@hooks.register("register_admin_urls")
def register_short_profiles_report_urls():
    from django.urls import path

    from careers.admin_views import ShortProfilesReportView

    return [
        path("fiches-courtes/", ShortProfilesReportView.as_view(), name="careers_short_profiles"),
        path("fiches-courtes/resultats/", ShortProfilesReportView.as_view(results_only=True),
             name="careers_short_profiles_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_short_profiles_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    return MenuItem(_("Fiches courtes à enrichir"), reverse("careers_short_profiles"), icon_name="doc-empty", order=850)
