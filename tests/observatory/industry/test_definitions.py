"""Sector, filière and input–output definitions of industrial employment (no database)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from observatory.industry import definitions as d
from observatory.industry.filieres import FILIERE_SLUGS, FILIERES, SERVICE_ACTIVITIES


def test_naf_codes_are_normalised_whatever_their_spelling():
    assert d.normalise_naf(" 2562b ") == "25.62B"
    assert d.normalise_naf("25.62") == "25.62"
    assert d.normalise_naf("256") == "25.6"
    assert d.normalise_naf("05") == "05"


@pytest.mark.parametrize("bad", ["", "ABC", "2", "25.62BB", "25.6B", "x25"])
def test_invalid_naf_code_is_named_in_the_error(bad):
    with pytest.raises(d.DefinitionError, match="Code NAF invalide"):
        d.normalise_naf(bad)


def test_sections_and_a38_branches_follow_insee_aggregation():
    assert d.naf_section("25.62B") == "C"
    assert d.naf_section("35.11Z") == "D"
    assert d.naf_section("78.20Z") == "N"
    assert d.a38_branch("25.62B") == "CH"
    assert d.a38_branch("29.10Z") == "CL"
    assert d.a38_branch("78.20Z") == "NZ"
    assert d.a38_branch("71.12B") == "MA"
    with pytest.raises(d.DefinitionError, match="inexistante"):
        d.a38_branch("04")


def test_sector_definition_counts_sections_b_to_e_only():
    employment = {"08.11Z": 10, "25.62B": 100, "35.11Z": 5, "38.11Z": 7, "41.20A": 50, "78.20Z": 40}
    assert d.sector_employment(employment) == 122
    assert d.sector_employment_by_branch(employment) == {"BZ": 10, "CH": 100, "DZ": 5, "EZ": 7}


def test_gap_is_given_in_jobs_and_percent_of_the_sector_figure():
    assert d.gap(150, 100) == d.Gap(jobs=50, percent=50.0)
    assert d.gap(5, 0).percent is None


EMPLOYMENT = {"29.10Z": 1000, "29.32Z": 500, "25.62B": 300, "78.20Z": 400, "71.12B": 200, "47.11F": 999}
RULES = [
    d.ScopeRule("automobile", "29", 1.0),
    d.ScopeRule("automobile", "78.20Z", 0.25, "service"),
    d.ScopeRule("automobile", "MA", 0.1, "service"),
    d.ScopeRule("metallurgie-mecanique", "25", 1.0),
    d.ScopeRule("metallurgie-mecanique", "78.20Z", 0.15, "service"),
]


def test_filiere_counts_core_activities_plus_shares_of_services():
    result = d.filiere_employment(EMPLOYMENT, RULES)
    auto = result["automobile"]
    assert auto.core == 1500
    assert auto.services == pytest.approx(400 * 0.25 + 200 * 0.1)
    assert auto.by_branch == {"CL": 1500, "NZ": 100, "MA": 20}
    assert result["metallurgie-mecanique"].total == pytest.approx(300 + 60)


def test_temporary_agency_workers_are_counted_once_across_filieres():
    result = d.filiere_employment(EMPLOYMENT, RULES)
    temps_in_filieres = sum(r.by_code.get("78.20Z", 0) for r in result.values())
    assert temps_in_filieres == pytest.approx(400 * 0.40)
    assert temps_in_filieres <= EMPLOYMENT["78.20Z"]
    assert d.sector_employment({"78.20Z": 400}) == 0  # never in the sector figure


def test_shares_of_one_code_above_one_across_filieres_are_refused_as_double_counting():
    rules = [*RULES, d.ScopeRule("chimie-plasturgie", "78.20Z", 0.7, "service")]
    problems = d.validate_scope_rules(rules)
    assert any("78.20Z" in p and "deux fois" in p for p in problems)
    with pytest.raises(d.DefinitionError, match=r"78\.20Z"):
        d.filiere_employment(EMPLOYMENT, rules)


def test_overlapping_rules_at_different_levels_are_caught_when_computing():
    rules = [d.ScopeRule("metallurgie-mecanique", "33", 1.0), d.ScopeRule("aeronautique-ferroviaire", "33.16", 1.0)]
    assert d.validate_scope_rules(rules) == []
    with pytest.raises(d.DefinitionError, match=r"33\.16Z.*comptés deux fois"):
        d.filiere_employment({"33.16Z": 10}, rules)


def test_most_specific_rule_of_a_filiere_wins():
    rules = [d.ScopeRule("metallurgie-mecanique", "25", 1.0), d.ScopeRule("metallurgie-mecanique", "25.62B", 0.5)]
    result = d.filiere_employment({"25.62B": 100, "25.11Z": 10}, rules)
    assert result["metallurgie-mecanique"].core == 60


def test_share_outside_zero_one_and_duplicates_are_reported():
    problems = d.validate_scope_rules([d.ScopeRule("energie", "35", 1.2), d.ScopeRule("energie", "35", 1.0),
                                       d.ScopeRule("energie", "3X", 1.0)])
    assert any("entre 0 et 1" in p for p in problems)
    assert any("deux fois dans le périmètre" in p for p in problems)
    assert any("Code NAF invalide" in p for p in problems)


def test_default_grid_has_the_eight_contract_slugs_and_no_double_counting():
    assert FILIERE_SLUGS == ("automobile", "aeronautique-ferroviaire", "agroalimentaire", "metallurgie-mecanique",
                             "chimie-plasturgie", "textile-habillement", "energie", "materiaux-construction")
    rules = [d.ScopeRule(f.slug, code, 1.0) for f in FILIERES for code in f.core_codes]
    assert d.validate_scope_rules(rules) == []
    every_industrial_class = {f"{division:02d}.{k}0Z" for division in range(5, 40) for k in range(10)
                              if division != 34}  # division 34 does not exist in NAF rév. 2
    d.filiere_employment(dict.fromkeys(every_industrial_class, 1), rules)  # no double counting raised
    assert all(d.is_industrial(code) for f in FILIERES for code in f.core_codes)
    assert not any(d.is_industrial(code) for code, _ in SERVICE_ACTIVITIES)


def test_default_service_shares_are_purchases_of_core_branches_over_service_output():
    flows = np.array([[10.0, 0.0, 5.0], [0.0, 0.0, 0.0], [20.0, 30.0, 0.0]])
    output = np.array([100.0, 50.0, 200.0])
    weights = {"automobile": {"CL": 0.5}, "metallurgie-mecanique": {"CH": 1.0}}
    shares = d.default_service_shares(flows, output, ["CL", "CH", "NZ"], weights, ["NZ"])
    assert shares["automobile"]["NZ"] == pytest.approx(20 * 0.5 / 200)
    assert shares["metallurgie-mecanique"]["NZ"] == pytest.approx(30 / 200)


def test_default_service_shares_never_exceed_one_together():
    flows = np.array([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [150.0, 150.0, 0.0]])
    output = np.array([100.0, 50.0, 200.0])
    shares = d.default_service_shares(flows, output, ["CL", "CH", "NZ"], {"a": {"CL": 1.0}, "b": {"CH": 1.0}}, ["NZ"])
    assert shares["a"]["NZ"] + shares["b"]["NZ"] == pytest.approx(1.0)


def test_core_branch_weights_are_the_filiere_share_of_each_branch():
    employment = {"29.10Z": 600, "30.30Z": 400}
    rules = [d.ScopeRule("automobile", "29", 1.0), d.ScopeRule("aeronautique-ferroviaire", "30.3", 1.0)]
    assert d.core_branch_weights(employment, rules) == {"automobile": {"CL": 0.6}, "aeronautique-ferroviaire":
                                                        {"CL": 0.4}}


# --- Input–output definition ------------------------------------------------------------------

BRANCHES = ("CH", "NZ", "GZ")
FLOWS = np.array([[20.0, 5.0, 5.0], [30.0, 10.0, 20.0], [10.0, 10.0, 30.0]])
OUTPUT = np.array([200.0, 150.0, 300.0])
JOBS = np.array([1000.0, 1500.0, 3000.0])


def test_io_definition_at_national_level_attributes_service_jobs_to_industrial_demand():
    a = FLOWS / OUTPUT
    result = d.io_industry_employment(a, OUTPUT, BRANCHES, JOBS, industrial_branches=("CH",))
    by_branch = result.by_branch()
    assert by_branch["NZ"] > 0  # services embodied in demand for metal products
    assert result.total < JOBS.sum()
    assert result.method == "national"
    # With all products counted, embodied employment is total employment.
    everything = d.io_industry_employment(a, OUTPUT, BRANCHES, JOBS, industrial_branches=BRANCHES)
    np.testing.assert_allclose(everything.jobs, JOBS)


def test_io_definition_for_a_region_shaped_like_the_nation_is_proportional_under_slq():
    a = FLOWS / OUTPUT
    national = d.io_industry_employment(a, OUTPUT, BRANCHES, JOBS, industrial_branches=("CH",))
    regional = d.io_industry_employment(a, OUTPUT, BRANCHES, JOBS, JOBS * 0.1, industrial_branches=("CH",),
                                        method="slq")
    np.testing.assert_allclose(regional.jobs, national.jobs * 0.1)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.0, 1.0), min_size=3, max_size=3), st.sampled_from(["slq", "flq"]))
def test_io_definition_never_exceeds_territory_employment(proportions, method):
    regional = JOBS * np.array(proportions)
    if regional.sum() == 0:
        regional[0] = 1.0
    result = d.io_industry_employment(FLOWS / OUTPUT, OUTPUT, BRANCHES, JOBS, regional,
                                      industrial_branches=("CH",), method=method)
    assert np.all(result.jobs >= -1e-9)
    assert result.total <= regional.sum() + 1e-6


def test_io_definition_refuses_misaligned_territory_employment():
    with pytest.raises(d.DefinitionError, match="mêmes branches"):
        d.io_industry_employment(FLOWS / OUTPUT, OUTPUT, BRANCHES, JOBS, np.array([1.0, 2.0]))


def test_detailed_employment_drops_aggregates_that_would_double_count():
    employment = {"C": 999, "25": 300, "25.62B": 200, "25.11Z": 100, "29.10Z": 50}
    assert d.detailed_employment(employment) == {"25.62B": 200, "25.11Z": 100, "29.10Z": 50}


def test_scope_index_gives_the_same_result_for_every_territory():
    index = d.ScopeIndex(RULES)
    assert index.employment(EMPLOYMENT)["automobile"].total == d.filiere_employment(EMPLOYMENT, RULES)[
        "automobile"].total
    assert index.attribution("78.20Z") == ("NZ", [("automobile", 0.25, "service"),
                                                  ("metallurgie-mecanique", 0.15, "service")])


def test_the_sourced_temporary_work_share_is_spread_among_filieres_in_proportion_to_their_lines():
    rules = [d.ScopeRule("auto", "29", 1.0, "core"), d.ScopeRule("auto", "78.20Z", 0.06, "service"),
             d.ScopeRule("agro", "7820Z", 0.02, "service"), d.ScopeRule("agro", "81.22Z", 0.1, "service")]
    scaled = d.apply_temporary_work_share(rules, 0.427)
    temps = {rule.filiere: rule.share for rule in scaled if rule.code.replace(".", "") == "7820Z"}
    assert temps["auto"] == pytest.approx(0.427 * 0.75) and temps["agro"] == pytest.approx(0.427 * 0.25)
    assert sum(temps.values()) == pytest.approx(0.427)
    assert scaled[0] == rules[0] and scaled[3] == rules[3]  # other lines untouched
    jobs = d.filiere_employment({"78.20Z": 1000.0}, scaled)
    assert jobs["auto"].services + jobs["agro"].services == pytest.approx(427.0)


def test_without_a_temporary_work_line_or_share_the_rules_are_unchanged():
    rules = [d.ScopeRule("auto", "29", 1.0, "core"), d.ScopeRule("auto", "78.20Z", 0.0, "service")]
    assert d.apply_temporary_work_share(rules, 0.427) == rules  # a zero line gives no weight to spread
    assert d.apply_temporary_work_share(rules[:1], 0.427) == rules[:1]
    assert d.apply_temporary_work_share(rules, None) == rules
    with pytest.raises(d.DefinitionError, match="entre 0 et 1"):
        d.apply_temporary_work_share(rules, 42.7)
