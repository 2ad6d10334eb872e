"""Job titles (ROME « appellations »): gendered forms and the search that finds them (pure Python).

France Travail writes both genders in one label, the slash after the word that changes:
« Soudeur / Soudeuse à l'arc électrique », « Chef soudeur / soudeuse »,
« Accastilleur-gréeur / Accastilleuse-gréeuse ». :func:`split_gendered_title` gives the two
titles a page needs. :func:`search_key` and :class:`TitleIndex` let a visitor find a title
whatever the accents, the case, the gender written or one typo: the index is built once per
data version from the stored appellations and answers in a few milliseconds for the whole
referential (10,990 ROME v3 titles; see bench/).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def split_gendered_title(label: str) -> tuple[str, str]:
    """``(masculine, feminine)`` of a ROME label; the label twice when it has one form.

    The part before « / » ends with the masculine word, the part after starts with the feminine
    one; what precedes the first and follows the second belongs to both. When the part after
    starts again with a capital where the part before ends in lower case (« Chef soudeur /
    Cheffe soudeuse »), it restates the whole title in the feminine.
    """
    label = " ".join(label.replace("''", "'").split())
    left, separator, right = label.partition(" / ")
    if not separator or not left or not right:
        return label, label
    left_words, right_words = left.split(" "), right.split(" ")
    restates = len(left_words) > 1 and right_words[0][:1].isupper() and left_words[-1][:1].islower()
    if restates:
        return " ".join([*left_words, *right_words[len(left_words):]]), right
    masculine = " ".join([*left_words, *right_words[1:]])
    feminine = " ".join([*left_words[:-1], *right_words])
    return masculine, feminine


def search_key(text: str) -> str:
    """Lower case, no accents, words separated by single spaces: « Régleur-Régleuse » → « regleur regleuse »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NOT_WORD.sub(" ", bare.replace("œ", "oe").replace("æ", "ae")).split())


def within_one_edit(word: str, typed: str) -> bool:
    """True when ``typed`` is a prefix of ``word`` up to one typo (a letter wrong, missing, extra or swapped)."""
    if word.startswith(typed):
        return True
    if len(typed) < 4:  # « sou » with one typo would match half the referential
        return False
    for candidate in (word[: len(typed)], word[: len(typed) - 1], word[: len(typed) + 1]):
        if _one_edit(candidate, typed):
            return True
    return False


def _one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


@dataclass(frozen=True, slots=True)  # 13,000 of them in each process on SQLite: no __dict__ each
class Title:
    """One searchable appellation: its id, its label, its ROME code and whether it is the occupation's main one."""

    id: int
    label: str
    rome_code: str
    principal: bool
    key: str


@dataclass(frozen=True, slots=True)
class Match:
    title: Title
    exact: bool  # every typed word found without a typo


class TitleIndex:
    """All appellations in memory, searched word by word (every typed word must start a word of the title).

    Built once: a sorted vocabulary of the titles' words (about 6,000) with, for each word, the
    titles that contain it. A typed word finds its words by prefix (a binary search), or — only
    when too few titles match exactly — by prefix with one typo over the vocabulary; the titles
    are the intersection over the typed words.
    """

    def __init__(self, titles: Iterable[Title]):
        self.titles = [title for title in titles if title.key]
        titles_of: dict[str, set[int]] = {}
        for position, title in enumerate(self.titles):
            for word in title.key.split():
                titles_of.setdefault(word, set()).add(position)
        # Kept as tuples: a set per word (6,000 of them) would take twice the memory, in every process.
        self._titles_of: dict[str, tuple[int, ...]] = {word: tuple(found) for word, found in titles_of.items()}
        self._vocabulary = sorted(self._titles_of)

    def _titles_starting(self, typed: str) -> set[int]:
        found: set[int] = set()
        for position in range(bisect_left(self._vocabulary, typed), len(self._vocabulary)):
            word = self._vocabulary[position]
            if not word.startswith(typed):
                break
            found.update(self._titles_of[word])
        return found

    def _titles_within_one_edit(self, typed: str) -> set[int]:
        found: set[int] = set()
        shortest = len(typed) - 1  # a shorter word cannot start with the typed word, even with one typo
        for word in self._vocabulary:
            if len(word) >= shortest and within_one_edit(word, typed):
                found.update(self._titles_of[word])
        return found

    def search(self, query: str, limit: int = 20) -> list[Match]:
        """Titles matching every word of ``query``: exact matches first, then one-typo ones; main titles first."""
        typed = search_key(query).split()
        if not typed:
            return []
        exact = set.intersection(*(self._titles_starting(part) for part in typed))

        def order(position: int) -> tuple:
            title = self.titles[position]
            return (not title.principal, len(title.key), title.key, title.id)

        ranked = [Match(self.titles[position], True) for position in sorted(exact, key=order)[:limit]]
        if len(ranked) < limit:
            fuzzy = set.intersection(*(self._titles_within_one_edit(part) for part in typed)) - exact
            ranked += [Match(self.titles[position], False) for position in sorted(fuzzy, key=order)]
        return ranked[:limit]
