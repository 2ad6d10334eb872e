"""Keep personal data out of the free text visitors type: feedback comments, search terms.

Pure functions, no Django import. In the base, because both the site search (website/search.py)
and the audience app's feedback form store what visitors wrote.
"""

from __future__ import annotations

import re

REDACTED = "[supprimé]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Addresses written to dodge robots: « jean [at] exemple [dot] fr », « jean(at)exemple.fr »,
# « jean arobase exemple point fr ».
# Plain words only with « arobase », which means nothing else: « at » or « chez » in a sentence must stay.
_AT = r"(?:\s*[\[(<{]\s*(?:at|arobase|@)\s*[\])>}]\s*|\s+arobase\s+)"
_DOT = r"(?:\s*[\[(<{]\s*(?:dot|point|\.)\s*[\])>}]\s*|\s+(?:dot|point)\s+|\.)"
_OBFUSCATED_EMAIL = re.compile(rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)+", re.IGNORECASE | re.UNICODE)
# French social security number (NIR): sex, year, month, département (2A/2B for Corsica), commune,
# order, then an optional 2-digit key; spaces, dots or dashes between groups.
_NIR = re.compile(r"\b[12][\s.-]?\d{2}[\s.-]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.-]?(?:\d{2}|2[AB])[\s.-]?\d{3}"
                  r"[\s.-]?\d{3}(?:[\s.-]?\d{2})?\b", re.IGNORECASE)
# IBAN: country letters, 2 check digits, then 11 to 30 letters or digits, grouped by 4 or not.
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[\s-]?[A-Z0-9]{2,4}){3,8}\b")  # upper case, as banks print them
# French phone numbers: 06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78, 0612345678.
_PHONE = re.compile(r"(?:\+33\s?|0033\s?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b")
_WHITESPACE = re.compile(r"[ \t]+")


def scrub_personal_data(text: str, max_length: int = 500) -> str:
    """Replace e-mail addresses (plain or disguised), IBANs, social security numbers and phone numbers
    by ``[supprimé]``, trim spaces, cut to ``max_length``.

    Visitors are asked not to write personal data; this catches the obvious slips before
    anything is stored.
    """
    cleaned = _EMAIL.sub(REDACTED, text)
    cleaned = _OBFUSCATED_EMAIL.sub(REDACTED, cleaned)
    cleaned = _IBAN.sub(REDACTED, cleaned)
    cleaned = _NIR.sub(REDACTED, cleaned)
    cleaned = _PHONE.sub(REDACTED, cleaned)
    cleaned = "\n".join(_WHITESPACE.sub(" ", line).strip() for line in cleaned.strip().splitlines())
    return cleaned[:max_length].strip()
