"""Find an occupation by any of its job titles: the 13,000 ROME appellations lead to their page.

A jobseeker knows « menuisier » or « régleuse », not the ROME code H2201 or the profile's
title. The observatory stores the appellations (``RomeAppellation``) with a search key (no
accents, lower case, both genders); the search tolerates one typo. A title of an industrial
occupation leads to its profile; any other says it is outside industry and links to France
Travail's own fiche.

Two engines, one behaviour; no process holds the 13,000 titles in memory. On PostgreSQL
(production) the database answers: full-text prefix matching for the words as typed, then trigram
word similarity for a typo, both on indexes (observatory migration 0017). On SQLite (a laptop's
``make run``) the database answers the words as typed (``LIKE`` on the titles' search keys, 13,000
short rows read in a few milliseconds); for a typo, the titles' vocabulary (about 6,000 words,
kept per process and data version: 0.5 MB, where the whole index took 28 MB) gives the words one
typo away, and the database the titles holding them. Either way: every typed word starts a word of
the title; main titles, then shorter ones, come first; titles with a typo come after the exact
ones, and only for a query of at least four letters. :class:`TitleIndex` states the same rules in
pure Python; the tests hold both engines to it.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.search import SearchVectorField
from django.db import connection, transaction
from django.db.models import Func, Q, Value

from careers.logic import FRANCE_TRAVAIL_FICHE_URL, is_industrial_rome_code, parse_rome_codes
from observatory.job_titles import Match, Title, TitleIndex, search_key, within_one_edit
from website.site_cache import cached_until_content_changes

MAX_QUERY_LENGTH = 100
# Below four letters a typo would match half the referential (the same rule as TitleIndex).
MIN_FUZZY_LENGTH = 4
_TITLE_FIELDS = ("code_ogr", "label", "rome_code", "principal", "search_key")
_memo: dict[str, tuple[int, TitleIndex]] = {}


@dataclass(frozen=True)
class TitleResult:
    """A job title found, and where it leads."""

    label: str
    rome_code: str
    industrial: bool
    url: str  # the profile's page, or France Travail's fiche outside industry
    profile_title: str  # "" outside industry
    exact: bool  # found without a typo


def title_vocabulary() -> tuple[str, ...]:
    """Every word of the stored titles' search keys, sorted: kept once per process and observatory data version."""
    from observatory.cache import data_version
    from observatory.models import RomeAppellation

    version = data_version()
    cached = _memo.get("vocabulary")
    if cached is not None and cached[0] == version:
        return cached[1]
    words: set[str] = set()
    for key in RomeAppellation.objects.values_list("search_key", flat=True).iterator(chunk_size=5000):
        words.update(key.split())
    vocabulary = tuple(sorted(words))
    _memo["vocabulary"] = (version, vocabulary)
    return vocabulary


def title_index() -> TitleIndex:
    """Every stored appellation in :class:`TitleIndex`, the rules' reference (tests and ``bench/``; one query)."""
    from observatory.models import RomeAppellation

    rows = RomeAppellation.objects.values_list(*_TITLE_FIELDS)
    return TitleIndex(Title(*row) for row in rows.iterator(chunk_size=5000))


class _SimpleTextVector(Func):
    """``to_tsvector('simple', <field>)``, written exactly as the index of migration 0017 so that it is used."""

    function = "to_tsvector"
    template = "%(function)s('simple'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()


def find_titles(query: str, limit: int) -> list[Match]:
    """The appellations matching ``query``, best first: PostgreSQL's indexes, or SQLite with the vocabulary."""
    if connection.vendor == "postgresql":
        return _database_matches(query, limit)
    return _vocabulary_matches(query, limit)


#: At most this many vocabulary words one typo away are looked up for a typed word (a cap on the SQL's size).
MAX_TYPO_WORDS = 200


def _has_word(word: str) -> Q:
    """The search key holds ``word`` as a whole word (``padded``: the key between two spaces)."""
    return Q(padded__contains=f" {word} ")


