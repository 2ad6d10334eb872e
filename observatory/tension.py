"""The DARES labour-market tension method, as pure functions (no Django).

Source: DARES, « Les tensions sur le marché du travail en 2019 », Dares Résultats n° 032
(octobre 2020), method renewed in 2020, and the data of its « Portrait statistique des
métiers » application. The main composite is

    tension = 0.30 · z(online job offers ÷ category-A job-seekers)
            + 0.20 · z(job-seekers' exit rate from the registers)
            + 0.50 · z(share of BMO hiring projects judged difficult)

where each z standardises a component over the occupations' reference distribution
(2014–2018): (x − mean) / standard deviation. The 1–5 category uses fixed cut points,
identical at every geographic level in the 2019 file.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: Weights of the three standardised components (offers/job-seekers, exit rate, difficult hiring).
WEIGHTS = (0.30, 0.20, 0.50)

#: Upper bounds of categories 1 to 4 on the composite's z-score scale (DARES 2019 file).
CUT_POINTS = (-0.5647, -0.2598, 0.1300, 0.5097)

#: The 1–5 category in words, for every reader (never colour alone).
LEVEL_LABELS = {1: "Très faible", 2: "Faible", 3: "Moyenne", 4: "Forte", 5: "Très forte"}


#: The published cut points are rounded to 4 decimals. The 2019 file puts a score of −0.564685
#: (just above −0.5647) in category 1, so the exact lowest bound lies a little higher; −0.56468 still
#: rounds to the published −0.5647 and reproduces every published category of the file.
_EXACT_BOUNDS = (-0.56468, *CUT_POINTS[1:])


def level_for_score(score: float) -> int:
    """The 1–5 tension category of a composite score, as in the DARES 2019 file."""
    if math.isnan(score):
        raise ValueError("score is NaN")
    return bisect.bisect_right(_EXACT_BOUNDS, score) + 1


@dataclass(frozen=True)
class Reference:
    """Mean and standard deviation of one component over the reference distribution."""

    mean: float
    sd: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Reference:
        """Population mean and standard deviation of ``values`` (at least two distinct values)."""
        if len(values) < 2:
            raise ValueError("at least two values are needed to standardise")
        mean = sum(values) / len(values)
        sd = math.sqrt(sum((value - mean) ** 2 for value in values) / len(values))
        if sd == 0:
            raise ValueError("the reference values do not vary")
        return cls(mean, sd)

    def standardise(self, value: float) -> float:
        return (value - self.mean) / self.sd


@dataclass(frozen=True)
class TensionComponents:
    """The raw components of the main composite for one occupation × territory.

    ``offers_per_jobseeker``: online job offers ÷ category-A job-seekers (ratio);
    ``exit_rate``: job-seekers leaving the registers ÷ job-seekers (share, 0–1);
    ``difficult_share``: BMO hiring projects judged difficult ÷ all projects (share, 0–1).
    """

    offers_per_jobseeker: float
    exit_rate: float
    difficult_share: float


def composite_score(components: TensionComponents, references: Sequence[Reference]) -> float:
    """The weighted sum of the standardised components (DARES weights 30/20/50)."""
    values = (components.offers_per_jobseeker, components.exit_rate, components.difficult_share)
    return sum(weight * reference.standardise(value)
               for weight, reference, value in zip(WEIGHTS, references, values, strict=True))


def composite_scores(items: Sequence[TensionComponents],
                     reference: Sequence[TensionComponents] | None = None) -> list[float]:
    """Composite scores of ``items``, each component standardised over ``reference`` (default: the items)."""
    base = reference if reference is not None else items
    references = [
        Reference.of([item.offers_per_jobseeker for item in base]),
        Reference.of([item.exit_rate for item in base]),
        Reference.of([item.difficult_share for item in base]),
    ]
    return [composite_score(item, references) for item in items]


def duncan_index(offers: Mapping[str, float], jobseekers: Mapping[str, float]) -> float:
    """Geographic mismatch between offers and job-seekers across areas: ½ · Σ |O_z/O − D_z/D| (0 to 1).

    0 means offers and job-seekers are spread alike; 1 means they never meet in the same area.
    """
    total_offers = sum(offers.values())
    total_seekers = sum(jobseekers.values())
    if total_offers <= 0 or total_seekers <= 0:
        raise ValueError("offers and job-seekers must both be positive in total")
    areas = set(offers) | set(jobseekers)
    return 0.5 * sum(abs(offers.get(area, 0) / total_offers - jobseekers.get(area, 0) / total_seekers)
                     for area in areas)


#: Complementary indicators → the reason a young reader understands, in priority order for ties.
REASONS = (
    ("lack_of_workforce", "Peu de candidats disponibles"),
    ("hiring_intensity", "Beaucoup d'embauches"),
    ("training_link", "Des compétences précises demandées"),
    ("working_conditions", "Des conditions de travail exigeantes"),
    ("geographic_mismatch", "Les offres et les candidats ne sont pas au même endroit"),
    ("non_durable_employment", "Beaucoup de contrats courts"),
)


def main_reasons(indicators: Mapping[str, int | None], limit: int = 2) -> list[str]:
    """The (at most) two main reasons of a tension, in plain French.

    Only complementary indicators in category 4 or 5 (a marked factor) are reasons;
    the highest category first, ties broken by the order of :data:`REASONS`.
    """
    marked = [(-(indicators.get(name) or 0), position, text)
              for position, (name, text) in enumerate(REASONS) if (indicators.get(name) or 0) >= 4]
    return [text for _, _, text in sorted(marked)[:limit]]


#: France Travail's job-seeker qualification codes (6th character of the DARES FAP ↔ ROME crosswalk)
#: that are unskilled: 1 manœuvre, 2 ouvrier spécialisé, 5 employé non qualifié. The others are
#: 3–4 ouvrier qualifié, 6 employé qualifié, 7 technicien, 8 agent de maîtrise, 9 cadre, 0 not given.
UNSKILLED_QUALIFICATIONS = frozenset("125")


def qualified_weight(qualifications: str) -> int:
    """How many qualified levels lead to a family (``""``: the source gives no digit, so all ten)."""
    if not qualifications:
        return 10
    return sum(1 for digit in set(qualifications) if digit not in UNSKILLED_QUALIFICATIONS)


def family_for_qualified_jobseeker(links: Sequence[tuple[str, str]]) -> str | None:
    """The FAP family a ROME code stands for by default: the one a qualified job-seeker is counted in.

    ``links`` are the code's ``(fap code, qualification digits)`` pairs from the crosswalk. DARES
    sends ``H2913`` (welding) to ``D2Z42`` Soudeurs for qualified job-seekers and to ``D3Z20``
    (unskilled metalworkers) for levels 1, 2 and 5: the profile of a welder is the first. When
    several families take qualified levels (e.g. technicians vs managers), the one taking the most
    levels wins, then the lowest code, so the choice never depends on import order.
    """
    ranked = [(qualified_weight(digits), fap) for fap, digits in links if qualified_weight(digits) > 0]
    if not ranked:  # only unskilled levels lead anywhere: that family it is
        ranked = [(0, fap) for fap, _ in links]
    if not ranked:
        return None
    return min(ranked, key=lambda item: (-item[0], item[1]))[1]
