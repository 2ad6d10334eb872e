"""Open-data API, version 1 (``/api/v1/``): territories, occupations, tension, hiring projects, datasets.

Read-only, anonymous, JSON or CSV (``?format=csv``, or ``csv-fr`` for French spreadsheets), paginated, every figure with its dataset
(source, vintage, licence). A bad parameter answers 400 with a French message, never 500.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.db.models import QuerySet
from django.http import JsonResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer

from observatory.api_params import (
    FAP,
    PAGE,
    PAGE_SIZE_MAX,
    ROME,
    TERRITORY_KEY,
    TERRITORY_KEY_PATTERN,
    YEAR,
    DeclaredParametersSchema,
    QueryParam,
    choice,
    integer,
    page_size_param,
    pattern,
)
from observatory.models import (
    Dataset,
    DatasetStatus,
    FapFamily,
    HiringProjects,
    RomeOccupation,
    TensionIndicator,
    Territory,
    TerritoryLevel,
    UnemploymentRate,
)
from observatory.tension import LEVEL_LABELS
from website.csv_safety import neutralise_row

CACHE_SECONDS = 3600
CSV_MAX_ROWS = 100_000

# Units of numeric fields, said in the OpenAPI description of every one of them (« Unité : … »,
# checked by tests/observatory/test_api_units.py) so that nobody has to guess what a number counts.
UNIT_IDENTIFIER = "Unité : aucune (identifiant)."
UNIT_YEAR = "Unité : année civile."
UNIT_LEVEL = "Unité : niveau de 1 (très faible) à 5 (très fort), catégorie publiée par la Dares."
UNIT_PERCENT = "Unité : pour cent (%)."
UNIT_PROJECTS = "Unité : projets de recrutement."


class CSVRenderer(BaseRenderer):
    """Flat CSV as RFC 4180 writes it (``,`` separated, decimal point), UTF-8 with a BOM so that
    spreadsheet software reads accents right. See :class:`FrenchCSVRenderer` for French spreadsheets."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"
    delimiter = ","
    decimal_comma = False

    def _cell(self, value: Any) -> Any:
        if self.decimal_comma and isinstance(value, float):
            return repr(value).replace(".", ",")
        return value

    def render(self, data: Any, accepted_media_type=None, renderer_context=None) -> bytes:
        if isinstance(data, dict) and "results" in data:
            data = data["results"]
        if isinstance(data, dict):  # an error or a single object
            data = [data]
        rows = [_flatten(item) for item in data or []]
        buffer = io.StringIO()
        if rows:
            fields = list(dict.fromkeys(key for row in rows for key in row))
            writer = csv.DictWriter(buffer, fieldnames=fields, delimiter=self.delimiter, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(neutralise_row({key: self._cell(value) for key, value in row.items()}) for row in rows)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")


class FrenchCSVRenderer(CSVRenderer):
    """``?format=csv-fr``: what a spreadsheet set to French opens in columns (``;`` separated,
    decimal comma)."""

    format = "csv-fr"
    delimiter = ";"
    decimal_comma = True


#: Formats answered as CSV: the whole selection, unpaginated.
CSV_FORMATS = frozenset({CSVRenderer.format, FrenchCSVRenderer.format})


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
    max_page_size = PAGE_SIZE_MAX

    def paginate_queryset(self, queryset, request, view=None):
        # ``page`` and ``page_size`` were checked with the view's filters (ValidatedFiltersMixin).
        if request.accepted_renderer.format in CSV_FORMATS:
            return None  # CSV answers the whole selection (bounded by CSV_MAX_ROWS)
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as error:  # a page past the end: that resource does not exist
            raise NotFound({"page": _("Cette page n'existe pas : elle est au-delà de la dernière.")}) from error

    def query_params(self) -> dict[str, QueryParam]:
        return {"page": PAGE, "page_size": page_size_param(self.page_size)}

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [{"name": name, "required": False, "in": "query", "description": param.description,
                 "schema": param.schema} for name, param in self.query_params().items()]

    def get_paginated_response_schema(self, schema: dict) -> dict:
        described = super().get_paginated_response_schema(schema)
        described["properties"]["count"]["description"] = "Nombre total de résultats de la sélection. Unité : lignes."
        return described


def unknown_address(request, *args, **kwargs) -> JsonResponse:
    """Any other address under /api/v1/: a JSON 404 naming the documentation, not the site's HTML page."""
    return JsonResponse({"detail": _("Adresse inconnue dans l'API. Les adresses valides sont décrites sur "
                                     "/api/v1/docs/.")}, status=404, headers={"Cache-Control": "no-store"},
                        json_dumps_params={"ensure_ascii": False})


# --- Parameter validation ------------------------------------------------------------------

class ValidatedFiltersMixin:
    """Reads declared query parameters, converts them, and refuses unknown, repeated or malformed ones (400)."""

    filters: dict[str, QueryParam] = {}
    schema = DeclaredParametersSchema()  # the OpenAPI description lists ``filters`` as they are read

    def accepted_params(self) -> dict[str, QueryParam]:
        """The view's filters, and ``page``/``page_size`` when it paginates (``format`` is read by negotiation)."""
        paginator = getattr(self, "paginator", None)
        return {**self.filters, **(paginator.query_params() if isinstance(paginator, Pagination) else {})}

    def clean_filters(self) -> dict[str, Any]:
        params = self.request.query_params  # type: ignore[attr-defined]
        errors: dict[str, str] = {}
        accepted = self.accepted_params()
        unknown = sorted(set(params) - set(accepted) - {"format"})
        if unknown:
            allowed = ", ".join(sorted({*accepted, "format"}))
            errors["paramètres"] = _("Paramètre(s) inconnu(s) : %(unknown)s. Paramètres acceptés : %(allowed)s.") % {
                "unknown": ", ".join(unknown), "allowed": allowed}
        repeated = sorted(name for name in params if len(params.getlist(name)) > 1)
        if repeated:
            errors["paramètres"] = _("Paramètre(s) répété(s) : %(names)s. Donnez chaque paramètre une seule fois.") % {
                "names": ", ".join(repeated)}
        cleaned: dict[str, Any] = {}
        for name, convert in self.accepted_params().items():
            raw = params.get(name)
            if raw is None:
                continue
            try:
                cleaned[name] = convert(raw)
            except ValueError as error:
                errors[name] = _("Valeur « %(value)s » refusée : %(reason)s.") % {"value": raw[:40], "reason": error}
        if errors:
            raise ValidationError(errors)
        return cleaned

    def territory_or_404(self, key: str) -> Territory:
        """The territory of a well-formed key, or 404: no such territory (the list is /api/v1/territories/)."""
        territory = Territory.objects.filter(key=key).first()
        if territory is None:
            raise NotFound({"territory": _("Territoire inconnu : %(key)s (liste : /api/v1/territories/).") % {"key": key}})
        return territory

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if response.status_code == 200:
            response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
            response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
            if getattr(request, "accepted_renderer", None) is not None and request.accepted_renderer.format in CSV_FORMATS:
                name = getattr(self, "csv_name", "donnees")
                response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        else:
            response["Cache-Control"] = "no-store"
            # An error is a JSON object whatever format was asked: a one-line CSV would hide it.
            response.accepted_renderer, response.accepted_media_type = JSONRenderer(), "application/json"
        return response

    def perform_content_negotiation(self, request, force=False):
        requested = request.query_params.get("format")
        if requested is not None and requested not in {"json", *CSV_FORMATS, "api"}:
            self.request = request
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
            message = _("Format « %(value)s » inconnu : json, csv ou csv-fr.") % {"value": requested[:20]}
            raise ValidationError({"format": message})
        return super().perform_content_negotiation(request, force)  # type: ignore[misc]

    def get_renderers(self):
        renderers = [JSONRenderer(), CSVRenderer(), FrenchCSVRenderer()]
        if getattr(self, "request", None) is not None and self.request.query_params.get("format") == "api":
            renderers.append(BrowsableAPIRenderer())
        return renderers


# --- Serializers -----------------------------------------------------------------------------


DATASET_UNITS = {
    "id": {"help_text": f"Identifiant du jeu de données (/api/v1/datasets/). {UNIT_IDENTIFIER}"},
    "vintage": {"help_text": f"Millésime : année des données (ex. 2019). {UNIT_YEAR}"},
}


class DatasetRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Dataset
        fields = ["id", "source", "vintage", "licence", "synthetic"]
        extra_kwargs = DATASET_UNITS


class DatasetSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    status_label = serializers.CharField(source="get_status_display")
    supersedes = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True,
        help_text=f"Identifiant de la version que celle-ci a remplacée (null : première version). {UNIT_IDENTIFIER}")

    class Meta:
        model = Dataset
        fields = ["id", "kind", "kind_label", "title", "source", "publisher", "vintage", "series", "licence", "source_url",
                  "original_filename", "checksum", "row_count", "status", "status_label", "imported_at",
                  "published_at", "supersedes", "synthetic"]
        extra_kwargs = {**DATASET_UNITS, "row_count": {
            "help_text": "Lignes de données lues dans le fichier d'origine. Unité : lignes."}}


class TerritorySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)

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
    fap_level = serializers.IntegerField(
        source="fap.level", help_text="Niveau de la famille dans la nomenclature FAP 2009 : 87 (familles) ou 225 "
                                      "(familles détaillées). Unité : aucune (code de niveau).")
    territory = serializers.CharField(source="territory.key")
    territory_name = serializers.CharField(source="territory.name")
    level_label = serializers.SerializerMethodField()
    published = serializers.SerializerMethodField(
        help_text="Faux quand la Dares n'a pas publié de niveau pour cette famille et ce territoire (trop peu "
                  "de personnes pour mesurer la tension) : le score de la ligne est alors repris d'un "
                  "territoire plus large et ne décrit pas celui-ci. Ne classez que les lignes publiées.")
    dataset = DatasetRefSerializer()

    class Meta:
        model = TensionIndicator
        fields = ["fap", "fap_label", "fap_level", "territory", "territory_name", "year", "published", "score",
                  "level", "level_label", "employment", "hiring_intensity", "training_link", "lack_of_workforce",
                  "non_durable_employment", "working_conditions", "geographic_mismatch", "dataset"]
        extra_kwargs = {
            "year": {"help_text": f"Année des indicateurs. {UNIT_YEAR}"},
            "score": {"help_text": "Indicateur composite de tension, centré-réduit sur la distribution des métiers "
                                   "2014-2018 (0 : tension moyenne). Unité : écarts-types (score sans dimension)."},
            "level": {"help_text": f"Catégorie de tension publiée (null si non publiée). {UNIT_LEVEL}"},
            "employment": {"help_text": "Emploi moyen de la famille sur le territoire. Unité : personnes en emploi."},
            **{name: {"help_text": f"{label} {UNIT_LEVEL}"} for name, label in (
                ("hiring_intensity", "Intensité d'embauches."), ("training_link", "Lien formation-emploi."),
                ("lack_of_workforce", "Manque de main-d'œuvre disponible."),
                ("non_durable_employment", "Non-durabilité de l'emploi."),
                ("working_conditions", "Conditions de travail contraignantes."),
                ("geographic_mismatch", "Inadéquation géographique."))},
        }

    def get_level_label(self, obj: TensionIndicator) -> str | None:
        return LEVEL_LABELS.get(obj.level) if obj.level else None

    def get_published(self, obj: TensionIndicator) -> bool:
        return obj.level is not None