def _vocabulary_matches(query: str, limit: int) -> list[Match]:
    """SQLite (or any other database): the rules of :class:`TitleIndex` in two queries at most.

    Exact: each typed word starts a word of the key (``LIKE 'w%' OR LIKE '% w%'``). One typo:
    for each typed word, the vocabulary's words that start with it up to one typo
    (:func:`within_one_edit`, the in-memory index's own test); a title must hold one of them for
    every typed word.
    """
    from django.db.models.functions import Concat, Length

    from observatory.models import RomeAppellation

    words = search_key(query).split()
    if not words:
        return []
    order = ("-principal", Length("search_key"), "search_key", "code_ogr")
    exact_filter = Q()
    for word in words:
        exact_filter &= Q(search_key__startswith=word) | Q(search_key__contains=f" {word}")
    exact = list(RomeAppellation.objects.filter(exact_filter).order_by(*order).values_list(*_TITLE_FIELDS)[:limit])
    matches = [Match(Title(*row), True) for row in exact]
    if len(matches) >= limit:
        return matches
    vocabulary = title_vocabulary()
    typo_filter = Q()
    for word in words:
        near = [known for known in vocabulary if len(known) >= len(word) - 1 and within_one_edit(known, word)]
        if not near:
            return matches
        typo_filter &= reduce(operator.or_, (_has_word(known) for known in near[:MAX_TYPO_WORDS]))
    fuzzy = (RomeAppellation.objects.annotate(padded=Concat(Value(" "), "search_key", Value(" ")))
             .filter(typo_filter).exclude(code_ogr__in=[row[0] for row in exact])
             .order_by(*order).values_list(*_TITLE_FIELDS)[: limit - len(matches)])
    return matches + [Match(Title(*row), False) for row in fuzzy]


def _database_matches(query: str, limit: int) -> list[Match]:
    """PostgreSQL: exact word prefixes by full text, then one typo by trigram word similarity (two queries at most).

    ``search_key`` holds only ``[a-z0-9]`` words, so the typed words can be written into the
    ``to_tsquery`` expression as they are. ``%>`` (``trigram_word_similar``) is true when some
    stretch of the title is similar to the query above ``pg_trgm.word_similarity_threshold``
    (0.6 by default): one wrong, missing or extra letter in a word of five letters or more.
    """
    from django.contrib.postgres.search import SearchQuery, TrigramWordSimilarity
    from django.db.models.functions import Length

    from observatory.models import RomeAppellation

    key = search_key(query)
    words = key.split()
    if not words:
        return []
    prefixes = SearchQuery(" & ".join(f"{word}:*" for word in words), search_type="raw", config="simple")
    exact = list(RomeAppellation.objects.annotate(document=_SimpleTextVector("search_key"))
                 .filter(document=prefixes)
                 .order_by("-principal", Length("search_key"), "search_key", "code_ogr")
                 .values_list(*_TITLE_FIELDS)[:limit])
    matches = [Match(Title(*row), True) for row in exact]
    if len(matches) < limit and len(key) >= MIN_FUZZY_LENGTH:
        fuzzy = (RomeAppellation.objects.filter(search_key__trigram_word_similar=key)
                 .exclude(code_ogr__in=[row[0] for row in exact])
                 .annotate(similarity=TrigramWordSimilarity(key, "search_key"))
                 .order_by("-similarity", "-principal", Length("search_key"), "search_key")
                 .values_list(*_TITLE_FIELDS)[: limit - len(matches)])
        # The planner prices pg_trgm's ``%>`` like a cheap comparison and would rather compute the
        # word similarity of all 13,000 titles (105 ms) than read the trigram index (4 ms).
        # Scoped to this one query's transaction (SET LOCAL), so nothing else is affected.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            rows = list(fuzzy)
            cursor.execute("SET LOCAL enable_seqscan = on")
        matches += [Match(Title(*row), False) for row in rows]
    return matches


def profiles_by_code(profiles) -> dict[str, object]:
    """ROME code → the profile that lists it first (else any profile listing it), among ``profiles``."""
    chosen: dict[str, tuple[int, object]] = {}
    for profile in profiles:
        try:
            codes = parse_rome_codes(profile.rome_codes)
        except ValueError:
            continue
        for position, code in enumerate(codes):
            rank = 0 if position == 0 else 1
            if code not in chosen or rank < chosen[code][0]:
                chosen[code] = (rank, profile)
    return {code: profile for code, (_rank, profile) in chosen.items()}


def search_titles(query: str, limit: int = 10, request=None) -> list[TitleResult]:
    """Job titles matching ``query`` with where each leads (no query once warm; the index and the profiles when cold)."""
    from careers.models import JobProfilePage

    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    if len(query) < 2:
        return []
    matches = find_titles(query, limit)
    if not matches:
        return []
    # The same for every search until the next publication: read once per content version and
    # process (a few hundred small rows), not at each search. Only read from here on.
    profiles = cached_until_content_changes("title-search-profiles-by-code", lambda: profiles_by_code(
        JobProfilePage.objects.live().public().only("id", "title", "url_path", "rome_codes")))
    results = []
    for match in matches:
        code = match.title.rome_code
        profile = profiles.get(code)
        if profile is not None:
            results.append(TitleResult(match.title.label, code, True, profile.get_url(request), profile.title,
                                       match.exact))
        else:
            results.append(TitleResult(match.title.label, code, is_industrial_rome_code(code),
                                       FRANCE_TRAVAIL_FICHE_URL.format(code=code), "", match.exact))
    return results
