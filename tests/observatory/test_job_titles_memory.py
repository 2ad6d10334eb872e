"""The in-memory title index (SQLite) is held by every web worker: kept compact (issue #17)."""

from __future__ import annotations

from observatory.job_titles import Match, Title, TitleIndex


def test_titles_and_matches_carry_no_instance_dict():
    title = Title(1, "Soudeur / Soudeuse", "H2913", True, "soudeur soudeuse")
    assert not hasattr(title, "__dict__")
    assert not hasattr(Match(title, True), "__dict__")


def test_the_index_keeps_each_word_s_titles_as_a_tuple_and_still_answers():
    titles = [Title(1, "Soudeur / Soudeuse", "H2913", True, "soudeur soudeuse"),
              Title(2, "Chef soudeur / Cheffe soudeuse", "H2913", False, "chef soudeur cheffe soudeuse"),
              Title(3, "Tourneur / Tourneuse", "H2903", True, "tourneur tourneuse")]
    index = TitleIndex(titles)
    assert all(isinstance(found, tuple) for found in index._titles_of.values())
    assert [match.title.id for match in index.search("soud")] == [1, 2]
    assert [(match.title.id, match.exact) for match in index.search("tourneru")] == [(3, False)]
