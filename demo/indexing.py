"""Indexes brought up to date once, after the demo is loaded, instead of at every save.

Wagtail updates its reference index (« Utilisation » of an image or a snippet in the admin) and
the search index after each save: loading the demo saves some pages ten times (creation, revision,
publication, their related objects), and each save re-indexed the object. Here both are paused
while the loaders run; the search index is then rebuilt by ``update_index`` and the reference index
is written once for each object the loaders saved: the same indexes, for a quarter of the loaders'
time less.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update


@contextmanager
def indexes_updated_at_the_end(search: bool = True) -> Iterator[None]:
    """Pause the indexes' updates on save; on leaving, write the reference index of what was saved
    and (``search``) rebuild the search index with ``update_index``.

    ``search=False`` (``load_demo --skip-index``) leaves the search index as it was, for a
    ``manage.py update_index`` later. Deletions still update both indexes at once (their handlers
    are left alone).
    """
    from modelsearch import index
    from modelsearch.signal_handlers import post_save_signal_handler

    searched = [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    saved: dict[type, set] = {}

    def remember(sender, instance, raw: bool = False, **kwargs) -> None:
        if not raw and sender in ReferenceIndex.tracked_models:
            saved.setdefault(sender, set()).add(instance.pk)

    for model in searched:
        post_save.disconnect(post_save_signal_handler, sender=model)
    post_save.connect(remember, weak=False, dispatch_uid="demo_indexes_updated_at_the_end")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="demo_indexes_updated_at_the_end")
        for model in searched:
            post_save.connect(post_save_signal_handler, sender=model)
    with transaction.atomic():
        for obj in _owners(saved):
            ReferenceIndex.create_or_update_for_object(obj)
    if search:
        call_command("update_index", verbosity=0)


def _owners(saved: dict[type, set]) -> Iterator:
    """Each object whose references are indexed, once: a saved inline child (a profile's way in,
    linked by a ParentalKey) stands for its page, as in Wagtail's own ``update_reference_index_task``."""
    seen: set[tuple[type, object]] = set()
    for model, pks in saved.items():
        for instance in model.objects.filter(pk__in=pks).iterator():
            while parental_key := next((field for field in instance._meta.get_fields()
                                        if isinstance(field, ParentalKey)), None):
                instance = getattr(instance, parental_key.name)
                if instance is None:
                    break
            if instance is None or not ReferenceIndex.is_indexed(instance._meta.model):
                continue
            if (instance._meta.model, instance.pk) not in seen:
                seen.add((instance._meta.model, instance.pk))
                yield instance
