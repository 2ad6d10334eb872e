"""Is the data on the site the latest edition its publisher has released? Calendars and reference years.

Pure Python (no Django), tested without a database. A dataset is judged by the year its figures
describe (its reference year, ``Dataset.vintage``), not by the day it was imported: tension
indicators for 2019 imported yesterday are still five editions behind. Each kind of dataset
declares its publisher's calendar next to its definition (``PUBLICATION_CADENCES`` in
``observatory/models/datasets.py``).

Editions are named by their reference year, as publishers name them: « BMO 2026 » (the hiring
projects of 2026, published in April 2026), « les tensions sur le marché du travail en 2024 »
(published in 2026).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

MONTH_NAMES = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
               "novembre", "décembre")

#: Longest grace period a calendar may give: beyond it a late edition would go unnoticed for years.
MAX_GRACE_MONTHS = 24


@dataclass(frozen=True)
class Cadence:
    """A publisher's yearly calendar: edition N (figures of reference year N) comes out in ``month``
    of year N + ``lag_years``.

    ``grace_months``: months left after the publication month for a late release and for the
    statisticians to import it, before the data on the site is called stale. ``at_latest``: the
    month is the latest one observed (the publisher's month varies), not its usual one.
    ``series`` names the series in messages, with its article (« des BMO »); ``calendar`` says
    where the month comes from (past release dates).
    """

    series: str
    month: int
    lag_years: int = 0
    grace_months: int = 2
    at_latest: bool = False
    calendar: str = ""

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"mois de publication impossible : {self.month}")
        if self.lag_years < 0:
            raise ValueError(f"une édition ne paraît pas avant son année de référence : décalage {self.lag_years}")
        if not 0 <= self.grace_months <= MAX_GRACE_MONTHS:
            raise ValueError(f"délai de grâce hors de 0 à {MAX_GRACE_MONTHS} mois : {self.grace_months}")

    def publication(self, edition: int) -> tuple[int, int]:
        """The (year, month) in which ``edition`` is published."""
        return edition + self.lag_years, self.month

    def overdue_from(self, edition: int) -> datetime.date:
        """The first day on which ``edition`` is overdue on the site: the first day of the month
        after its publication month, plus the grace months."""
        year, month = self.publication(edition)
        index = year * 12 + (month - 1) + 1 + self.grace_months
        return datetime.date(index // 12, index % 12 + 1, 1)

    def latest_due_edition(self, today: datetime.date) -> int:
        """The most recent edition that should be on the site by ``today``."""
        # The edition published this year is the newest possible one; step back past those not yet due.
        edition = today.year - self.lag_years
        while self.overdue_from(edition) > today:
            edition -= 1
        return edition


@dataclass(frozen=True)
class Staleness:
    """Data on the site older than the edition its publisher has released."""

    series: str
    reference_year: int | None
    expected_edition: int
    published_in: tuple[int, int]
    at_latest: bool = False

    @property
    def editions_behind(self) -> int | None:
        """How many editions the site is missing (None when the data's year is unknown)."""
        return None if self.reference_year is None else self.expected_edition - self.reference_year

    @property
    def message(self) -> str:
        """« L'édition 2026 des BMO est publiée en avril 2026 ; les données affichées sont de 2025. »"""
        year, month = self.published_in
        when = f"{'au plus tard ' if self.at_latest else ''}en {MONTH_NAMES[month - 1]} {year}"
        expected = f"L'édition {self.expected_edition} {self.series} est publiée {when}"
        if self.reference_year is None:
            return f"{expected} ; l'année des données affichées n'est pas connue (millésime vide)."
        return f"{expected} ; les données affichées sont de {self.reference_year}."


def staleness(cadence: Cadence, reference_year: int | None, today: datetime.date) -> Staleness | None:
    """Why figures of ``reference_year`` are stale on ``today``, or None while they are the latest
    edition due. An unknown reference year is stale: nothing says the data is current."""
    expected = cadence.latest_due_edition(today)
    if reference_year is not None and reference_year >= expected:
        return None
    return Staleness(series=cadence.series, reference_year=reference_year, expected_edition=expected,
                     published_in=cadence.publication(expected), at_latest=cadence.at_latest)
