"""Pure career logic, tested without a database."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careers.logic import (
    count_words,
    filter_and_count,
    is_reachable_quickly,
    json_for_script,
    lowest_level,
    occupation_json_ld,
    parse_rome_codes,
    reading_minutes,
    riasec_letters,
    stream_text,
)


def test_rome_codes_are_normalised_deduplicated_and_ordered():
    assert parse_rome_codes(" h2913, H2902 ;H2913\nI1304") == ["H2913", "H2902", "I1304"]


def test_an_empty_rome_field_gives_no_code():
    assert parse_rome_codes("") == []


@pytest.mark.parametrize("bad", ["H291", "2913H", "Z1234", "H29133", "soudeur"])
def test_a_bad_rome_code_is_named_in_the_error(bad):
    with pytest.raises(ValueError) as error:
        parse_rome_codes(f"H2913, {bad}")
    assert error.value.args[0] == bad


@given(st.lists(st.from_regex(r"[A-N][0-9]{4}", fullmatch=True), max_size=8))
def test_parsing_joined_valid_codes_gives_them_back_once_each(codes):
    assert parse_rome_codes(", ".join(codes)) == list(dict.fromkeys(codes))


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (1, 1), (200, 1), (201, 2), (1000, 5)])
def test_reading_time_rounds_up_at_200_words_a_minute(words, minutes):
    assert reading_minutes(words) == minutes


def test_words_with_apostrophes_and_hyphens_count_once():
    assert count_words("L'usine de Saint-Quentin recrute aujourd’hui") == 5


def test_stream_text_keeps_prose_and_skips_identifiers_and_addresses():
    raw = [{"type": "paragraph", "value": "<p>Texte</p>", "id": "abc"},
           {"type": "video", "value": {"title": "Titre", "url": "https://youtu.be/x", "transcript": "Dit"}, "id": "d"}]
    assert stream_text(raw) == ["<p>Texte</p>", "Titre", "Dit"]


def test_lowest_level_is_the_shortest_way_in():
    assert lowest_level(["bts", "cap", "ingenieur"]) == "cap"
    assert lowest_level(["inconnu"]) is None


def test_short_training_counts_as_reachable_quickly_but_a_cap_does_not():
    assert is_reachable_quickly(["bts", "formation-courte"])
    assert not is_reachable_quickly(["cap", "bac-pro"])


def test_riasec_letters_ignore_unknown_letters_and_repeats():
    assert riasec_letters("rcrx") == ["R", "C"]


def test_an_item_listing_a_value_twice_counts_once_for_it():
    _matched, counts = filter_and_count([["a", "a", "b"], ["b"]], {"f": (set(), lambda item: item)})
    assert counts["f"] == {"a": 1, "b": 2}


ITEMS = [
    {"name": "soudeur", "filiere": ["metal"], "niveau": ["cap", "bac-pro"]},
    {"name": "cariste", "filiere": ["logistique"], "niveau": ["formation-courte"]},
    {"name": "usineur", "filiere": ["metal", "auto"], "niveau": ["bac-pro"]},
]


def _facets(filiere=(), niveau=()):
    return {"filiere": (set(filiere), lambda item: item["filiere"]),
            "niveau": (set(niveau), lambda item: item["niveau"])}


def test_values_of_one_facet_are_alternatives_and_facets_combine():
    matched, _counts = filter_and_count(ITEMS, _facets(filiere=["metal", "logistique"], niveau=["bac-pro"]))
    assert [item["name"] for item in matched] == ["soudeur", "usineur"]


def test_a_facets_counts_ignore_its_own_selection_but_apply_the_others():
    _matched, counts = filter_and_count(ITEMS, _facets(filiere=["metal"], niveau=["cap"]))
    # Filière counts apply only the "CAP" choice: one CAP profile, in "metal".
    assert counts["filiere"] == {"metal": 1}
    # Niveau counts apply only the "metal" choice: soudeur and usineur.
    assert counts["niveau"] == {"cap": 1, "bac-pro": 2}


@given(st.lists(st.sets(st.sampled_from("abcd")), max_size=15), st.sets(st.sampled_from("abcd")))
def test_ticking_a_value_gives_exactly_its_announced_count(values_per_item, selection):
    items = list(values_per_item)
    facets = {"f": (set(), lambda item: item)}
    _matched, counts = filter_and_count(items, facets)
    for value in selection:
        matched, _ = filter_and_count(items, {"f": ({value}, lambda item: item)})
        assert len(matched) == counts["f"][value]


def test_json_for_script_cannot_close_the_script_element():
    text = json_for_script({"name": "</script><script>alert(1)</script>&"})
    assert "</script>" not in text and "<" not in text and "&" not in text
    assert json.loads(text)["name"].startswith("</script>")


def test_occupation_json_ld_has_schema_org_type_codes_and_salary_range():
    data = occupation_json_ld(
        name="Soudeur ou soudeuse", url="https://example.org/metiers/soudeur/", description="Souder.",
        alternate_names=["Soudeur", "Soudeuse", "Soudeur ou soudeuse"], rome_codes=["H2913"], education=["CAP"],
        skills="Précision", responsibilities="Souder", region="Hauts-de-France", starting_salary=None,
        experienced_salary=1756,
    )
    assert data["@type"] == "Occupation"
    assert data["alternateName"] == ["Soudeur", "Soudeuse"]
    assert data["occupationalCategory"][0]["codeValue"] == "H2913"
    assert data["estimatedSalary"]["minValue"] == data["estimatedSalary"]["maxValue"] == 1756


@given(st.lists(st.tuples(st.sets(st.sampled_from("abc")), st.sets(st.sampled_from("xyz")),
                          st.sets(st.sampled_from("12"))), max_size=12),
       st.sets(st.sampled_from("abc")), st.sets(st.sampled_from("xyz")), st.sets(st.sampled_from("12")))
def test_each_facets_count_is_the_number_of_results_ticking_that_value_would_give(items, first, second, third):
    """The one-pass counting gives, for every facet and value, the results of the search with that value
    ticked alone in that facet and the other facets' choices kept (the definition of disjunctive counts)."""
    selections = {"f1": first, "f2": second, "f3": third}
    facets = {name: (chosen, lambda item, i=i: item[i]) for i, (name, chosen) in enumerate(selections.items())}
    matched, counts = filter_and_count(items, facets)
    assert matched == [item for item in items
                       if all(not chosen or item[i] & chosen for i, chosen in enumerate(selections.values()))]
    chosen_sets = list(selections.values())
    for index, name in enumerate(selections):
        for value in "abcxyz12":
            # Ticked alone in its facet, with the other facets' choices kept:
            results = [item for item in items if value in item[index] and all(
                not chosen or item[other] & chosen for other, chosen in enumerate(chosen_sets) if other != index)]
            assert counts[name][value] == len(results), (name, value)
