"""Keep personal data out of free-text feedback. Pure functions, no Django import."""

from __future__ import annotations

import re

REDACTED = "[supprimé]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# French phone numbers: 06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78, 0612345678.
_PHONE = re.compile(r"(?:\+33\s?|0033\s?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b")
_WHITESPACE = re.compile(r"[ \t]+")


def scrub_personal_data(text: str, max_length: int = 500) -> str:
    """Replace e-mail addresses and phone numbers by ``[supprimé]``, trim spaces, cut to ``max_length``.

    Visitors are asked not to write personal data; this catches the obvious slips before
    anything is stored.
    """
    cleaned = _EMAIL.sub(REDACTED, text)
    cleaned = _PHONE.sub(REDACTED, cleaned)
    cleaned = "\n".join(_WHITESPACE.sub(" ", line).strip() for line in cleaned.strip().splitlines())
    return cleaned[:max_length].strip()
