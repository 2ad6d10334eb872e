"""Plausible demo dates (schools.event_calendar): pure functions, no database."""

from __future__ import annotations

import datetime

import pytest

from schools.event_calendar import (
    is_plausible_day,
    is_school_holiday,
    plausible_day,
    public_holidays,
)
from schools.models.events import EVENT_TYPES


def test_public_holidays_include_the_moving_ones():
    days = public_holidays(2027)
    assert datetime.date(2027, 3, 29) in days  # Easter Monday 2027
    assert datetime.date(2027, 5, 6) in days  # Ascension
    assert datetime.date(2027, 5, 17) in days  # Whit Monday
    assert len(days) == 11


@pytest.mark.parametrize("event_type", [slug for slug, _label in EVENT_TYPES])
def test_every_day_of_two_years_leads_to_a_plausible_upcoming_day(event_type):
    today = datetime.date(2026, 1, 1)
    for n in range(730):
        day = today + datetime.timedelta(days=n)
        found = plausible_day(day, 0, event_type)
        assert found > day
        assert found.weekday() != 6  # never a Sunday
        assert found not in public_holidays(found.year)
        assert not (found.month == 12 and found.day >= 22)


def test_the_reported_bad_dates_are_no_longer_possible():
    # A job dating on Sunday 27 December and a class visit on New Year's Day.
    assert not is_plausible_day(datetime.date(2026, 12, 27), "job-dating")
    assert not is_plausible_day(datetime.date(2027, 1, 1), "visite-classe")


def test_class_visits_are_in_term_time_only():
    assert is_school_holiday(datetime.date(2027, 7, 20))
    visit = plausible_day(datetime.date(2027, 7, 1), 3, "visite-classe")
    assert not is_school_holiday(visit) and visit.month == 9
