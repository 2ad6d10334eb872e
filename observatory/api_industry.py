"""Open-data API for industrial employment and input–output multipliers (``/api/v1/``).

Same conventions as :mod:`observatory.api`: read-only, JSON or CSV (``?format=csv``), paginated,
every figure with its dataset; a bad parameter answers 400 with a French message.

- ``/api/v1/industry-employment/?territory=REG-32&year=2023&definition=sector|filiere|io&breakdown=…``
- ``/api/v1/io/multipliers/?dataset=<id>&employment=total|salaried`` (latest published table when ``dataset``
  is omitted; employment concept ``total`` by default)
"""

from __future__ import annotations

import math
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from observatory.api import DatasetRefSerializer, Pagination, ValidatedFiltersMixin
from observatory.api_params import MAX_ID, TERRITORY_KEY, YEAR, choice, integer
from observatory.figures import round_half_up
from observatory.industry import io_algebra
from observatory.industry.parsers import jobs_per_million_euros_factor
from observatory.industry_service import published_io_table
from observatory.models import DatasetStatus, IndustryEmploymentResult, InputOutputTable
from observatory.models.industry import Breakdown, Definition


@extend_schema_field({"type": "integer", "nullable": True, "description": (
    "Emplois (postes salariés). Unité : emplois, arrondis comme sur les pages du site et dans leurs CSV : à la "
    "dizaine pour la définition sectorielle (effectifs comptés), à la centaine pour les filières et les "
    "entrées-sorties (estimations ; à la dizaine en dessous de 1 000 emplois). Tous les emplois d'une ligne "
    "suivent le même pas.")})
class JobsField(serializers.Field):
    """Jobs as published (``IndustryEmploymentResult.*_shown``): never a fraction of a job, never false precision."""

    def to_representation(self, value: int | None) -> int | None:
        return value


@extend_schema_field({"type": "number", "nullable": True, "description": "Écart en % du chiffre sectoriel, "
                      "arrondi à une décimale comme sur les pages du site. Unité : pour cent (%)."})
class PercentField(serializers.Field):
    def to_representation(self, value: float) -> float | None:
        return round_half_up(value, 1)


class IndustryEmploymentSerializer(serializers.ModelSerializer):
    jobs = JobsField(source="jobs_shown", read_only=True)
    reference_jobs = JobsField(source="reference_jobs_shown", read_only=True)
    gap_jobs = JobsField(source="gap_jobs_shown", read_only=True)
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
        extra_kwargs = {"year": {"help_text": "Année de l'emploi. Unité : année civile."}}


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


#: ``?employment=`` of /api/v1/io/multipliers/: the employment concept of the multipliers.
DEFAULT_EMPLOYMENT_CONCEPT = "total"
EMPLOYMENT_CONCEPT = choice(
    list(io_algebra.EMPLOYMENT_CONCEPTS), "concept d'emploi",
    "Concept d'emploi des multiplicateurs d'emploi : total (emploi total, salariés et non-salariés ; défaut) ou "
    "salaried (emploi salarié). Un tableau qui ne porte pas ce concept donne des multiplicateurs d'emploi nuls "
    "(null) ; l'extraction A38 de l'Insee n'en porte aucun.")