class HiringProjectsSerializer(serializers.ModelSerializer):
    territory = serializers.CharField(source="territory.key")
    territory_name = serializers.CharField(source="territory.name")
    # FAP 2009 family of a survey coded in FAP 2009 (until BMO 2023); null for FAP 2021 métiers.
    fap = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    # Null where the sum or its base is incomplete (secret cells): a share of minimums is no share.
    share_difficult = serializers.FloatField(
        read_only=True, allow_null=True,
        help_text=f"Part des projets jugés difficiles, à une décimale (null sous secret statistique). {UNIT_PERCENT}")
    share_seasonal = serializers.FloatField(
        read_only=True, allow_null=True,
        help_text=f"Part des projets saisonniers, à une décimale (null sous secret statistique). {UNIT_PERCENT}")
    dataset = DatasetRefSerializer()

    class Meta:
        model = HiringProjects
        fields = ["occupation_code", "occupation_label", "nomenclature", "fap", "territory", "territory_name", "year",
                  "projects", "difficult", "seasonal", "share_difficult", "share_seasonal", "has_secret",
                  "projects_partial", "difficult_partial", "seasonal_partial", "dataset"]
        extra_kwargs = {
            "year": {"help_text": f"Année de l'enquête BMO. {UNIT_YEAR}"},
            "projects": {"help_text": f"Projets de recrutement (au moins, si projects_partial). {UNIT_PROJECTS}"},
            "difficult": {"help_text": f"Projets jugés difficiles (au moins, si difficult_partial). {UNIT_PROJECTS}"},
            "seasonal": {"help_text": f"Projets saisonniers (au moins, si seasonal_partial). {UNIT_PROJECTS}"},
        }


