"""Queries behind the admin reports and the dashboard: aggregated in the database, bounded."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils import timezone
from wagtail.models import Page

from audience.channels import channel_label
from audience.models import PageFeedback, PageViewCount


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def default_period(days: int = 30) -> Period:
    today = timezone.localdate()
    return Period(today - datetime.timedelta(days=days - 1), today)


@dataclass(frozen=True)
class Row:
    """One bar of a report: a label, its figure and its share of the largest bar (0–100, for drawing)."""

    key: str
    label: str
    value: int
    percent: float
    url: str = ""


def _rows(items: list[tuple[str, str, int, str]]) -> list[Row]:
    top = max((value for *_, value, _url in items), default=0) or 1
    return [Row(key, label, value, round(100 * value / top, 1), url) for key, label, value, url in items]


def views_in(period: Period, channel: str = "", page_id: int | None = None):
    queryset = PageViewCount.objects.filter(day__gte=period.start, day__lte=period.end)
    if channel:
        queryset = queryset.filter(channel=channel)
    if page_id:
        queryset = queryset.filter(page_id=page_id)
    return queryset


def views_by_day(period: Period, channel: str = "", page_id: int | None = None) -> list[Row]:
    """Every day of the period (zero-filled), oldest first."""
    totals = dict(views_in(period, channel, page_id).values_list("day").annotate(total=Sum("views")))
    items = []
    for offset in range(period.days):
        day = period.start + datetime.timedelta(days=offset)
        items.append((day.isoformat(), day.strftime("%d/%m"), int(totals.get(day, 0)), ""))
    return _rows(items)


def views_by_channel(period: Period, channel: str = "", page_id: int | None = None) -> list[Row]:
    totals = (views_in(period, channel, page_id).values_list("channel").annotate(total=Sum("views"))
              .order_by("-total", "channel"))
    return _rows([(key, channel_label(key), int(total), "") for key, total in totals])


def top_pages(period: Period, channel: str = "", page_id: int | None = None, limit: int = 50) -> list[Row]:
    totals = list(views_in(period, channel, page_id).values_list("page").annotate(total=Sum("views"))
                  .order_by("-total", "page")[:limit])
    pages = {page.pk: page for page in Page.objects.filter(pk__in=[pk for pk, _ in totals]).only("id", "title", "url_path")}
    items = []
    for pk, total in totals:
        page = pages.get(pk)
        items.append((str(pk), page.title if page else f"#{pk}", int(total), page.url if page else ""))
    return _rows(items)


def total_views(period: Period, channel: str = "", page_id: int | None = None) -> int:
    return int(views_in(period, channel, page_id).aggregate(total=Sum("views"))["total"] or 0)


@dataclass(frozen=True)
class FeedbackSummary:
    page_id: int
    title: str
    url: str
    useful: int
    not_useful: int

    @property
    def total(self) -> int:
        return self.useful + self.not_useful

    @property
    def useful_percent(self) -> int:
        return round(100 * self.useful / self.total) if self.total else 0


def feedback_by_page(period: Period, limit: int = 100, order: str = "least_useful") -> list[FeedbackSummary]:
    """Answers per page; ``least_useful`` puts the worst share of « oui » first."""
    rows = list(
        PageFeedback.objects.filter(day__gte=period.start, day__lte=period.end)
        .values("page").annotate(yes=Count("id", filter=Q(useful=True)), no=Count("id", filter=Q(useful=False)))
    )
    pages = {p.pk: p for p in Page.objects.filter(pk__in=[row["page"] for row in rows]).only("id", "title", "url_path")}
    summaries = [
        FeedbackSummary(row["page"], pages[row["page"]].title if row["page"] in pages else f"#{row['page']}",
                        pages[row["page"]].url if row["page"] in pages else "", row["yes"], row["no"])
        for row in rows
    ]
    if order == "least_useful":
        summaries.sort(key=lambda s: (s.useful_percent, -s.total, s.title))
    else:
        summaries.sort(key=lambda s: (-s.total, s.title))
    return summaries[:limit]


def pages_judged_not_useful(period: Period, min_answers: int = 3, max_useful_percent: int = 50,
                            limit: int = 10) -> list[FeedbackSummary]:
    """Pages with enough answers and a share of « oui » at or below ``max_useful_percent``."""
    return [s for s in feedback_by_page(period, limit=1000)
            if s.total >= min_answers and s.useful_percent <= max_useful_percent][:limit]


def latest_comments(period: Period, limit: int = 30):
    return (PageFeedback.objects.filter(day__gte=period.start, day__lte=period.end).exclude(comment="")
            .select_related("page").order_by("-day", "-id")[:limit])
