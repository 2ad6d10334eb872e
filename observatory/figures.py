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