class UnemploymentRateSerializer(serializers.ModelSerializer):
    territory = serializers.CharField(source="territory.key")
    territory_name = serializers.CharField(source="territory.name")
    period = serializers.CharField(read_only=True, help_text="Trimestre comme l'écrit l'Insee : 2023-T3.")
    dataset = DatasetRefSerializer()

    class Meta:
        model = UnemploymentRate
        fields = ["territory", "territory_name", "year", "quarter", "period", "rate", "dataset"]
        extra_kwargs = {
            "year": {"help_text": f"Année. {UNIT_YEAR}"},
            "quarter": {"help_text": "Trimestre de l'année. Unité : trimestre (1 à 4)."},
            "rate": {"help_text": "Taux de chômage localisé au sens du BIT, corrigé des variations saisonnières. "
                                  "Unité : pour cent (%) de la population active."},
        }


# --- Views -----------------------------------------------------------------------------------

class ReadOnlyAPI(ValidatedFiltersMixin, viewsets.ReadOnlyModelViewSet):
    pagination_class = Pagination
    authentication_classes: list = []

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format in CSV_FORMATS:
            queryset = self.filter_queryset(self.get_queryset())[:CSV_MAX_ROWS]
            from rest_framework.response import Response

            return Response(self.get_serializer(queryset, many=True).data)
        return super().list(request, *args, **kwargs)


@extend_schema_view(list=extend_schema(summary="Territoires"))
class TerritoryViewSet(ReadOnlyAPI):
    """Territories of the official geographic code (nation, régions, départements, zones d'emploi)."""

    serializer_class = TerritorySerializer
    lookup_field = "key"
    csv_name = "territoires"
    filters = {"level": choice(TerritoryLevel.values, "niveau", "Niveau : nation, region, departement ou zone_emploi."),
               "parent": pattern(TERRITORY_KEY_PATTERN, "clé de territoire attendue (ex. REG-32)",
                                 "Clé du territoire parent (ex. REG-32 : ses départements).")}

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


@extend_schema_view(list=extend_schema(summary="Métiers (ROME)"))
class OccupationViewSet(ReadOnlyAPI):
    """ROME occupations with their RIASEC code and FAP families."""

    serializer_class = OccupationSerializer
    lookup_field = "code"
    csv_name = "metiers"
    filters = {"domain": pattern(r"[A-N]", "lettre de grand domaine ROME attendue (A à N)",
                                 "Grand domaine ROME (une lettre, ex. H : industrie)."),
               "riasec": pattern(r"[RIASEC]", "lettre RIASEC attendue (R, I, A, S, E ou C)",
                                 "Lettre RIASEC majeure du métier (R, I, A, S, E ou C)."),
               "fap": FAP}

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


@extend_schema_view(list=extend_schema(summary="Indicateurs de tension"))
class TensionViewSet(ReadOnlyAPI):
    """DARES tension indicators of published datasets, per FAP family × territory × year."""

    serializer_class = TensionSerializer
    csv_name = "tensions"
    filters = {"territory": TERRITORY_KEY, "rome": ROME, "fap": FAP, "year": YEAR,
               "level": integer(1, 5, "niveau de 1 à 5 attendu", "Niveau de tension, de 1 (faible) à 5 (très forte).")}

    def get_queryset(self) -> QuerySet:
        queryset = (TensionIndicator.objects.published().select_related("fap", "territory", "dataset")
                    .order_by("territory__key", "fap__code", "year"))
        if self.action != "list":
            return queryset
        cleaned = self.clean_filters()
        if "territory" in cleaned:
            queryset = queryset.filter(territory=self.territory_or_404(cleaned["territory"]))
        if "rome" in cleaned:
            queryset = queryset.filter(fap__rome_links__rome__code=cleaned["rome"])
        if "fap" in cleaned:
            queryset = queryset.filter(fap__code=cleaned["fap"])
        if "year" in cleaned:
            queryset = queryset.filter(year=cleaned["year"])
        if "level" in cleaned:
            queryset = queryset.filter(level=cleaned["level"])
        return queryset


