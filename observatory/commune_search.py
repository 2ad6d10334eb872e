"""Finding the visitor's commune, to choose its zone d'emploi as territory (« Trouver ma commune »).

The commune table comes from INSEE's composition communale (``import_data zones-emploi``). A name is
compared without accents, case, hyphens or apostrophes (« st omer », « SAINT-OMER » and
« saint omer » are Saint-Omer); a five-character code is an INSEE commune code. Postcodes are not
INSEE codes and no postcode table is loaded: a number that is no commune's code is said to be so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from observatory.job_titles import search_key
from observatory.models import Commune

#: At most this many communes are listed for the visitor to choose from.
MAX_MATCHES = 20
_CODE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$", re.IGNORECASE)
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}


@dataclass
class CommuneSearch:
    """What a search found: ``communes`` (at most :data:`MAX_MATCHES`), ``more`` when there were more,
    ``exact`` when they all carry exactly the name (or code) typed."""

    query: str
    communes: list[Commune] = field(default_factory=list)
    exact: bool = False
    more: bool = False
    is_code: bool = False

    @property
    def single(self) -> Commune | None:
        """The one commune meant, when there is no doubt."""
        return self.communes[0] if len(self.communes) == 1 else None


def normalise_query(text: str) -> str:
    """« St-Omer » → « saint omer »: the form stored in ``Commune.search_key``."""
    words = search_key(text).split()
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


def find_communes(text: str) -> CommuneSearch:
    """Communes whose INSEE code is ``text``, else whose name is it, else begins with it, else contains it
    (one or two queries)."""
    query = (text or "").strip()[:80]
    search = CommuneSearch(query)
    if not query:
        return search
    communes = Commune.objects.select_related("zone", "zone__parent")
    if _CODE.match(query):
        search.is_code = True
        search.communes = list(communes.filter(code=query.upper()))
        search.exact = bool(search.communes)
        return search
    key = normalise_query(query)
    if not key:
        return search
    exact = list(communes.filter(search_key=key).order_by("departement", "code"))
    if exact:
        search.communes, search.exact = exact, True
        return search
    found = list(communes.filter(search_key__startswith=key).order_by("search_key", "code")[:MAX_MATCHES + 1])
    if not found and len(key) >= 3:
        found = list(communes.filter(search_key__contains=key).order_by("search_key", "code")[:MAX_MATCHES + 1])
    search.more = len(found) > MAX_MATCHES
    search.communes = found[:MAX_MATCHES]
    return search
