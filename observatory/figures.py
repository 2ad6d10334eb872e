"""How figures are rounded and written, the same on pages, in CSV and in the API (no Django).

French typography (Imprimerie nationale rules, as INSEE publishes): a narrow no-break space
(U+202F) groups thousands and comes before « % » and « € »; the decimal mark is a comma; a
negative number takes the minus sign « − » (U+2212), not a hyphen. Rounding is half up — the rule
readers expect and the one Django's ``floatformat`` uses — so a page and its CSV never differ by one.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

NARROW_NBSP = "\u202f"
MINUS = "\u2212"

#: Counted jobs (salaried employment of establishments, the sector definition) are written to the ten:
#: the sources are headcounts at a date, revised afterwards, so the unit is no information.
COUNTED_JOBS_STEP = 10
#: Estimated jobs (filières: shares of services; input–output: coefficients of another year and
#: regionalisation) are written to the hundred from ESTIMATE_HUNDREDS_FROM jobs up, to the ten below
#: (a small service branch of a zone would otherwise read « 0 »).
ESTIMATED_JOBS_STEP = 100
ESTIMATE_HUNDREDS_FROM = 1000


def round_half_up(value: float | int | None, digits: int = 0) -> float | int | None:
    """``value`` rounded half up to ``digits`` decimals (an ``int`` for 0 digits); None stays None."""
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-digits)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    return int(rounded) if digits == 0 else float(rounded)


def french_number(value: float | int | None, digits: int = 0, sign: bool = False) -> str:
    """``12345.6`` → ``12 346`` (narrow no-break spaces), ``-1.25`` with 1 digit → ``−1,3``;
    ``sign=True`` writes ``+`` before a positive number (a gap). Empty string for None."""
    rounded = round_half_up(value, digits)
    if rounded is None:
        return ""
    magnitude = f"{abs(rounded):,.{digits}f}".replace(",", NARROW_NBSP).replace(".", ",")
    if rounded < 0:
        return MINUS + magnitude
    return ("+" if sign and rounded > 0 else "") + magnitude


def french_percent(value: float | int | None, digits: int = 1, sign: bool = False) -> str:
    """``5.43`` → ``5,4 %`` with a narrow no-break space; empty string for None."""
    number = french_number(value, digits, sign)
    return f"{number}{NARROW_NBSP}%" if number else ""


def jobs_rounding_step(value: float | int | None, *, estimate: bool) -> int:
    """The step jobs are written to: the ten for counts, the hundred for estimates of 1 000 jobs or more."""
    if estimate and value is not None and abs(value) >= ESTIMATE_HUNDREDS_FROM:
        return ESTIMATED_JOBS_STEP
    return COUNTED_JOBS_STEP


def round_jobs(value: float | int | None, step: int) -> int | None:
    """``value`` jobs rounded half up to a multiple of ``step`` (10 or 100): ``62 345`` → ``62 350`` or
    ``62 300``; None stays None. Never a fraction of a job."""
    if value is None:
        return None
    return int((Decimal(str(value)) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * step
