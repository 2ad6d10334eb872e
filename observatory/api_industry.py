"""Open-data API for industrial employment and input–output multipliers (``/api/v1/``).

Same conventions as :mod:`observatory.api`: read-only, JSON or CSV (``?format=csv``), paginated,
every figure with its dataset; a bad parameter answers 400 with a French message.

- ``/api/v1/industry-employment/?territory=REG-32&year=2023&definition=sector|filiere|io&breakdown=…``
- ``/api/v1/io/multipliers/?dataset=<id>`` (latest published table when ``dataset`` is omitted)
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from observatory.api import DatasetRefSerializer, Pagination, ValidatedFiltersMixin
from observatory.api_params import MAX_ID, TERRITORY_KEY, YEAR, choice, integer
from observatory.figures import round_half_up
from observatory.industry import io_algebra
from observatory.industry_service import published_io_table
from observatory.models import DatasetStatus, IndustryEmploymentResult, InputOutputTable
from observatory.models.industry import Breakdown, Definition


@extend_schema_field({"type": "integer", "nullable": True, "description": "Emplois (nombre de postes salariés), "
                      "arrondis à l'unité comme sur les pages du site."})
class JobsField(serializers.Field):
    """A number of jobs rounded half up to the unit: a computed share of a job is no measurement."""

    def to_representation(self, value: float) -> int | None:
        return round_half_up(value)


@extend_schema_field({"type": "number", "nullable": True, "description": "Écart en % du chiffre sectoriel, "
                      "arrondi à une décimale comme sur les pages du site."})
class PercentField(serializers.Field):
    def to_representation(self, value: float) -> float | None:
        return round_half_up(value, 1)


class IndustryEmploymentSerializer(serializers.ModelSerializer):
    jobs = JobsField(read_only=True)
    reference_jobs = JobsField(read_only=True)
    gap_jobs = JobsField(read_only=True)
    gap_percent = PercentField(read_only=True)
    territory = serializers.CharField(source="territory.key")
    territory_name = serializers.CharField(source="territory.name")
    definition_label = serializers.CharField(source="get_definition_display")
    dataset = DatasetRefSerializer(source="employment_dataset")
    io_dataset = DatasetRefSerializer(source="io_table.dataset", allow_null=True, default=None)

    class Meta:
        model = IndustryEmploymentResult
        fields = ["territory", "territory_name", "year", "definition", "definition_label", "breakdown", "code",
                  "label", "jobs", "reference_jobs", "gap_jobs", "gap_percent", "method", "dataset", "io_dataset"]


@extend_schema(
    summary="Emploi industriel selon trois définitions",
    description=("Emploi salarié industriel d'un territoire : secteur (NAF B à E), filières (cœur + part des "
                 "services), entrées-sorties (emplois induits par la demande finale de produits industriels). "
                 "Écart avec le secteur en emplois et en %. Chiffres précalculés après chaque import."),
)
class IndustryEmploymentViewSet(ValidatedFiltersMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = IndustryEmploymentSerializer
    pagination_class = Pagination
    csv_name = "emploi-industriel"
    filters = {
        "territory": TERRITORY_KEY,
        "year": YEAR,
        "definition": choice(Definition.values, "définition", "sector (NAF B à E), filiere ou io (entrées-sorties)."),
        "breakdown": choice(Breakdown.values, "ventilation", "total, branche A38, filière ou variant (sensibilité de la régionalisation entrées-sorties)."),
    }

    def get_queryset(self):
        cleaned = self.clean_filters()
        rows = IndustryEmploymentResult.objects.select_related("territory", "employment_dataset", "io_table__dataset")
        if "territory" in cleaned:
            rows = rows.filter(territory=self.territory_or_404(cleaned["territory"]))
        for name in ("year", "definition", "breakdown"):
            if name in cleaned:
                rows = rows.filter(**{name: cleaned[name]})
        return rows.order_by("territory__key", "-year", "definition", "breakdown", "-jobs", "code")


MULTIPLIER_RESPONSE = inline_serializer("IOMultiplier", fields={
    "branch": serializers.CharField(), "label": serializers.CharField(),
    "output": serializers.FloatField(), "output_multiplier": serializers.FloatField(),
    "employment_multiplier": serializers.FloatField(allow_null=True), "unit": serializers.CharField(),
    "year": serializers.IntegerField(), "dataset": DatasetRefSerializer(),
}, many=True)


@extend_schema(
    summary="Multiplicateurs d'un tableau entrées-sorties",
    description=("Pour chaque branche : production, multiplicateur de production (somme en colonne de "
                 "L = (I − A)⁻¹) et, si le tableau porte l'emploi, multiplicateur d'emploi de type I."),
    responses=MULTIPLIER_RESPONSE,
)
class IOMultipliersViewSet(ValidatedFiltersMixin, viewsets.ViewSet):
    csv_name = "multiplicateurs-entrees-sorties"
    # Bounded: a huge number would overflow the database driver (a 500 found by schemathesis).
    filters = {"dataset": integer(1, MAX_ID, "identifiant numérique de jeu de données attendu (ex. 12)",
                                  "Jeu de données du tableau (défaut : le dernier publié).")}

    def list(self, request):
        cleaned = self.clean_filters()
        if "dataset" in cleaned:
            table = (InputOutputTable.objects.select_related("dataset")
                     .filter(dataset_id=cleaned["dataset"], dataset__status=DatasetStatus.PUBLISHED,
                             dataset__public=True).first())
            if table is None:  # a well-formed identifier of no published table: not found, not a bad request
                raise NotFound({"dataset": _("Le jeu de données n° %(id)s n'est pas un tableau entrées-sorties "
                                             "publié.") % {"id": cleaned["dataset"]}})
        else:
            table = published_io_table() or (InputOutputTable.objects.select_related("dataset")
                                             .filter(dataset__status=DatasetStatus.PUBLISHED, dataset__public=True)
                                             .first())
            if table is None:
                return Response([])
        return Response(multipliers_rows(table))


def multipliers_rows(table: InputOutputTable) -> list[dict[str, Any]]:
    """One row per branch: output, output multiplier, type I employment multiplier (if employment is known)."""
    employment_multipliers = None
    if table.employment:
        labour = io_algebra.employment_coefficients(table.employment, table.output)
        employment_multipliers = io_algebra.employment_multipliers(table.leontief, labour).tolist()
    dataset = DatasetRefSerializer(table.dataset).data
    return [{
        "branch": code, "label": label, "output": output, "output_multiplier": round(multiplier, 6),
        "employment_multiplier": None if employment_multipliers is None else round(employment_multipliers[i], 6),
        "unit": table.unit, "year": table.year, "dataset": dataset,
    } for i, (code, label, output, multiplier) in enumerate(
        zip(table.codes, table.labels, table.output, table.output_multipliers, strict=True))]
