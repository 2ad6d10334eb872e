"""Plausible dates for the demo's events: weekdays and hours real organisers pick (no Django).

The demo stores each event as « about N days after the day the demo is loaded »; this module
turns that into a real day that such an event could fall on:

- never a French public holiday (``dateutil.easter`` gives Easter, hence Easter Monday,
  Ascension and Whit Monday), nor when most plants close (Christmas week, early August);
- on the weekdays its kind uses (:data:`WEEKDAYS_BY_TYPE`): a job dating Tuesday to
  Thursday, an open day on Friday or Saturday, a class visit Monday to Friday but not
  Wednesday (afternoons off in collège);
- a class visit in term time: outside the school holidays of zone B (Hauts-de-France's
  académies of Lille and Amiens). :func:`school_holidays` gives *conservative* windows that
  contain the official dates of recent years (the ministry publishes them per year; the demo
  needs only to avoid them, not to state them).
"""

from __future__ import annotations

import datetime

from dateutil.easter import easter

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)

#: Weekdays (0 = Monday) on which each kind of event is held.
WEEKDAYS_BY_TYPE: dict[str, tuple[int, ...]] = {
    "portes-ouvertes": (FRIDAY, SATURDAY),
    "visite-classe": (MONDAY, TUESDAY, THURSDAY, FRIDAY),
    "job-dating": (TUESDAY, WEDNESDAY, THURSDAY),
    "forum": (THURSDAY, FRIDAY, SATURDAY),
    "rencontre": (TUESDAY, WEDNESDAY, THURSDAY),
    "atelier": (WEDNESDAY, SATURDAY),
}
#: Kinds held with classes, hence in term time only.
TERM_TIME_TYPES = frozenset({"visite-classe"})


def public_holidays(year: int) -> set[datetime.date]:
    """The eleven French public holidays of ``year`` (Code du travail, art. L3133-1)."""
    easter_sunday = easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    days = {datetime.date(year, month, day) for month, day in fixed}
    days |= {easter_sunday + datetime.timedelta(days=n) for n in (1, 39, 50)}  # Monday, Ascension, Whit Monday
    return days


def school_holidays(year: int) -> list[tuple[datetime.date, datetime.date]]:
    """Windows (first day, last day, inclusive) that contain zone B's school holidays of ``year``.

    Winter and spring holidays move with the three-zone rotation: the windows cover every
    position zone B takes. Christmas spans two years, so both ends are given.
    """
    d = datetime.date
    return [
        (d(year, 1, 1), d(year, 1, 5)),  # Christmas, end
        (d(year, 2, 7), d(year, 3, 9)),  # winter
        (d(year, 4, 4), d(year, 5, 4)),  # spring (and the May bridges)
        (d(year, 7, 4), d(year, 9, 14)),  # summer, and the first two weeks of term (no outings yet)
        (d(year, 10, 17), d(year, 11, 3)),  # Toussaint
        (d(year, 12, 19), d(year, 12, 31)),  # Christmas, start
    ]


def is_closure(day: datetime.date) -> bool:
    """Between Christmas and New Year, and the first three weeks of August: most plants close."""
    return (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 2) or (
        day.month == 8 and day.day <= 22)


def is_school_holiday(day: datetime.date) -> bool:
    return any(first <= day <= last for first, last in school_holidays(day.year))


def is_plausible_day(day: datetime.date, event_type: str) -> bool:
    """True when an event of ``event_type`` could be held on ``day``."""
    if day.weekday() not in WEEKDAYS_BY_TYPE.get(event_type, (MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)):
        return False
    if day in public_holidays(day.year) or is_closure(day):
        return False
    return not (event_type in TERM_TIME_TYPES and is_school_holiday(day))


def plausible_day(today: datetime.date, days_ahead: int, event_type: str) -> datetime.date:
    """The first day at least ``days_ahead`` days (at least one) after ``today`` fit for ``event_type``.

    Always found within the year that follows (summer holidays last under nine weeks).
    """
    day = today + datetime.timedelta(days=max(days_ahead, 1))
    for _attempt in range(366):
        if is_plausible_day(day, event_type):
            return day
        day += datetime.timedelta(days=1)
    raise ValueError(f"no plausible day for {event_type!r} after {today}")  # unreachable with the rules above
