"""Pure career logic: codes, entry levels, reading time, facet counting.

No Django import here, so these functions are tested without a database (see
``tests/careers/test_logic.py``).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable

# Ways into a job, from the shortest to the longest. The key is stored; the rank orders
# them (0 = reachable without any diploma) and says which count as "short" paths for
# jobseekers and career changers.
ENTRY_LEVELS: list[tuple[str, str, int]] = [
    ("sans-diplome", "Sans diplôme", 0),
    ("formation-courte", "Formation courte ou POE (préparation opérationnelle à l’emploi)", 1),
    ("titre-pro", "Titre professionnel", 2),
    ("cqpm", "CQPM (certificat de qualification paritaire de la métallurgie)", 2),
    ("cap", "CAP", 3),
    ("bac-pro", "Bac pro", 4),
    ("bts", "BTS", 5),
    ("but", "BUT", 6),
    ("licence-pro", "Licence professionnelle", 6),
    ("ingenieur", "Diplôme d’ingénieur", 8),
]
LEVEL_LABELS: dict[str, str] = {key: label for key, label, _rank in ENTRY_LEVELS}
# Short forms for cards and lists, where the full label would wrap over several lines.
SHORT_LEVEL_LABELS: dict[str, str] = {**LEVEL_LABELS, "formation-courte": "Formation courte", "cqpm": "CQPM"}
LEVEL_RANKS: dict[str, int] = {key: rank for key, _label, rank in ENTRY_LEVELS}
# Ways in a jobseeker can take in a few weeks or months, without going back to school.
SHORT_PATH_LEVELS: frozenset[str] = frozenset({"sans-diplome", "formation-courte", "titre-pro", "cqpm"})

RIASEC: list[tuple[str, str]] = [
    ("R", "Réaliste : concret, manuel, technique"),
    ("I", "Investigateur : comprendre, analyser, chercher"),
    ("A", "Artistique : créer, imaginer, dessiner"),
    ("S", "Social : aider, former, travailler en équipe"),
    ("E", "Entreprenant : convaincre, décider, diriger"),
    ("C", "Conventionnel : organiser, vérifier, suivre des règles"),
]
RIASEC_LETTERS = "RIASEC"

ROME_CODE = re.compile(r"^[A-N]\d{4}$")
FAP_CODE = re.compile(r"^[A-X]\d[A-Z]\d{2}$")

#: Industrial occupations of the ROME v3 outside domain H (Industrie): maintenance and the
#: warehouse jobs factories hire for (issue #15; the same list as the observatory's filières).
INDUSTRIAL_ROME_EXTRA_CODES: tuple[str, ...] = ("I1102", "I1304", "I1309", "I1310", "N1101", "N1103", "N1105")
FRANCE_TRAVAIL_FICHE_URL = "https://candidat.francetravail.fr/metierscope/fiche-metier/{code}"


def is_industrial_rome_code(code: str) -> bool:
    """True for the 101 industrial ROME v3 occupations: domain H, plus maintenance and logistics ones."""
    return code[:1] == "H" or code in INDUSTRIAL_ROME_EXTRA_CODES


def short_profile_titles(rome_code: str, rome_label: str,
                         titles: Iterable[tuple[str, str, str, str, bool]]) -> tuple[str, str, str]:
    """``(label, masculine, feminine)`` of a short profile, from the occupation's ROME titles.

    ``titles`` are ``(label, masculine, feminine, rome4_code, principal)``. The main title of the
    ROME 4.0 fiche that keeps the v3 code (« Soudeur / Soudeuse » for H2913) comes first; then
    any main title of a descendant fiche, the shortest; else the occupation's own label, which
    in ROME v3 names an activity (« Assemblage d'ouvrages en bois ») rather than a person.
    """
    candidates = [title for title in titles if title[4]]
    same_fiche = [title for title in candidates if title[3] == rome_code]
    chosen = same_fiche or sorted(candidates, key=lambda title: (len(title[0]), title[0]))
    if chosen:
        return chosen[0][0], chosen[0][1], chosen[0][2]
    return rome_label, rome_label, rome_label


def page_title_from_label(label: str) -> str:
    """« Assembleur / Assembleuse d'ouvrages en bois » → « Assembleur ou assembleuse d'ouvrages en bois »."""
    before, separator, after = label.partition(" / ")
    if not separator:
        return label
    first_word = after.split(" ", 1)[0]
    if not first_word.isupper():  # keep an acronym as written
        after = after[:1].lower() + after[1:]
    return f"{before} ou {after}"


WORDS_PER_MINUTE = 200  # silent reading of French non-fiction, a usual editorial estimate


def parse_rome_codes(raw: str) -> list[str]:
    """ROME v3 codes from an editor's text (``"H2913, h2902 ;I1304"``), upper-cased, de-duplicated, in order.

    Raises ``ValueError`` naming the first entry that is not a ROME code (a letter A–N and
    four digits).
    """
    codes: list[str] = []
    for part in re.split(r"[\s,;]+", raw or ""):
        if not part:
            continue
        code = part.upper()
        if not ROME_CODE.match(code):
            raise ValueError(part)
        if code not in codes:
            codes.append(code)
    return codes


def reading_minutes(word_count: int) -> int:
    """Reading time in whole minutes (at least 1) for ``word_count`` words at 200 words a minute."""
    if word_count <= 0:
        return 1
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))


def count_words(text: str) -> int:
    """Words in a plain text (HTML tags must have been removed first)."""
    return len(re.findall(r"\w+(?:[’'-]\w+)*", text or ""))


def lowest_level(levels: Iterable[str]) -> str | None:
    """The shortest way in among ``levels`` (keys of ENTRY_LEVELS), or None."""
    known = [level for level in levels if level in LEVEL_RANKS]
    return min(known, key=LEVEL_RANKS.__getitem__) if known else None


def is_reachable_quickly(levels: Iterable[str]) -> bool:
    """True when one way in needs no diploma or only a short training (weeks or months)."""
    return any(level in SHORT_PATH_LEVELS for level in levels)


def riasec_letters(code: str) -> list[str]:
    """The RIASEC letters of a Holland code (``"RC"`` → ``["R", "C"]``), ignoring anything else."""
    return [letter for letter in dict.fromkeys((code or "").upper()) if letter in RIASEC_LETTERS]


# Keys of StreamField raw data that hold identifiers or addresses, not prose.
_NON_PROSE_KEYS = frozenset({"id", "type", "url", "external_url", "page", "image", "document", "poster"})


def stream_text(raw) -> list[str]:
    """Every prose string inside StreamField raw data (nested dicts and lists), in order.

    Used to count an article's words: identifiers, addresses and chooser ids are skipped.
    """
    found: list[str] = []
    if isinstance(raw, str):
        found.append(raw)
    elif isinstance(raw, dict):
        for key, value in raw.items():
            if key not in _NON_PROSE_KEYS:
                found.extend(stream_text(value))
    elif isinstance(raw, list | tuple):
        for item in raw:
            found.extend(stream_text(item))
    return found


def filter_and_count(items: list, facets: dict) -> tuple[list, dict[str, Counter[str]]]:
    """Combinable facets: which items match, and how many would match for each facet value.

    ``facets`` maps a facet name to ``(selected values, values_of)`` where ``values_of(item)``
    returns the item's values for that facet. Values chosen within one facet are
    alternatives (OR); different facets all apply (AND). Each facet's counts are taken over
    the items that match every *other* facet, so a count tells the visitor how many
    results they get by ticking that value ("disjunctive" faceting).
    """
    # One pass: an item counts for a facet when every other facet matches it, i.e. when the facets
    # that reject it are none (it is a result: it counts everywhere) or that facet alone.
    matched = []
    counts: dict[str, Counter[str]] = {name: Counter() for name in facets}
    for item in items:
        values = {name: _as_set(values_of(item)) for name, (_selected, values_of) in facets.items()}
        rejecting = [name for name, (selected, _values_of) in facets.items() if selected and not values[name] & selected]
        if not rejecting:
            matched.append(item)
            for name, found in values.items():
                counts[name].update(found)
        elif len(rejecting) == 1:
            counts[rejecting[0]].update(values[rejecting[0]])
    return matched, counts


def _as_set(values: Iterable[str]) -> set[str] | frozenset[str]:
    return values if isinstance(values, set | frozenset) else set(values)


def occupation_json_ld(*, name: str, url: str, description: str, alternate_names: list[str], rome_codes: list[str],
                       education: list[str], skills: str, responsibilities: str, region: str,
                       starting_salary: int | None, experienced_salary: int | None) -> dict:
    """A schema.org ``Occupation`` for a job profile (salaries: net monthly euros)."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": name,
        "url": url,
        "description": description,
        "alternateName": [alt for alt in alternate_names if alt and alt != name],
        "occupationalCategory": [
            {"@type": "CategoryCode", "codeValue": code, "inCodeSet": {"@type": "CategoryCodeSet", "name": "ROME v3"}}
            for code in rome_codes
        ],
        "educationRequirements": education,
        "skills": skills,
        "responsibilities": responsibilities,
        "occupationLocation": {"@type": "AdministrativeArea", "name": region},
    }
    if starting_salary or experienced_salary:
        data["estimatedSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "minValue": starting_salary or experienced_salary,
            "maxValue": experienced_salary or starting_salary,
            "unitText": "MONTH",
            "description": "Salaire net mensuel",
        }
    return data


def json_for_script(data) -> str:
    """JSON safe to put inside a ``<script>`` element (no closing tag or HTML comment can appear)."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
