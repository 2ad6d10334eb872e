"""Rounding and French typography of figures, the same on pages, in CSV and in the API (no database)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from observatory.figures import MINUS, NARROW_NBSP, french_number, french_percent, round_half_up


def test_half_a_job_rounds_up_as_on_the_page():
    assert round_half_up(1662.5) == 1663 and round_half_up(2.675, 2) == 2.68 and round_half_up(None) is None


def test_numbers_use_narrow_no_break_spaces_a_decimal_comma_and_a_true_minus_sign():
    assert french_number(1234567) == f"1{NARROW_NBSP}234{NARROW_NBSP}567"
    assert french_number(-6706.2, sign=True) == f"{MINUS}6{NARROW_NBSP}706"
    assert french_number(21733, sign=True) == f"+21{NARROW_NBSP}733"
    assert french_percent(5.43, sign=True) == f"+5,4{NARROW_NBSP}%"
    assert french_percent(None) == "" and french_number(0, sign=True) == "0"


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_a_written_number_reads_back_as_the_rounded_value(value):
    written = french_number(value, 1)
    read = float(written.replace(NARROW_NBSP, "").replace(",", ".").replace(MINUS, "-").lstrip("+"))
    assert read == round_half_up(value, 1)
