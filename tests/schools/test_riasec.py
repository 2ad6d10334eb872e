"""The quiz's scoring is pure: tested without a database, with Hypothesis for its invariants."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schools import riasec

letters = st.sampled_from(list(riasec.DIMENSIONS))
answers = st.lists(st.tuples(letters, st.integers(min_value=0, max_value=3)), max_size=40)
scores = st.fixed_dictionaries({letter: st.floats(min_value=0, max_value=1) for letter in riasec.DIMENSIONS})


def test_full_agreement_on_one_type_scores_it_one_and_others_zero():
    result = riasec.dimension_scores([("R", 3), ("R", 3), ("I", 0)], max_answer=3)
    assert result["R"] == 1.0
    assert result["I"] == 0.0
    assert result["C"] == 0.0  # no statement at all: 0, not a division by zero


def test_score_is_the_share_of_the_maximum_agreement():
    assert riasec.dimension_scores([("S", 1), ("S", 2)], max_answer=3)["S"] == pytest.approx(0.5)


def test_answer_above_the_scale_is_refused():
    with pytest.raises(ValueError, match="outside"):
        riasec.dimension_scores([("A", 4)], max_answer=3)


@given(answers)
def test_scores_stay_between_zero_and_one_for_every_type(pairs):
    result = riasec.dimension_scores(pairs, max_answer=3)
    assert set(result) == set(riasec.DIMENSIONS)
    assert all(0.0 <= value <= 1.0 for value in result.values())


def test_dominant_letters_sorted_by_score_with_ties_in_riasec_order():
    result = {"R": 0.2, "I": 0.9, "A": 0.5, "S": 0.5, "E": 0.0, "C": 0.1}
    assert riasec.dominant_letters(result, 3) == "IAS"


def test_types_scoring_zero_are_never_dominant():
    assert riasec.dominant_letters({"R": 0.4, "I": 0, "A": 0, "S": 0, "E": 0, "C": 0}) == "R"


@given(scores)
def test_dominant_letters_are_the_highest_scores(profile):
    dominant = riasec.dominant_letters(profile, 3)
    others = [letter for letter in riasec.DIMENSIONS if letter not in dominant]
    for letter in dominant:
        assert all(profile[letter] >= profile[other] for other in others)


def test_code_is_six_digits_in_riasec_order():
    assert riasec.encode_scores({"R": 1, "I": 5 / 9, "A": 2 / 9, "S": 0, "E": 1 / 9, "C": 3 / 9}) == "952013"


@given(scores)
def test_decoding_a_code_gives_back_the_scores_within_rounding(profile):
    code = riasec.encode_scores(profile)
    assert len(code) == 6 and code.isdigit()
    decoded = riasec.decode_scores(code)
    for letter in riasec.DIMENSIONS:
        assert abs(decoded[letter] - profile[letter]) <= 1 / 18 + 1e-9


@pytest.mark.parametrize("code", ["", "12345", "1234567", "12a456", "１２３４５６", "-12345"])
def test_malformed_codes_decode_to_none(code):
    assert riasec.decode_scores(code) is None


def test_fit_weights_the_major_letter_two_thirds_and_the_minor_one_third():
    profile = {"R": 0.9, "I": 0.3, "A": 0, "S": 0, "E": 0, "C": 0}
    assert riasec.occupation_fit(profile, "R", "I") == pytest.approx(0.9 * 2 / 3 + 0.3 / 3)


def test_fit_uses_the_major_alone_without_a_valid_minor():
    profile = {"R": 0.9, "I": 0.3, "A": 0, "S": 0, "E": 0, "C": 0}
    assert riasec.occupation_fit(profile, "r", None) == pytest.approx(0.9)
    assert riasec.occupation_fit(profile, "R", "X") == pytest.approx(0.9)


def test_occupation_without_a_riasec_code_does_not_fit():
    assert riasec.occupation_fit({"R": 1.0}, None, "R") == 0.0
    assert riasec.occupation_fit({"R": 1.0}, "RI", None) == 0.0


@given(scores, letters, letters, st.floats(min_value=0, max_value=1))
def test_more_interest_in_the_major_type_never_lowers_the_fit(profile, major, minor, bump):
    higher = dict(profile)
    higher[major] = max(profile[major], bump)
    assert riasec.occupation_fit(higher, major, minor) >= riasec.occupation_fit(profile, major, minor) - 1e-12


def test_ranking_keeps_each_candidates_best_code_and_drops_those_without_codes():
    profile = {"R": 1.0, "I": 0.0, "A": 0.0, "S": 0.5, "E": 0.0, "C": 0.0}
    ranked = riasec.rank_by_fit(profile, [
        ("laborantin", [("I", "C")]),
        ("soudeur", [("R", "C"), ("I", "R")]),
        ("formateur", [("S", "R")]),
        ("inconnu", []),
    ])
    assert [key for key, _fit in ranked] == ["soudeur", "formateur", "laborantin"]
    assert ranked[0][1] == pytest.approx(2 / 3)


@given(scores, st.lists(st.tuples(letters, letters), min_size=1, max_size=20))
def test_ranking_is_sorted_best_first(profile, codes):
    ranked = riasec.rank_by_fit(profile, [(index, [code]) for index, code in enumerate(codes)])
    fits = [fit for _key, fit in ranked]
    assert fits == sorted(fits, reverse=True)
    assert len(ranked) == len(codes)
