"""The DARES tension method as pure functions, checked against the published 2019 figures."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from observatory.tension import (
    CUT_POINTS,
    LEVEL_LABELS,
    Reference,
    TensionComponents,
    composite_scores,
    duncan_index,
    family_for_qualified_jobseeker,
    level_for_score,
    main_reasons,
)


def test_cut_points_give_five_levels():
    assert level_for_score(-2.0) == 1
    assert level_for_score(-0.4) == 2
    assert level_for_score(0.0) == 3
    assert level_for_score(0.3) == 4
    assert level_for_score(1.5) == 5
    assert level_for_score(CUT_POINTS[3]) == 5
    assert LEVEL_LABELS[5] == "Très forte"


@pytest.mark.shared_data
def test_levels_match_every_published_category_of_the_2019_file(shared_data):
    checked = 0
    with (shared_data / "dares-psm" / "tensions_tensions.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["Tension "] and row["Catégorie Tension"]:
                assert level_for_score(float(row["Tension "])) == int(float(row["Catégorie Tension"])), row
                checked += 1
    assert checked > 17000


def test_composite_weights_standardised_components_30_20_50():
    items = [TensionComponents(1.0, 0.1, 0.2), TensionComponents(2.0, 0.2, 0.4), TensionComponents(3.0, 0.3, 0.6)]
    scores = composite_scores(items)
    z = 1 / Reference.of([1.0, 2.0, 3.0]).sd  # each component's top item is +1 sd… ×(1/sd·sd)
    assert scores[1] == pytest.approx(0.0)
    assert scores[2] == pytest.approx(0.3 * z + 0.2 * z + 0.5 * z)
    assert scores[0] == pytest.approx(-scores[2])


def test_standardising_needs_varying_reference_values():
    with pytest.raises(ValueError):
        Reference.of([1.0, 1.0])


def test_duncan_index_is_zero_for_identical_spreads_and_one_for_disjoint_ones():
    assert duncan_index({"a": 10, "b": 30}, {"a": 1, "b": 3}) == pytest.approx(0.0)
    assert duncan_index({"a": 10}, {"b": 5}) == pytest.approx(1.0)
    assert duncan_index({"a": 50, "b": 50}, {"a": 100, "b": 0}) == pytest.approx(0.5)


def test_main_reasons_are_the_two_most_marked_factors_in_plain_french():
    reasons = main_reasons({"lack_of_workforce": 4, "hiring_intensity": 5, "working_conditions": 5,
                            "training_link": 2})
    assert reasons == ["Beaucoup d'embauches", "Des conditions de travail exigeantes"]
    assert main_reasons({"lack_of_workforce": 3}) == []


# --- The family a ROME code stands for --------------------------------------------------------

def test_a_welder_is_counted_with_welders_not_with_unskilled_metalworkers():
    assert family_for_qualified_jobseeker([("D3Z20", "125"), ("D2Z42", "0346789")]) == "D2Z42"


def test_the_family_taking_the_most_qualified_levels_wins_then_the_lowest_code():
    assert family_for_qualified_jobseeker([("A2Z70", "789"), ("A0Z40", "0123456")]) == "A0Z40"
    assert family_for_qualified_jobseeker([("B7Z91", "9"), ("B6Z71", "")]) == "B6Z71"  # "": every level
    assert family_for_qualified_jobseeker([("X2Z00", "34"), ("X1Z00", "67")]) == "X1Z00"


def test_a_code_reached_only_by_unskilled_levels_keeps_its_family():
    assert family_for_qualified_jobseeker([("D3Z20", "12")]) == "D3Z20"
    assert family_for_qualified_jobseeker([]) is None


FAMILIES = st.lists(
    st.tuples(st.from_regex(r"[A-Z]\d[A-Z]\d{2}", fullmatch=True),
              st.text(alphabet="0123456789", max_size=10).map(lambda digits: "".join(sorted(set(digits))))),
    min_size=1, max_size=6, unique_by=lambda link: link[0],
)


@settings(max_examples=60, deadline=None)
@given(links=FAMILIES, seed=st.randoms())
def test_the_default_family_is_one_of_the_codes_families_whatever_the_file_order(links, seed):
    chosen = family_for_qualified_jobseeker(links)
    assert chosen in {fap for fap, _ in links}
    shuffled = list(links)
    seed.shuffle(shuffled)
    assert family_for_qualified_jobseeker(shuffled) == chosen
