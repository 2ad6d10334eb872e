"""The INSEE unemployment rate by zone d'emploi as the observatory shows it: a zone's recent quarters
(a small SVG line chart and its table), or the latest rate of every zone of a département or région.

Rates: « Taux de chômage localisés », Insee (ILO definition, %, seasonally adjusted quarterly
averages), imported with ``import_data unemployment-zones``. The chart geometry is a pure function.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from observatory.cache import cached_figures
from observatory.models import Territory, TerritoryLevel, UnemploymentRate

#: Quarters drawn and tabulated for a zone: five years.
QUARTERS_SHOWN = 20


@dataclass(frozen=True)
class ChartPoint:
    period: str
    rate: float
    x: float
    y: float


@dataclass
class UnemploymentView:
    """What the observatory home shows for the visitor's territory; ``zones`` when it is not a zone."""

    territory: Territory
    source: str
    vintage: int | None
    series: list[ChartPoint] = field(default_factory=list)
    zones: list[tuple[Territory, str, float]] = field(default_factory=list)
    y_ticks: list[tuple[float, float]] = field(default_factory=list)
    width: int = 640
    height: int = 240

    @property
    def latest(self) -> ChartPoint | None:
        return self.series[-1] if self.series else None

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.series)


def chart_geometry(values: list[float], width: int, height: int, margin: int = 40
                   ) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Points (x, y) of a line chart of ``values`` in a ``width`` × ``height`` box, and the y-axis ticks
    (value, y). The axis runs from the whole number below the lowest value to the one above the highest,
    so that the line never touches the frame; a flat series still gets a one-point range."""
    if not values:
        return [], []
    low, high = int(min(values)), int(max(values)) + 1
    span = high - low
    inner_w, inner_h = width - 2 * margin, height - 2 * margin
    step = inner_w / max(len(values) - 1, 1)
    points = [(margin + index * step, margin + inner_h * (high - value) / span) for index, value in enumerate(values)]
    ticks = [(float(tick), margin + inner_h * (high - tick) / span) for tick in range(low, high + 1)]
    return points, ticks


def unemployment_for(territory: Territory | None) -> UnemploymentView | None:
    """The zone's last :data:`QUARTERS_SHOWN` quarters, or, for a département or région, the latest rate
    of each zone inside it (2 queries, cached until the next publication); None when nothing is published."""
    if territory is None:
        return None
    return cached_figures(("unemployment", territory.key), lambda: _compute(territory))


def _compute(territory: Territory) -> UnemploymentView | None:
    rows = UnemploymentRate.objects.published().select_related("dataset")
    if territory.level == TerritoryLevel.ZONE_EMPLOI:
        recent = list(rows.filter(territory=territory).order_by("-year", "-quarter")[:QUARTERS_SHOWN])[::-1]
        if not recent:
            return None
        view = UnemploymentView(territory, recent[-1].dataset.source, recent[-1].dataset.vintage)
        points, view.y_ticks = chart_geometry([row.rate for row in recent], view.width, view.height)
        view.series = [ChartPoint(row.period, row.rate, x, y) for row, (x, y) in zip(recent, points, strict=True)]
        return view
    inside = (rows.filter(territory__level=TerritoryLevel.ZONE_EMPLOI)
              .filter(territory__parent=territory) if territory.level == TerritoryLevel.DEPARTEMENT else
              rows.filter(territory__level=TerritoryLevel.ZONE_EMPLOI, territory__parent__parent=territory))
    latest = list(inside.select_related("territory").order_by("-year", "-quarter", "territory__name")[:200])
    if not latest:
        return None
    year, quarter = latest[0].year, latest[0].quarter
    current = [row for row in latest if (row.year, row.quarter) == (year, quarter)]
    view = UnemploymentView(territory, current[0].dataset.source, current[0].dataset.vintage)
    view.zones = sorted(((row.territory, row.period, row.rate) for row in current), key=lambda item: -item[2])
    return view
