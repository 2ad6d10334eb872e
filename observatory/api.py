"""Open-data API, version 1 (``/api/v1/``): territories, occupations, tension, hiring projects, datasets.

Read-only, anonymous, JSON or CSV (``?format=csv``), paginated, every figure with its dataset
(source, vintage, licence). A bad parameter answers 400 with a French message, never 500.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer

from observatory.models import (
    Dataset,
    DatasetStatus,
    FapFamily,
    HiringProjects,
    RomeOccupation,
    TensionIndicator,
    Territory,
    TerritoryLevel,
)
from observatory.tension import LEVEL_LABELS

CACHE_SECONDS = 3600
CSV_MAX_ROWS = 100_000


class CSVRenderer(BaseRenderer):
    """Flat CSV (UTF-8 with BOM so that spreadsheet software reads accents right, ``;`` separated)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type=None, renderer_context=None) -> bytes:
        if isinstance(data, dict) and "results" in data:
            data = data["results"]
        if isinstance(data, dict):  # an error or a single object
            data = [data]
        rows = [_flatten(item) for item in data or []]
        buffer = io.StringIO()
        if rows:
            fields = list(dict.fromkeys(key for row in rows for key in row))
            writer = csv.DictWriter(buffer, fieldnames=fields, delimiter=";", extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _flatten(item: Any, prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in (item or {}).items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}_"))
        elif isinstance(value, list):
            flat[name] = ",".join(str(part) for part in value)
        else:
            flat[name] = "" if value is None else value
    return flat


class Pagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000

    def paginate_queryset(self, queryset, request, view=None):
        for name in ("page", "page_size"):
            value = request.query_params.get(name)
            if value is not None and (not value.isdigit() or int(value) < 1):
                message = _("Nombre entier positif attendu (reçu « %(value)s »).") % {"value": value[:30]}
                raise ValidationError({name: message})
        if request.accepted_renderer.format == "csv":
            return None  # CSV answers the whole selection (bounded by CSV_MAX_ROWS)
        try:
            return super().paginate_queryset(queryset, request, view)
        except Exception as error:  # NotFound for a page past the end
            raise ValidationError({"page": _("Cette page n'existe pas.")}) from error


# --- Parameter validation ------------------------------------------------------------------

COMMON_PARAMS = {"format", "page", "page_size"}


def _check(pattern: str, message: str) -> Callable[[str], str]:
    def convert(value: str) -> str:
        value = value.strip().upper()
        if not re.fullmatch(pattern, value):
            raise ValueError(message)
        return value

    return convert


def _int_between(low: int, high: int, message: str) -> Callable[[str], int]:
    def convert(value: str) -> int:
        if not value.strip().isdigit() or not low <= int(value) <= high:
            raise ValueError(message)
        return int(value)

    return convert


TERRITORY_KEY = _check(r"FR|REG-\d{2}|DEP-(?:\d{2,3}|2[AB])|ZE-\d{4}",
                       "clé de territoire attendue (FR, REG-32, DEP-59, ZE-3201)")
ROME = _check(r"[A-N]\d{4}", "code ROME attendu (ex. H2913)")
FAP = _check(r"[A-Z](?:\d[A-Z](?:\d{2})?)?", "code FAP 2009 attendu (ex. D, D1Z ou D1Z80)")
YEAR = _int_between(1950, 2100, "année attendue (ex. 2019)")
LEVEL = _int_between(1, 5, "niveau de 1 à 5 attendu")


class ValidatedFiltersMixin:
    """Reads declared query parameters, converts them, and refuses unknown or malformed ones (400)."""

    filters: dict[str, Callable[[str], Any]] = {}

    def clean_filters(self) -> dict[str, Any]:
        params = self.request.query_params  # type: ignore[attr-defined]
        errors: dict[str, str] = {}
        unknown = sorted(set(params) - set(self.filters) - COMMON_PARAMS)
        if unknown:
            allowed = ", ".join(sorted(set(self.filters) | COMMON_PARAMS))
            errors["paramètres"] = _("Paramètre(s) inconnu(s) : %(unknown)s. Paramètres acceptés : %(allowed)s.") % {
                "unknown": ", ".join(unknown), "allowed": allowed}
        cleaned: dict[str, Any] = {}
        for name, convert in self.filters.items():
            raw = params.get(name)
            if raw is None or raw == "":
                continue
            try:
                cleaned[name] = convert(raw)
            except ValueError as error:
                errors[name] = _("Valeur « %(value)s » refusée : %(reason)s.") % {"value": raw[:40], "reason": error}
        if errors:
            raise ValidationError(errors)
        return cleaned

    def territory_or_400(self, key: str) -> Territory:
        territory = Territory.objects.filter(key=key).first()
        if territory is None:
            raise ValidationError({"territory": _("Territoire inconnu : %(key)s.") % {"key": key}})
        return territory

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if response.status_code == 200:
            response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
            response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
            if getattr(request, "accepted_renderer", None) is not None and request.accepted_renderer.format == "csv":
                name = getattr(self, "csv_name", "donnees")
                response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        else:
            response["Cache-Control"] = "no-store"
        return response

    def perform_content_negotiation(self, request, force=False):
        requested = request.query_params.get("format")
        if requested is not None and requested not in {"json", "csv", "api"}:
            self.request = request
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
            message = _("Format « %(value)s » inconnu : json ou csv.") % {"value": requested[:20]}
            raise ValidationError({"format": message})
        return super().perform_content_negotiation(request, force)  # type: ignore[misc]

    def get_renderers(self):
        renderers = [JSONRenderer(), CSVRenderer()]
        if getattr(self, "request", None) is not None and self.request.query_params.get("format") == "api":
            renderers.append(BrowsableAPIRenderer())
        return renderers


# --- Serializers -----------------------------------------------------------------------------


class DatasetRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Dataset
        fields = ["id", "source", "vintage", "licence"]


class DatasetSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    status_label = serializers.CharField(source="get_status_display")
    supersedes = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Dataset
        fields = ["id", "kind", "kind_label", "title", "source", "publisher", "vintage", "licence", "source_url",
                  "original_filename", "checksum", "row_count", "status", "status_label", "imported_at",
                  "published_at", "supersedes"]


class TerritorySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta:
        model = Territory
        fields = ["key", "level", "code", "name", "parent"]


class OccupationSerializer(serializers.ModelSerializer):
    domain_label = serializers.CharField(read_only=True)
    fap = serializers.SerializerMethodField()

    class Meta:
        model = RomeOccupation
        fields = ["code", "label", "domain", "domain_label", "riasec_major", "riasec_minor", "fap"]

    def get_fap(self, obj: RomeOccupation) -> list[str]:
        return sorted(link.fap.code for link in obj.fap_links.all())


class TensionSerializer(serializers.ModelSerializer):
    fap = serializers.CharField(source="fap.code")
    fap_label = serializers.CharField(source="fap.label")
    fap_level = serializers.IntegerField(source="fap.level")
    territory = serializers.CharField(source="territory.key")
    territory_name = serializers.CharField(source="territory.name")
    level_label = serializers.SerializerMethodField()
    dataset = DatasetRefSerializer()

    class Meta:
        model = TensionIndicator
        fields = ["fap", "fap_label", "fap_level", "territory", "territory_name", "year", "score", "level",
                  "level_label", "employment", "hiring_intensity", "training_link", "lack_of_workforce",
                  "non_durable_employment", "working_conditions", "geographic_mismatch", "dataset"]

    def get_level_label(self, obj: TensionIndicator) -> str | None:
        return LEVEL_LABELS.get(obj.level) if obj.level else None


class HiringProjectsSerializer(serializers.ModelSerializer):
    territory = serializers.CharField(source="territory.key")
    territory_name = serializers.CharField(source="territory.name")
    fap = serializers.SlugRelatedField(slug_field="code", read_only=True)
    share_difficult = serializers.FloatField(read_only=True)
    share_seasonal = serializers.FloatField(read_only=True)
    dataset = DatasetRefSerializer()

    class Meta:
        model = HiringProjects
        fields = ["occupation_code", "occupation_label", "fap", "territory", "territory_name", "year", "projects",
                  "difficult", "seasonal", "share_difficult", "share_seasonal", "has_secret", "dataset"]


# --- Views -----------------------------------------------------------------------------------

def _params(*items: tuple[str, Any, str]) -> list[OpenApiParameter]:
    common = [OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "csv"], description="json (défaut) ou csv")]
    return [OpenApiParameter(name, kind, description=text) for name, kind, text in items] + common


