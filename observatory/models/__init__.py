"""Observatory models, split by topic. Other apps import them from here."""

from .bmo import BmoOccupation, Fap2021Family, FapNomenclature, RomeBmoLink
from .datasets import NOMENCLATURE_KINDS, PUBLICATION_CADENCES, Dataset, DatasetKind, DatasetStatus
from .imports import ACTIVE_STATUSES, ImportJob, ImportJobStatus
from .indicators import (
    ApprenticeOutcome,
    Employment,
    HiringProjects,
    KeyIndicator,
    OccupationStats,
    OccupationTension,
    TensionIndicator,
    UnemploymentRate,
)
from .nomenclatures import (
    Commune,
    FapFamily,
    NafActivity,
    Rome4Occupation,
    RomeAppellation,
    RomeFapLink,
    RomeMobility,
    RomeOccupation,
    Territory,
    TerritoryLevel,
    territory_key,
)
from .pages import ObservatoryIndexPage

__all__ = [
    "ACTIVE_STATUSES",
    "NOMENCLATURE_KINDS",
    "PUBLICATION_CADENCES",
    "ApprenticeOutcome",
    "BmoOccupation",
    "Commune",
    "Dataset",
    "DatasetKind",
    "DatasetStatus",
    "Employment",
    "Fap2021Family",
    "FapFamily",
    "FapNomenclature",
    "HiringProjects",
    "ImportJob",
    "ImportJobStatus",
    "KeyIndicator",
    "NafActivity",
    "ObservatoryIndexPage",
    "OccupationStats",
    "OccupationTension",
    "Rome4Occupation",
    "RomeAppellation",
    "RomeBmoLink",
    "RomeFapLink",
    "RomeMobility",
    "RomeOccupation",
    "TensionIndicator",
    "Territory",
    "TerritoryLevel",
    "UnemploymentRate",
    "territory_key",
]
from .industry import Breakdown, Definition, Filiere, FiliereScope, IndustryEmploymentResult, InputOutputTable, ScopeKind  # noqa: F401, I001
from .industry_pages import IndustryFiguresPage, MethodologyPage  # noqa: F401
