"""Which pages show given objects (datasets, figures…), through Wagtail's reference index.

Generic: works for any model. A page shows an object when it references it directly, references
a row of a model with a foreign key to it (an indicator of a dataset…), or references a figure
that names the object only when resolved (a model of the same app with a ``current()`` method
returning something with that object as ``dataset``, e.g. a key figure). The observatory uses it
for its stale-data panel; the base site names no app above it.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

#: Rows of each related model looked at per call: enough to find the pages, bounded on big tables.
MAX_RELATED_ROWS = 500


def pages_showing(objects: list[models.Model]) -> dict[int, list]:
    """For each object's pk, the pages that show it, sorted by title (objects of one model)."""
    from wagtail.models import Page, ReferenceIndex

    if not objects:
        return {}
    model = type(objects[0])
    # Which referenced object stands for which of ours: the object itself, or rows with a FK to it.
    owner_of: dict[tuple[int, str], int] = {}
    targets: list[models.Model] = list(objects)
    for obj in objects:
        owner_of[(_base_ct_id(obj), str(obj.pk))] = obj.pk
    ids = [obj.pk for obj in objects]
    for relation in model._meta.related_objects:
        if not (relation.many_to_one and relation.field.concrete):
            continue
        related = list(relation.related_model.objects.filter(**{f"{relation.field.name}__in": ids})[:MAX_RELATED_ROWS])
        for row in related:
            owner_of[(_base_ct_id(row), str(row.pk))] = getattr(row, relation.field.attname)
        targets.extend(related)

    page_ct = _page_content_type_id()
    page_ids: dict[int, set[int]] = {pk: set() for pk in ids}
    references = (ReferenceIndex.get_references_to_in_bulk(targets)
                  .filter(base_content_type_id=page_ct).values_list("to_content_type_id", "to_object_id", "object_id"))
    for to_ct, to_id, page_id in references:
        owner = owner_of.get((to_ct, to_id))
        if owner is not None:
            page_ids[owner].add(int(page_id))
    _add_pages_of_resolved_figures(model, page_ids, page_ct)
    everything = set().union(*page_ids.values())
    pages = {page.pk: page for page in Page.objects.filter(pk__in=everything).only("id", "title", "live")}
    return {pk: sorted((pages[page_id] for page_id in found if page_id in pages), key=lambda page: page.title)
            for pk, found in page_ids.items()}


def _add_pages_of_resolved_figures(model: type[models.Model], page_ids: dict[int, set[int]], page_ct: int,
                                   max_objects: int = MAX_RELATED_ROWS) -> None:
    """Pages showing figures that name their object only when resolved (``current()``), e.g. key figures.

    Bounded: at most ``max_objects`` referenced figures per model are resolved (the apps that
    have such figures cache them).
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
            owner = getattr(value, "dataset", None)
            if owner is not None and owner.pk in page_ids:
                page_ids[owner.pk].update(pages_by_object[str(pk)])


def _base_ct_id(obj: models.Model) -> int:
    from wagtail.models import ReferenceIndex

    return ReferenceIndex._get_base_content_type(obj).pk


def _page_content_type_id() -> int:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    return ContentType.objects.get_for_model(Page).pk
