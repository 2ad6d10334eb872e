"""Published data older than the edition its publisher has released, and the pages that show it.

A kind of dataset is judged by its newest published public version: the site shows the latest
year of each series, older vintages stay published for the time series. The judgement itself is
:func:`observatory.freshness.staleness` (pure), against each kind's calendar
(``PUBLICATION_CADENCES``). Shown on the admin dashboard (observatory/dashboard.py) and on the
datasets screen.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from observatory.freshness import Staleness, staleness
from observatory.models import PUBLICATION_CADENCES, Dataset, DatasetStatus
from website.page_references import pages_showing


@dataclass
class StaleDataset:
    dataset: Dataset
    staleness: Staleness
    pages: list = field(default_factory=list)


def latest_published(kinds) -> dict[str, Dataset]:
    """The newest published public version of each of ``kinds``, by reference year (one query)."""
    latest: dict[str, Dataset] = {}
    for dataset in (Dataset.objects.filter(kind__in=list(kinds), status=DatasetStatus.PUBLISHED, public=True)
                    .order_by("kind", "-published_at", "-pk")):
        current = latest.get(dataset.kind)
        if current is None or (dataset.vintage or 0) > (current.vintage or 0):
            latest[dataset.kind] = dataset
    return latest


def stale_datasets(today: datetime.date | None = None, *, with_pages: bool = True) -> list[StaleDataset]:
    """Kinds whose newest published data is older than the edition due by ``today``, most behind first."""
    today = today or timezone.localdate()
    cadences = {kind: cadence for kind, cadence in PUBLICATION_CADENCES.items() if cadence is not None}
    found = []
    for kind, dataset in latest_published(cadences).items():
        late = staleness(cadences[kind], dataset.vintage, today)
        if late is not None:
            found.append(StaleDataset(dataset, late))
    found.sort(key=lambda item: (-(item.staleness.editions_behind or 99), item.dataset.title))
    if with_pages and found:
        pages = pages_showing([item.dataset for item in found])
        for item in found:
            item.pages = pages.get(item.dataset.pk, [])
    return found
