"""Datasets older than N months and the pages that show them (for the editors' dashboard).

Works before the observatory exists (returns nothing) and adapts to its Dataset model:
the model is ``settings.EDITORIAL_DATASET_MODEL`` (default ``observatory.Dataset``), its
date the first field found among :data:`DATE_FIELD_CANDIDATES` (or
``settings.EDITORIAL_DATASET_DATE_FIELD``). Pages are found through Wagtail's reference
index: pages that reference a stale dataset directly, or through any model with a
foreign key to it (an indicator, a series…).
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

DATE_FIELD_CANDIDATES = ("published_on", "published_at", "released_on", "release_date", "imported_at",
                         "updated_at", "created_at")
DEFAULT_MONTHS = 18


@dataclass
class StaleDataset:
    dataset: models.Model
    date: datetime.date
    pages: list


def dataset_model() -> type[models.Model] | None:
    label = getattr(settings, "EDITORIAL_DATASET_MODEL", "observatory.Dataset")
    app_label, _, model_name = label.partition(".")
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def dataset_date_field(model: type[models.Model]) -> str | None:
    configured = getattr(settings, "EDITORIAL_DATASET_DATE_FIELD", None)
    names = {field.name for field in model._meta.concrete_fields}
    if configured:
        return configured if configured in names else None
    return next((name for name in DATE_FIELD_CANDIDATES if name in names), None)


def months_ago(months: int, today: datetime.date | None = None) -> datetime.date:
    """The same day ``months`` calendar months earlier (clamped to the month's last day)."""
    today = today or timezone.localdate()
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    return datetime.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def stale_datasets(months: int | None = None, limit: int = 20) -> list[StaleDataset]:
    """Datasets whose date is more than ``months`` months old, oldest first, with their pages."""
    from wagtail.models import Page, ReferenceIndex

    model = dataset_model()
    if model is None:
        return []
    field_name = dataset_date_field(model)
    if field_name is None:
        return []
    months = months if months is not None else int(getattr(settings, "EDITORIAL_STALE_DATA_MONTHS", DEFAULT_MONTHS))
    cutoff = months_ago(months)
    field = model._meta.get_field(field_name)
    if isinstance(field, models.DateTimeField):
        start_of_day = datetime.datetime.combine(cutoff, datetime.time.min)
        threshold = timezone.make_aware(start_of_day) if settings.USE_TZ else start_of_day
    else:
        threshold = cutoff
    queryset = model.objects.filter(**{f"{field_name}__lt": threshold})
    if "status" in {field.name for field in model._meta.concrete_fields}:
        # Only what is shown to the public: drafts and archived versions are not "on the site".
        from website.content_checks import PUBLISHED_STATUSES

        queryset = queryset.filter(status__in=PUBLISHED_STATUSES)
    datasets = list(queryset.order_by(field_name)[:limit])
    if not datasets:
        return []

    # Which objects point at which dataset: the dataset itself, or rows of models with a FK to it.
    owner_of: dict[tuple[int, str], int] = {}
    targets: list[models.Model] = list(datasets)
    for dataset in datasets:
        owner_of[(_base_ct_id(dataset), str(dataset.pk))] = dataset.pk
    ids = [dataset.pk for dataset in datasets]
    for relation in model._meta.related_objects:
        if not (relation.many_to_one and relation.field.concrete):
            continue
        related = list(relation.related_model.objects.filter(**{f"{relation.field.name}__in": ids})[:500])
        for obj in related:
            owner_of[(_base_ct_id(obj), str(obj.pk))] = getattr(obj, relation.field.attname)
        targets.extend(related)

    page_ct = _page_content_type_id()
    pages_by_dataset: dict[int, set[int]] = {pk: set() for pk in ids}
    references = (ReferenceIndex.get_references_to_in_bulk(targets)
                  .filter(base_content_type_id=page_ct).values_list("to_content_type_id", "to_object_id", "object_id"))
    for to_ct, to_id, page_id in references:
        dataset_id = owner_of.get((to_ct, to_id))
        if dataset_id is not None:
            pages_by_dataset[dataset_id].add(int(page_id))
    _add_pages_of_resolved_figures(model, pages_by_dataset, page_ct)
    all_page_ids = set().union(*pages_by_dataset.values())
    pages = {page.pk: page for page in Page.objects.filter(pk__in=all_page_ids).only("id", "title", "live")}
    result = []
    for dataset in datasets:
        value = getattr(dataset, field_name)
        day = value.date() if isinstance(value, datetime.datetime) else value
        result.append(StaleDataset(dataset, day, sorted((pages[pk] for pk in pages_by_dataset[dataset.pk] if pk in pages),
                                                        key=lambda p: p.title)))
    return result


def _add_pages_of_resolved_figures(model, pages_by_dataset: dict[int, set[int]], page_ct: int,
                                   max_objects: int = 500) -> None:
    """Pages showing figures that name their dataset only when resolved (``current()``), e.g. key indicators.

    Bounded: at most ``max_objects`` referenced figures per model are resolved (the
    observatory caches them).
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    app_models = [m for m in apps.get_app_config(model._meta.app_label).get_models()
                  if m is not model and callable(getattr(m, "current", None))]
    if not app_models:
        return
    content_types = ContentType.objects.get_for_models(*app_models)
    references = ReferenceIndex.objects.filter(
        base_content_type_id=page_ct, to_content_type__in=list(content_types.values()),
    ).values_list("to_content_type_id", "to_object_id", "object_id")
    by_model = {ct.pk: m for m, ct in content_types.items()}
    grouped: dict[int, dict[str, set[int]]] = {}
    for ct_id, to_id, page_id in references[: max_objects * 10]:
        grouped.setdefault(ct_id, {}).setdefault(to_id, set()).add(int(page_id))
    for ct_id, pages_by_object in grouped.items():
        ids = [int(pk) for pk in pages_by_object if pk.isascii() and pk.isdigit()][:max_objects]
        for pk, figure in by_model[ct_id].objects.in_bulk(ids).items():
            value = figure.current()
            dataset = getattr(value, "dataset", None)
            if dataset is not None and dataset.pk in pages_by_dataset:
                pages_by_dataset[dataset.pk].update(pages_by_object[str(pk)])


def _base_ct_id(obj: models.Model) -> int:
    from wagtail.models import ReferenceIndex

    return ReferenceIndex._get_base_content_type(obj).pk


def _page_content_type_id() -> int:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    return ContentType.objects.get_for_model(Page).pk
