"""URLs of the observatory: the open-data API (``/api/v1/``) and the territory choice (``/territoire/``)."""

from __future__ import annotations

from django.urls import include, path, re_path
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.routers import APIRootView, DefaultRouter

from observatory import api, api_industry
from observatory.territory import choose_commune, choose_territory


class ApiRoot(APIRootView):
    """``/api/v1/``: the address of every endpoint, in JSON like the rest of the API (no browsable page)."""

    renderer_classes = [JSONRenderer]


router = DefaultRouter()
router.APIRootView = ApiRoot
router.include_format_suffixes = False  # ?format=csv only: /tension/0.5/ stays an unknown address
router.register("territories", api.TerritoryViewSet, basename="api-territory")
router.register("occupations", api.OccupationViewSet, basename="api-occupation")
router.register("tension", api.TensionViewSet, basename="api-tension")
router.register("hiring-projects", api.HiringProjectsViewSet, basename="api-hiring-projects")
router.register("datasets", api.DatasetViewSet, basename="api-dataset")
router.register("unemployment", api.UnemploymentRateViewSet, basename="api-unemployment")
router.register("industry-employment", api_industry.IndustryEmploymentViewSet, basename="api-industry-employment")
router.register("io/multipliers", api_industry.IOMultipliersViewSet, basename="api-io-multipliers")

api_urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", TemplateView.as_view(template_name="observatory/api_docs.html"), name="api-docs"),
    path("", include(router.urls)),
    re_path(r"^.*$", api.unknown_address),  # an unknown API address answers JSON, like every API error
]

urlpatterns = [
    path("api/v1/", include(api_urlpatterns)),
    path("territoire/", choose_territory, name="choose_territory"),
    path("territoire/commune/", choose_commune, name="choose_commune"),
]
