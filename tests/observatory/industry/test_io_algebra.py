"""Input–output algebra against published references (no database)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from observatory.industry import io_algebra
from observatory.industry.parsers import parse_un_symmetric_table

PROJECT_DATA = Path(__file__).resolve().parents[3] / "observatory" / "data" / "input-output"

# Miller & Blair (2009), Input–Output Analysis, 2nd ed., section 2.3, two-sector example.
MB_FLOWS = [[150, 500], [200, 100]]
MB_OUTPUT = [1000, 2000]
MB_FINAL_DEMAND = [350, 1700]
MB_LEONTIEF = [[1.2541, 0.3300], [0.2640, 1.1221]]

# UN Handbook on Supply, Use and Input–Output Tables (2018), Germany 2009 worked example
# (6 product groups, billion euros, domestic flows). Output multipliers (column sums of L) and
# simple employment multipliers for wage and salary earners (thousand persons per billion euros
# of final demand, i.e. jobs per million euros), computed from the published table to 4 decimals; see docs/industry-definitions.md.
UN_OUTPUT_MULTIPLIERS = [1.8759, 1.8696, 1.8697, 1.7045, 1.5641, 1.4030]
UN_WAGE_EMPLOYMENT_MULTIPLIERS = [343.3420, 23.8843, 76.5392, 29.0565, 18.2303, 34.3832]


def power_series_inverse(a: np.ndarray, terms: int = 400) -> np.ndarray:
    """L = I + A + A² + … — an independent route to the Leontief inverse for checking."""
    total = np.eye(a.shape[0])
    power = np.eye(a.shape[0])
    for _ in range(terms):
        power = power @ a
        total += power
    return total


def test_miller_blair_leontief_inverse_matches_the_textbook_to_four_decimals():
    a = io_algebra.technical_coefficients(MB_FLOWS, MB_OUTPUT)
    np.testing.assert_allclose(a, [[0.15, 0.25], [0.20, 0.05]])
    leontief = io_algebra.leontief_inverse(a)
    np.testing.assert_allclose(leontief.round(4), MB_LEONTIEF)


def test_miller_blair_leontief_inverse_reproduces_output_from_final_demand():
    leontief = io_algebra.leontief_inverse(io_algebra.technical_coefficients(MB_FLOWS, MB_OUTPUT))
    np.testing.assert_allclose(leontief @ MB_FINAL_DEMAND, MB_OUTPUT)


def test_un_handbook_output_multipliers_match_reference_values_to_four_decimals():
    table = parse_un_symmetric_table((PROJECT_DATA / "un_handbook_germany_2009.csv").read_text())
    leontief = io_algebra.leontief_inverse(table.coefficients)
    np.testing.assert_allclose(io_algebra.output_multipliers(leontief).round(4), UN_OUTPUT_MULTIPLIERS)
    # Independent route: the power series converges to the same inverse.
    np.testing.assert_allclose(leontief, power_series_inverse(table.coefficients), atol=1e-10)


def test_un_handbook_employment_multipliers_match_reference_values_to_four_decimals():
    table = parse_un_symmetric_table(
        (PROJECT_DATA / "un_handbook_germany_2009.csv").read_text(),
        employment_text=(PROJECT_DATA / "un_handbook_germany_2009_employment.txt").read_text(),
    )
    leontief = io_algebra.leontief_inverse(table.coefficients)
    labour = io_algebra.employment_coefficients(table.employment["salaried"], table.output)
    np.testing.assert_allclose(io_algebra.employment_multipliers(leontief, labour).round(4),
                               UN_WAGE_EMPLOYMENT_MULTIPLIERS)


def test_type_i_employment_multiplier_is_the_simple_multiplier_over_the_direct_coefficient():
    leontief = io_algebra.leontief_inverse(io_algebra.technical_coefficients(MB_FLOWS, MB_OUTPUT))
    labour = np.array([0.3, 0.0])  # the second branch has no jobs: no ratio
    simple = io_algebra.employment_multipliers(leontief, labour)
    type_i = io_algebra.type_i_employment_multipliers(leontief, labour)
    assert type_i[0] == pytest.approx(simple[0] / 0.3) and type_i[0] >= 1
    assert np.isnan(type_i[1])


@pytest.mark.shared_data
def test_shipped_un_example_is_identical_to_the_shared_reference_file(shared_data):
    shared = shared_data / "input-output" / "un_handbook_germany_2009.csv"
    assert shared.read_bytes() == (PROJECT_DATA / "un_handbook_germany_2009.csv").read_bytes()
    table = parse_un_symmetric_table(shared.read_text())
    multipliers = io_algebra.output_multipliers(io_algebra.leontief_inverse(table.coefficients))
    np.testing.assert_allclose(multipliers.round(4), UN_OUTPUT_MULTIPLIERS)


def test_embodied_employment_of_total_final_demand_gives_back_employment():
    a = io_algebra.technical_coefficients(MB_FLOWS, MB_OUTPUT)
    leontief = io_algebra.leontief_inverse(a)
    jobs = np.array([120.0, 80.0])
    labour = io_algebra.employment_coefficients(jobs, MB_OUTPUT)
    np.testing.assert_allclose(io_algebra.embodied_employment(leontief, labour, MB_FINAL_DEMAND), jobs)


def test_singular_system_raises_a_precise_error():
    # Branch 1 buys exactly its own output: I − A has a zero row.
    with pytest.raises(io_algebra.SingularLeontiefError, match="pas inversible"):
        io_algebra.leontief_inverse([[1.0, 0.0], [0.2, 0.3]])


def test_near_singular_system_is_refused_before_inverting():
    with pytest.raises(io_algebra.SingularLeontiefError, match="conditionnement"):
        io_algebra.leontief_inverse([[1.0 - 1e-13, 0.0], [0.0, 0.5]])


def test_unproductive_table_is_refused_with_hawkins_simon_message():
    with pytest.raises(io_algebra.InputOutputError, match="Hawkins"):
        io_algebra.leontief_inverse([[0.5, 0.9], [0.9, 0.5]])


def test_zero_output_branch_with_purchases_is_an_error_but_empty_branch_is_accepted():
    with pytest.raises(io_algebra.InputOutputError, match="production nulle"):
        io_algebra.technical_coefficients([[1, 2], [3, 4]], [10, 0])
    a = io_algebra.technical_coefficients([[1, 0], [3, 0]], [10, 0])
    np.testing.assert_allclose(a[:, 1], [0, 0])


def test_negative_output_names_the_branch():
    with pytest.raises(io_algebra.InputOutputError, match="n° 2"):
        io_algebra.technical_coefficients([[1, 0], [0, 1]], [10, -5])


def test_jobs_without_output_are_refused():
    with pytest.raises(io_algebra.InputOutputError, match="emplois mais une production nulle"):
        io_algebra.employment_coefficients([3, 4], [10, 0])


def test_simple_location_quotient_is_one_for_a_region_shaped_like_the_nation():
    np.testing.assert_allclose(io_algebra.simple_location_quotients([10, 30], [100, 300]), [1, 1])
    np.testing.assert_allclose(io_algebra.simple_location_quotients([20, 20], [100, 300]), [2, 2 / 3])


def test_slq_regionalisation_scales_rows_of_under_represented_branches_only():
    a = np.array([[0.1, 0.2], [0.3, 0.4]])
    regional = io_algebra.regional_coefficients(a, [20, 20], [100, 300], method="slq")
    np.testing.assert_allclose(regional, [[0.1, 0.2], [0.2, 0.4 * 2 / 3]])


def test_flegg_quotients_shrink_cross_industry_quotients_by_regional_size():
    regional, national = np.array([20.0, 20.0]), np.array([100.0, 300.0])
    flq = io_algebra.flegg_location_quotients(regional, national, delta=0.3)
    lambda_star = np.log2(1 + 40 / 400) ** 0.3
    slq = np.array([2.0, 2 / 3])
    np.testing.assert_allclose(flq, np.array([[slq[0], slq[0] / slq[1]], [slq[1] / slq[0], slq[1]]]) * lambda_star)


def test_flegg_delta_outside_its_range_is_refused():
    with pytest.raises(io_algebra.InputOutputError, match="δ"):
        io_algebra.flegg_location_quotients([1, 2], [3, 4], delta=1.5)


def test_unknown_regionalisation_method_is_named():
    with pytest.raises(io_algebra.InputOutputError, match="« cilq »"):
        io_algebra.regional_coefficients([[0.1]], [1], [2], method="cilq")  # type: ignore[arg-type]


# --- Properties -------------------------------------------------------------------------------

sizes = st.integers(min_value=1, max_value=6)


@st.composite
def productive_tables(draw):
    """Random non-negative flows whose column sums stay below output (a productive economy)."""
    n = draw(sizes)
    output = draw(arrays(np.float64, n, elements=st.floats(1.0, 1e6)))
    shares = draw(arrays(np.float64, (n, n), elements=st.one_of(st.just(0.0), st.floats(1e-3, 1.0))))
    # Scale each column so that intermediate purchases are at most 90 % of output.
    column_totals = shares.sum(axis=0)
    spend = draw(arrays(np.float64, n, elements=st.floats(0.0, 0.9)))
    scale = np.divide(spend, column_totals, out=np.zeros(n), where=column_totals > 0)
    flows = shares * scale[np.newaxis, :] * output[np.newaxis, :]
    return flows, output


@settings(max_examples=150, deadline=None)
@given(productive_tables())
def test_leontief_inverse_applied_to_implied_final_demand_reproduces_output(table):
    flows, output = table
    a = io_algebra.technical_coefficients(flows, output)
    final_demand = output - flows.sum(axis=1)
    leontief = io_algebra.leontief_inverse(a)
    np.testing.assert_allclose(leontief @ final_demand, output, rtol=1e-7, atol=1e-6)


@settings(max_examples=150, deadline=None)
@given(productive_tables())
def test_leontief_inverse_is_non_negative_and_multipliers_at_least_one(table):
    flows, output = table
    leontief = io_algebra.leontief_inverse(io_algebra.technical_coefficients(flows, output))
    assert np.all(leontief >= 0)
    assert np.all(np.diag(leontief) >= 1 - 1e-12)
    assert np.all(io_algebra.output_multipliers(leontief) >= 1 - 1e-12)


@settings(max_examples=100, deadline=None)
@given(productive_tables(), st.data())
def test_regional_coefficients_never_exceed_national_ones(table, data):
    flows, output = table
    n = output.size
    national = data.draw(arrays(np.float64, n, elements=st.floats(1.0, 1e5)))
    regional = national * data.draw(arrays(np.float64, n, elements=st.floats(0.0, 1.0)))
    if regional.sum() == 0:
        regional[0] = 1.0
    a = io_algebra.technical_coefficients(flows, output)
    for method in ("slq", "flq"):
        local = io_algebra.regional_coefficients(a, regional, national, method=method)
        assert np.all(local <= a + 1e-15)
        assert np.all(local >= 0)
