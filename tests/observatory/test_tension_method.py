"""The DARES tension method as pure functions, checked against the published 2019 figures."""

from __future__ import annotations

import csv

import pytest

from observatory.tension import (
    CUT_POINTS,
    LEVEL_LABELS,
    Reference,
    TensionComponents,
    composite_scores,
    duncan_index,
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