class ReadOnlyAPI(ValidatedFiltersMixin, viewsets.ReadOnlyModelViewSet):
    pagination_class = Pagination
    authentication_classes: list = []

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == "csv":
            queryset = self.filter_queryset(self.get_queryset())[:CSV_MAX_ROWS]
            from rest_framework.response import Response

            return Response(self.get_serializer(queryset, many=True).data)
        return super().list(request, *args, **kwargs)


@extend_schema_view(list=extend_schema(summary="Territoires", parameters=_params(
    ("level", OpenApiTypes.STR, "nation, region, departement ou zone_emploi"),
    ("parent", OpenApiTypes.STR, "clé du territoire parent (ex. REG-32)"))))
class TerritoryViewSet(ReadOnlyAPI):
    """Territories of the official geographic code (nation, régions, départements, zones d'emploi)."""

    serializer_class = TerritorySerializer
    lookup_field = "key"
    csv_name = "territoires"
    filters = {"level": lambda value: _choice(value, TerritoryLevel.values, "niveau"), "parent": TERRITORY_KEY}

    def get_queryset(self) -> QuerySet:
        queryset = Territory.objects.select_related("parent").order_by("key")
        if self.action != "list":
            return queryset
        cleaned = self.clean_filters()
        if "level" in cleaned:
            queryset = queryset.filter(level=cleaned["level"])
        if "parent" in cleaned:
            queryset = queryset.filter(parent__key=cleaned["parent"])
        return queryset