class IOMultiplierSerializer(serializers.Serializer):
    """One branch of a table: output, output multiplier, simple and type I employment multipliers (schema only)."""

    branch = serializers.CharField(help_text="Code de la branche (A38 pour l'Insee).")
    label = serializers.CharField(help_text="Libellé de la branche.")
    output = serializers.FloatField(help_text="Production de la branche. Unité : celle du champ unit (millions "
                                              "d'euros pour l'Insee, milliards pour l'exemple des Nations unies).")
    unit = serializers.CharField(help_text="Unité monétaire du tableau (production).")
    output_multiplier = serializers.FloatField(help_text=(
        "Multiplicateur de production simple : somme en colonne de L = (I − A)⁻¹, production de toute "
        "l'économie par unité de demande finale adressée à la branche. Unité : euros de production par euro de "
        "demande finale (rapport sans dimension)."))
    employment_concept = serializers.ChoiceField(choices=list(io_algebra.EMPLOYMENT_CONCEPTS), help_text=(
        "Concept d'emploi des multiplicateurs d'emploi (paramètre employment) : total ou salaried."))
    employment_concept_label = serializers.CharField(help_text="Nom du concept d'emploi, en français.")
    employment_multiplier = serializers.FloatField(allow_null=True, help_text=(
        "Multiplicateur d'emploi simple (e/x)ᵀ · L : emplois de toute l'économie nécessaires pour un million "
        "d'euros de demande finale adressée à la branche. Unité : emplois par million d'euros de demande finale. "
        "Null si le tableau ne porte pas d'emploi pour ce concept."))
    employment_multiplier_unit = serializers.CharField(help_text="Unité du multiplicateur d'emploi simple.")
    employment_multiplier_type_i = serializers.FloatField(allow_null=True, help_text=(
        "Multiplicateur d'emploi de type I : multiplicateur simple divisé par le coefficient d'emploi direct de la "
        "branche (emplois de toute l'économie par emploi direct de la branche). Unité : emplois par emploi direct "
        "(rapport sans dimension). Null sans emploi pour ce concept ou pour une branche sans emploi."))
    year = serializers.IntegerField(help_text="Année du tableau. Unité : année civile.")
    dataset = DatasetRefSerializer()


@extend_schema(
    summary="Multiplicateurs d'un tableau entrées-sorties",
    description=("Pour chaque branche : production, multiplicateur de production (somme en colonne de "
                 "L = (I − A)⁻¹) et, si le tableau porte l'emploi du concept demandé (employment=total, par défaut, "
                 "ou salaried), multiplicateurs d'emploi simples (« emplois par million d'euros de demande "
                 "finale ») et de type I (leur rapport à l'emploi direct). Le concept et l'unité sont rappelés "
                 "dans chaque ligne."),
    responses=IOMultiplierSerializer(many=True),
)
class IOMultipliersViewSet(ValidatedFiltersMixin, viewsets.ViewSet):
    csv_name = "multiplicateurs-entrees-sorties"
    # Bounded: a huge number would overflow the database driver (a 500 found by schemathesis).
    filters = {"dataset": integer(1, MAX_ID, "identifiant numérique de jeu de données attendu (ex. 12)",
                                  "Jeu de données du tableau (défaut : le dernier publié)."),
               "employment": EMPLOYMENT_CONCEPT}

    def list(self, request):
        cleaned = self.clean_filters()
        concept = cleaned.get("employment", DEFAULT_EMPLOYMENT_CONCEPT)
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
        return Response(multipliers_rows(table, concept))


def _rounded(value: float, digits: int = 6) -> float | None:
    return None if value is None or math.isnan(value) else round(float(value), digits)


def multipliers_rows(table: InputOutputTable, concept: str = DEFAULT_EMPLOYMENT_CONCEPT) -> list[dict[str, Any]]:
    """One row per branch: output, output multiplier, simple and type I employment multipliers for ``concept``.

    Simple employment multipliers are converted to jobs per million euros of final demand
    (:func:`~observatory.industry.parsers.jobs_per_million_euros_factor`); they are None when the
    table carries no employment for ``concept``.
    """
    simple = type_i = None
    employment = table.employment_for(concept)
    if employment:
        factor = jobs_per_million_euros_factor(table.unit, table.employment_unit)
        labour = io_algebra.employment_coefficients(employment, table.output) * factor
        simple = io_algebra.employment_multipliers(table.leontief, labour).tolist()
        type_i = io_algebra.type_i_employment_multipliers(table.leontief, labour).tolist()
    dataset = DatasetRefSerializer(table.dataset).data
    return [{
        # Columns of the first version first, in their order (CSV readers may rely on it).
        "branch": code, "label": label, "output": output, "output_multiplier": round(multiplier, 6),
        "employment_multiplier": None if simple is None else _rounded(simple[i]), "unit": table.unit,
        "employment_concept": concept, "employment_concept_label": io_algebra.EMPLOYMENT_CONCEPTS[concept],
        "employment_multiplier_unit": io_algebra.EMPLOYMENT_MULTIPLIER_UNIT,
        "employment_multiplier_type_i": None if type_i is None else _rounded(type_i[i]),
        "year": table.year, "dataset": dataset,
    } for i, (code, label, output, multiplier) in enumerate(
        zip(table.codes, table.labels, table.output, table.output_multipliers, strict=True))]
