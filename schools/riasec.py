"""RIASEC (Holland) interest scoring: pure functions, no Django, tested with Hypothesis.

The interest quiz asks statements, each tied to one of John Holland's six interest types
(Réaliste, Investigateur, Artistique, Social, Entreprenant, Conventionnel). France Travail's
ROME referential gives every occupation a major and a minor RIASEC letter
(``referentiel_code_rome_riasec``); the quiz ranks job profiles by how well the visitor's
interest profile matches those two letters.

Scores are fractions in [0, 1]: the share of the maximum possible agreement given to the
statements of one type. They are shared as a six-digit code (one digit 0–9 per type, in
R-I-A-S-E-C order) so that a result can be sent to a teacher without storing anything.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

DIMENSIONS: str = "RIASEC"
CODE_LENGTH = len(DIMENSIONS)
CODE_MAX_DIGIT = 9

# Weight of the occupation's major and minor letters in the fit. The major type is what
# the job is mostly about; the minor one colours it. Two thirds / one third follows the
# usual reading of a two-letter Holland code (first letter dominant).
MAJOR_WEIGHT = 2 / 3
MINOR_WEIGHT = 1 / 3

K = TypeVar("K", bound=Hashable)


def dimension_scores(answers: Iterable[tuple[str, int]], max_answer: int) -> dict[str, float]:
    """Share of the maximum agreement per RIASEC type, each in [0, 1].

    ``answers`` are (letter, value) pairs with 0 ≤ value ≤ ``max_answer``; letters outside
    RIASEC are ignored. A type without any statement scores 0.
    """
    if max_answer <= 0:
        raise ValueError("max_answer must be positive")
    totals = dict.fromkeys(DIMENSIONS, 0)
    counts = dict.fromkeys(DIMENSIONS, 0)
    for letter, value in answers:
        if letter not in totals:
            continue
        if not 0 <= value <= max_answer:
            raise ValueError(f"answer {value} outside 0..{max_answer}")
        totals[letter] += value
        counts[letter] += 1
    return {
        letter: (totals[letter] / (counts[letter] * max_answer)) if counts[letter] else 0.0
        for letter in DIMENSIONS
    }


def dominant_letters(scores: Mapping[str, float], count: int = 3) -> str:
    """The ``count`` highest-scoring types (score > 0), ties broken in R-I-A-S-E-C order."""
    ranked = sorted(
        (letter for letter in DIMENSIONS if scores.get(letter, 0.0) > 0),
        key=lambda letter: (-scores[letter], DIMENSIONS.index(letter)),
    )
    return "".join(ranked[:count])


def encode_scores(scores: Mapping[str, float]) -> str:
    """A six-digit code, one digit 0–9 per type in R-I-A-S-E-C order (score × 9, rounded)."""
    digits = []
    for letter in DIMENSIONS:
        value = min(max(scores.get(letter, 0.0), 0.0), 1.0)
        digits.append(str(round(value * CODE_MAX_DIGIT)))
    return "".join(digits)


def decode_scores(code: str) -> dict[str, float] | None:
    """The scores encoded by :func:`encode_scores`, or None when ``code`` is not six digits."""
    code = (code or "").strip()
    if len(code) != CODE_LENGTH or not code.isascii() or not code.isdigit():
        return None
    return {letter: int(digit) / CODE_MAX_DIGIT for letter, digit in zip(DIMENSIONS, code, strict=True)}


def occupation_fit(scores: Mapping[str, float], major: str | None, minor: str | None) -> float:
    """How well an interest profile matches an occupation's RIASEC code, in [0, 1].

    Weighted mean of the visitor's scores on the occupation's major (2/3) and minor (1/3)
    letters; the major alone when the occupation has no (valid) minor. 0 when the major is
    unknown, so such occupations sort last instead of being guessed.
    """
    major = (major or "").strip().upper()
    minor = (minor or "").strip().upper()
    if major not in DIMENSIONS or len(major) != 1:
        return 0.0
    if minor not in DIMENSIONS or len(minor) != 1 or minor == major:
        return float(scores.get(major, 0.0))
    return MAJOR_WEIGHT * scores.get(major, 0.0) + MINOR_WEIGHT * scores.get(minor, 0.0)


def rank_by_fit(
    scores: Mapping[str, float],
    candidates: Iterable[tuple[K, Sequence[tuple[str | None, str | None]]]],
) -> list[tuple[K, float]]:
    """Candidates (e.g. job profiles) sorted by their best fit, best first.

    Each candidate comes with the (major, minor) codes of its occupations (a job profile can
    cover several ROME fiches); its fit is the best of them. Candidates without any code are
    left out. Ties keep the input order (sorting is stable), so editors' order decides.
    """
    fits: list[tuple[K, float]] = []
    for key, codes in candidates:
        if not codes:
            continue
        fits.append((key, max(occupation_fit(scores, major, minor) for major, minor in codes)))
    return sorted(fits, key=lambda item: -item[1])