def _choice(value: str, allowed: list[str], what: str) -> str:
    if value not in allowed:
        raise ValueError(f"{what} attendu parmi {', '.join(allowed)}")
    return value


@extend_schema_view(list=extend_schema(summary="Métiers (ROME)", parameters=_params(
    ("domain", OpenApiTypes.STR, "grand domaine ROME (lettre, ex. H)"),
    ("riasec", OpenApiTypes.STR, "lettre RIASEC majeure (R, I, A, S, E, C)"),
    ("fap", OpenApiTypes.STR, "famille FAP 225 (ex. D1Z80)"))))
class OccupationViewSet(ReadOnlyAPI):
    """ROME occupations with their RIASEC code and FAP families."""

    serializer_class = OccupationSerializer
    lookup_field = "code"
    csv_name = "metiers"
    filters = {"domain": _check(r"[A-N]", "lettre de grand domaine ROME attendue (A à N)"),
               "riasec": _check(r"[RIASEC]", "lettre RIASEC attendue (R, I, A, S, E ou C)"), "fap": FAP}

    def get_queryset(self) -> QuerySet:
        queryset = RomeOccupation.objects.prefetch_related("fap_links__fap").order_by("code")
        if self.action != "list":
            return queryset
        cleaned = self.clean_filters()
        if "domain" in cleaned:
            queryset = queryset.filter(domain=cleaned["domain"])
        if "riasec" in cleaned:
            queryset = queryset.filter(riasec_major=cleaned["riasec"])
        if "fap" in cleaned:
            queryset = queryset.filter(fap_links__fap__code=cleaned["fap"])
        return queryset


@extend_schema_view(list=extend_schema(summary="Indicateurs de tension", parameters=_params(
    ("territory", OpenApiTypes.STR, "clé de territoire (FR, REG-32, DEP-59)"),
    ("rome", OpenApiTypes.STR, "code ROME : les familles FAP correspondantes"),
    ("fap", OpenApiTypes.STR, "code FAP 2009 (87 ou 225)"),
    ("year", OpenApiTypes.INT, "année"), ("level", OpenApiTypes.INT, "niveau de tension 1 à 5"))))
