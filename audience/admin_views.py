"""Admin reports: views per page, day and channel; feedback; CSV exports."""

from __future__ import annotations

import csv

from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audience import reports
from audience.channels import CHANNELS, channel_label
from audience.models import PageFeedback
from website.csv_safety import neutralise_row

VIEW_PERMISSION = "audience.view_pageviewcount"
FEEDBACK_PERMISSION = "audience.view_pagefeedback"
#: The longest period a report may cover (beyond, the retention policy has deleted the data anyway).
MAX_DAYS = 800


class PeriodForm(forms.Form):
    debut = forms.DateField(label=_("Du"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    fin = forms.DateField(label=_("Au"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    canal = forms.ChoiceField(label=_("Canal"), required=False, choices=[("", _("Tous les canaux")), *CHANNELS.items()])
    page = forms.IntegerField(label=_("Page (identifiant)"), required=False, min_value=1)

    def clean(self):
        data = super().clean()
        start, end = data.get("debut"), data.get("fin")
        if start and end:
            if start > end:
                raise forms.ValidationError(_("La date de début doit précéder la date de fin."))
            if (end - start).days + 1 > MAX_DAYS:
                raise forms.ValidationError(gettext("Choisissez une période de %(days)s jours au plus.") % {"days": MAX_DAYS})
        return data

    def period(self) -> reports.Period:
        """The chosen period, or the last 30 days when the form is empty or invalid."""
        default = reports.default_period()
        if not self.is_valid():
            return default
        start = self.cleaned_data.get("debut") or default.start
        end = self.cleaned_data.get("fin") or max(default.end, start)
        if start > end:
            return default
        return reports.Period(start, end)


def _csv_response(filename: str, header: list[str], rows) -> StreamingHttpResponse:
    class Echo:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(Echo())

    def generate():
        yield "\ufeff"  # so that spreadsheet software reads the accents right
        yield writer.writerow(header)
        for row in rows:  # visitors' comments: a formula must not run in the statistician's spreadsheet
            yield writer.writerow(neutralise_row(row))

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission_required(VIEW_PERMISSION, raise_exception=True)
def views_report(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    period = form.period()
    channel = form.cleaned_data.get("canal", "") if form.is_valid() else ""
    page_id = form.cleaned_data.get("page") if form.is_valid() else None
    if request.GET.get("format") == "csv":
        rows = (
            reports.views_in(period, channel, page_id).select_related("page")
            .order_by("day", "page_id", "channel")
            .values_list("day", "page_id", "page__title", "page__url_path", "channel", "views")
            .iterator(chunk_size=2000)
        )
        return _csv_response(
            f"audience-{period.start}-{period.end}.csv",
            ["jour", "page_id", "titre", "chemin", "canal", "libelle_canal", "vues"],
            ((day.isoformat(), pk, title, path, key, channel_label(key), views)
             for day, pk, title, path, key, views in rows),
        )
    by_day = reports.views_by_day(period, channel, page_id)
    context = {
        "form": form,
        "period": period,
        "total": reports.total_views(period, channel, page_id),
        "by_day": by_day,
        "by_channel": reports.views_by_channel(period, channel, page_id),
        "top_pages": reports.top_pages(period, channel, page_id),
        "chart": _column_chart(by_day),
        "csv_query": _with_format(request, "csv"),
    }
    return render(request, "audience/admin/views_report.html", context)


@permission_required(FEEDBACK_PERMISSION, raise_exception=True)
def feedback_report(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    period = form.period()
    if request.GET.get("format") == "csv":
        rows = (PageFeedback.objects.filter(day__gte=period.start, day__lte=period.end)
                .order_by("day", "page_id", "id")
                .values_list("day", "page_id", "page__title", "useful", "comment").iterator(chunk_size=2000))
        return _csv_response(
            f"avis-{period.start}-{period.end}.csv", ["jour", "page_id", "titre", "utile", "commentaire"],
            ((day.isoformat(), pk, title, "oui" if useful else "non", comment) for day, pk, title, useful, comment in rows),
        )
    summaries = reports.feedback_by_page(period)
    return render(request, "audience/admin/feedback_report.html", {
        "form": form,
        "period": period,
        "summaries": summaries,
        "comments": reports.latest_comments(period),
        "csv_query": _with_format(request, "csv"),
    })


def _with_format(request: HttpRequest, fmt: str) -> str:
    query = request.GET.copy()
    query["format"] = fmt
    return query.urlencode()


def _column_chart(rows: list[reports.Row], width: int = 720, height: int = 200) -> dict:
    """Geometry of a server-rendered SVG column chart (the same figures are in a table below it)."""
    count = max(len(rows), 1)
    slot = width / count
    bar = max(slot * 0.7, 1)
    bars = []
    for index, row in enumerate(rows):
        bar_height = round(height * row.percent / 100, 1)
        bars.append({"x": round(index * slot + (slot - bar) / 2, 1), "y": round(height - bar_height, 1),
                     "width": round(bar, 1), "height": bar_height, "row": row})
    return {"width": width, "height": height, "bars": bars}