@extend_schema_view(list=extend_schema(summary="Projets de recrutement (BMO)"))
class HiringProjectsViewSet(ReadOnlyAPI):
    """France Travail BMO hiring projects (secret cells excluded from totals, ``has_secret`` flags them).

    ``nomenclature``: ``fap2009`` or ``fap2021``: a métier code is comparable only within one.
    ``projects_partial`` (and the same for ``difficult``, ``seasonal``): a secret cell was left out of
    that sum, which is therefore a minimum (« au moins »); shares are computed only from complete sums.
    """

    serializer_class = HiringProjectsSerializer
    csv_name = "projets-recrutement"
    filters = {"territory": TERRITORY_KEY, "fap": FAP, "year": YEAR,
               "occupation": pattern(r"[A-Z0-9]{3,8}", "code métier BMO attendu", "Code métier de l'enquête BMO.")}

    def get_queryset(self) -> QuerySet:
        queryset = (HiringProjects.objects.published().select_related("fap", "territory", "dataset")
                    .order_by("territory__key", "occupation_code", "year"))
        if self.action != "list":
            return queryset
        cleaned = self.clean_filters()
        if "territory" in cleaned:
            queryset = queryset.filter(territory=self.territory_or_404(cleaned["territory"]))
        if "fap" in cleaned:
            queryset = queryset.filter(fap__code=cleaned["fap"])
        if "occupation" in cleaned:
            queryset = queryset.filter(occupation_code=cleaned["occupation"])
        if "year" in cleaned:
            queryset = queryset.filter(year=cleaned["year"])
        return queryset


@extend_schema_view(list=extend_schema(summary="Taux de chômage par zone d'emploi (Insee)"))
class UnemploymentRateViewSet(ReadOnlyAPI):
    """INSEE localised unemployment rate (ILO, %, seasonally adjusted quarterly average) by zone d'emploi.

    A zone straddling two régions is given by its regional part (``ZE-0054-32``).
    """

    serializer_class = UnemploymentRateSerializer
    csv_name = "taux-chomage-zones-emploi"
    filters = {"territory": TERRITORY_KEY, "year": YEAR,
               "quarter": integer(1, 4, "trimestre attendu (1 à 4)", "Trimestre de l'année : 1 à 4.")}

    def get_queryset(self) -> QuerySet:
        queryset = (UnemploymentRate.objects.published().select_related("territory", "dataset")
                    .order_by("territory__key", "year", "quarter"))
        if self.action != "list":
            return queryset
        cleaned = self.clean_filters()
        if "territory" in cleaned:
            queryset = queryset.filter(territory=self.territory_or_404(cleaned["territory"]))
        if "year" in cleaned:
            queryset = queryset.filter(year=cleaned["year"])
        if "quarter" in cleaned:
            queryset = queryset.filter(quarter=cleaned["quarter"])
        return queryset


@extend_schema_view(list=extend_schema(summary="Jeux de données (provenance)"))
class DatasetViewSet(ReadOnlyAPI):
    """Dataset versions: published ones and archived ones (drafts are never exposed)."""

    serializer_class = DatasetSerializer
    csv_name = "jeux-de-donnees"
    filters = {"kind": choice([k for k, _ in Dataset._meta.get_field("kind").choices], "type",
                              "Type de jeu de données (tension, emploi, projets de recrutement…)."),
               "status": choice([DatasetStatus.PUBLISHED, DatasetStatus.REPLACED], "statut",
                                "published (défaut) ou replaced (versions archivées).")}

    def get_queryset(self) -> QuerySet:
        queryset = (Dataset.objects.exclude(status=DatasetStatus.DRAFT).filter(public=True)
                    .order_by("kind", "-vintage", "-pk"))
        if self.action != "list":
            return queryset
        cleaned = self.clean_filters()
        queryset = queryset.filter(status=cleaned.get("status", DatasetStatus.PUBLISHED))
        if "kind" in cleaned:
            queryset = queryset.filter(kind=cleaned["kind"])
        return queryset


__all__ = ["DatasetViewSet", "FapFamily", "HiringProjectsViewSet", "OccupationViewSet", "TensionViewSet",
           "TerritoryViewSet"]
