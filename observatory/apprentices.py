"""Apprentices' outcomes by CFA (InserJeunes) for other apps: the training lists of job profiles."""

from __future__ import annotations

from collections.abc import Iterable


def cfa_outcomes(uais: Iterable[str]) -> dict:
    """``{UAI: ApprenticeOutcome}``: each centre's latest published cohort with a 6-month employment rate.

    One query. A centre whose latest cohort had too few leavers to publish shows its previous
    published cohort, which the row names (``cohort``), with its dataset for the source.
    """
    wanted = {uai.strip().upper() for uai in uais if uai and uai.strip()}
    if not wanted:
        return {}
    from observatory.models import ApprenticeOutcome

    rows = (ApprenticeOutcome.objects.published().filter(uai__in=wanted, employment_6m__isnull=False)
            .select_related("dataset").order_by("uai", "-cohort_end_year", "-dataset__published_at"))
    outcomes: dict = {}
    for row in rows:
        outcomes.setdefault(row.uai, row)
    return outcomes