class TensionViewSet(ReadOnlyAPI):
    """DARES tension indicators of published datasets, per FAP family × territory × year."""

    serializer_class = TensionSerializer
    csv_name = "tensions"
    filters = {"territory": TERRITORY_KEY, "rome": ROME, "fap": FAP, "year": YEAR, "level": LEVEL}

    def get_queryset(self) -> QuerySet:
        queryset = (TensionIndicator.objects.published().select_related("fap", "territory", "dataset")
                    .order_by("territory__key", "fap__code", "year"))
        if self.action != "list":
            return queryset
        cleaned = self.clean_filters()
        if "territory" in cleaned:
            queryset = queryset.filter(territory=self.territory_or_400(cleaned["territory"]))
        if "rome" in cleaned:
            queryset = queryset.filter(fap__rome_links__rome__code=cleaned["rome"])
        if "fap" in cleaned:
            queryset = queryset.filter(fap__code=cleaned["fap"])
        if "year" in cleaned:
            queryset = queryset.filter(year=cleaned["year"])
        if "level" in cleaned:
            queryset = queryset.filter(level=cleaned["level"])
        return queryset


@extend_schema_view(list=extend_schema(summary="Projets de recrutement (BMO)", parameters=_params(
    ("territory", OpenApiTypes.STR, "clé de territoire"), ("fap", OpenApiTypes.STR, "code FAP 225"),
    ("occupation", OpenApiTypes.STR, "code métier BMO"), ("year", OpenApiTypes.INT, "année"))))
class HiringProjectsViewSet(ReadOnlyAPI):
    """France Travail BMO hiring projects (secret cells excluded from totals, ``has_secret`` flags them)."""

    serializer_class = HiringProjectsSerializer
    csv_name = "projets-recrutement"
    filters = {"territory": TERRITORY_KEY, "fap": FAP, "year": YEAR,
               "occupation": _check(r"[A-Z0-9]{3,8}", "code métier BMO attendu")}

    def get_queryset(self) -> QuerySet:
        queryset = (HiringProjects.objects.published().select_related("fap", "territory", "dataset")
                    .order_by("territory__key", "occupation_code", "year"))
        if self.action != "list":
            return queryset
        cleaned = self.clean_filters()
        if "territory" in cleaned:
            queryset = queryset.filter(territory=self.territory_or_400(cleaned["territory"]))
        if "fap" in cleaned:
            queryset = queryset.filter(fap__code=cleaned["fap"])
        if "occupation" in cleaned:
            queryset = queryset.filter(occupation_code=cleaned["occupation"])
        if "year" in cleaned:
            queryset = queryset.filter(year=cleaned["year"])
        return queryset


@extend_schema_view(list=extend_schema(summary="Jeux de données (provenance)", parameters=_params(
    ("kind", OpenApiTypes.STR, "type de jeu de données"),
    ("status", OpenApiTypes.STR, "published (défaut) ou replaced (versions archivées)"))))
class DatasetViewSet(ReadOnlyAPI):
    """Dataset versions: published ones and archived ones (drafts are never exposed)."""

    serializer_class = DatasetSerializer
    csv_name = "jeux-de-donnees"
    filters = {"kind": lambda value: _choice(value, [k for k, _ in Dataset._meta.get_field("kind").choices], "type"),
               "status": lambda value: _choice(value, [DatasetStatus.PUBLISHED, DatasetStatus.REPLACED], "statut")}

    def get_queryset(self) -> QuerySet:
        queryset = Dataset.objects.exclude(status=DatasetStatus.DRAFT).order_by("kind", "-vintage", "-pk")
        if self.action != "list":
            return queryset
        cleaned = self.clean_filters()
        queryset = queryset.filter(status=cleaned.get("status", DatasetStatus.PUBLISHED))
        if "kind" in cleaned:
            queryset = queryset.filter(kind=cleaned["kind"])
        return queryset


__all__ = ["DatasetViewSet", "FapFamily", "HiringProjectsViewSet", "OccupationViewSet", "TensionViewSet",
           "TerritoryViewSet"]
