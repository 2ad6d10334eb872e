"""When is published data stale: its reference year against its publisher's calendar (pure, no database)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from observatory.freshness import MAX_GRACE_MONTHS, Cadence, staleness
from observatory.models import PUBLICATION_CADENCES, DatasetKind

BMO = PUBLICATION_CADENCES[DatasetKind.BMO]
TENSION = PUBLICATION_CADENCES[DatasetKind.TENSION]
EMPLOYMENT = PUBLICATION_CADENCES[DatasetKind.EMPLOYMENT]
day = datetime.date


@pytest.mark.parametrize("cadence, reference_year, today, message", [
    # BMO N is published in April N: the 2026 edition is due once April 2026 and the grace period are over.
    (BMO, 2025, day(2026, 3, 31), None),
    (BMO, 2025, day(2026, 6, 30), None),
    (BMO, 2025, day(2026, 7, 1),
     "L'édition 2026 des BMO est publiée en avril 2026 ; les données affichées sont de 2025."),
    (BMO, 2026, day(2026, 12, 1), None),
    (BMO, 2023, day(2026, 12, 1),
     "L'édition 2026 des BMO est publiée en avril 2026 ; les données affichées sont de 2023."),
    # Dares tensions for year N come out by April N+2 at the latest.
    (TENSION, 2019, day(2021, 6, 30), None),
    (TENSION, 2019, day(2026, 12, 1), "L'édition 2024 des indicateurs de tension (Dares) est publiée au plus "
                                      "tard en avril 2026 ; les données affichées sont de 2019."),
    (TENSION, 2024, day(2026, 12, 1), None),
    (TENSION, 2024, day(2027, 7, 1), "L'édition 2025 des indicateurs de tension (Dares) est publiée au plus "
                                     "tard en avril 2027 ; les données affichées sont de 2024."),
    # Urssaf employment at the end of year N comes out in June N+1.
    (EMPLOYMENT, 2024, day(2025, 8, 31), None),
    (EMPLOYMENT, 2024, day(2026, 9, 1), "L'édition 2025 de l'emploi salarié par activité (Urssaf) est publiée "
                                        "en juin 2026 ; les données affichées sont de 2024."),
    # A dataset without a reference year cannot be shown to be current.
    (BMO, None, day(2026, 12, 1), "L'édition 2026 des BMO est publiée en avril 2026 ; l'année des données "
                                  "affichées n'est pas connue (millésime vide)."),
])
def test_staleness_follows_the_reference_year_and_the_publishers_calendar(cadence, reference_year, today, message):
    result = staleness(cadence, reference_year, today)
    assert (result.message if result else None) == message


def test_a_2019_tension_file_is_five_editions_behind_at_the_end_of_2026():
    assert staleness(TENSION, 2019, day(2026, 12, 1)).editions_behind == 5


def test_every_kind_of_dataset_declares_its_calendar_or_that_it_has_none():
    assert set(PUBLICATION_CADENCES) == set(DatasetKind)
    assert {kind for kind, cadence in PUBLICATION_CADENCES.items() if cadence} == {
        DatasetKind.TENSION, DatasetKind.BMO, DatasetKind.EMPLOYMENT, DatasetKind.EMPLOYMENT_URSSAF}
    assert all(cadence.calendar for cadence in PUBLICATION_CADENCES.values() if cadence)


@pytest.mark.parametrize("arguments, error", [
    ({"month": 13}, "mois de publication impossible : 13"),
    ({"month": 4, "lag_years": -1}, "une édition ne paraît pas avant son année de référence"),
    ({"month": 4, "grace_months": MAX_GRACE_MONTHS + 1}, "délai de grâce hors de 0 à 24 mois"),
])
def test_an_impossible_calendar_is_refused_in_french(arguments, error):
    with pytest.raises(ValueError, match=error):
        Cadence("des essais", **arguments)


cadences = st.builds(Cadence, series=st.just("des essais"), month=st.integers(1, 12), lag_years=st.integers(0, 4),
                     grace_months=st.integers(0, MAX_GRACE_MONTHS), at_latest=st.booleans())
days = st.dates(min_value=day(1990, 1, 1), max_value=day(2100, 12, 31))


@given(cadences, days)
def test_the_latest_due_edition_is_overdue_and_the_next_one_is_not(cadence, today):
    edition = cadence.latest_due_edition(today)
    assert cadence.overdue_from(edition) <= today < cadence.overdue_from(edition + 1)
    # Never one that cannot have been published yet.
    assert cadence.publication(edition) < (today.year, today.month)


@given(cadences, days, days)
def test_time_never_makes_an_edition_less_due(cadence, first, second):
    earlier, later = sorted((first, second))
    assert cadence.latest_due_edition(earlier) <= cadence.latest_due_edition(later)


@given(cadences, days, st.integers(0, 10))
def test_data_is_stale_exactly_when_older_than_the_edition_due(cadence, today, years_behind):
    due = cadence.latest_due_edition(today)
    assert staleness(cadence, due + 1, today) is None
    assert staleness(cadence, due, today) is None
    if years_behind:
        late = staleness(cadence, due - years_behind, today)
        assert late.editions_behind == years_behind
        assert f"L'édition {due} des essais" in late.message and f"sont de {due - years_behind}." in late.message
