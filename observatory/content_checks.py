"""The observatory's check before a page is published: a figure it shows comes from a published dataset.

Registered through the base's ``register_page_checks`` hook (observatory/wagtail_hooks.py): the base
(website/content_checks.py) walks every field and StreamField block of a page and hands each value
to the registered checks, so a page of any section that shows an observatory figure is checked.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from observatory.models import Dataset, KeyIndicator
from website.content_checks import ERROR, Issue


def dataset_issues(value, location: str) -> list[Issue]:
    """An error when ``value`` is, or stands for, a figure without published data.

    ``value`` may be a dataset, a row of figures (a model with a ``dataset`` key) or a key figure
    chosen by reference (:class:`KeyIndicator`), whose ``current()`` reads the latest *published*
    dataset and gives None when there is none. Any other value is not the observatory's: no issue.
    """
    if isinstance(value, Dataset):
        dataset = value
    elif isinstance(value, KeyIndicator):
        figure = value.current()
        dataset = getattr(figure, "dataset", None) if figure is not None else None
    elif isinstance(value, models.Model) and _has_dataset_key(value):
        dataset = value.dataset
    else:
        return []
    if dataset is None:
        return [Issue(ERROR, "dataset", location,
                      _("Le chiffre « %(name)s » ne renvoie à aucun jeu de données publié.") % {"name": str(value)})]
    if dataset.is_published:
        return []
    return [Issue(ERROR, "dataset", location,
                  _("Le jeu de données « %(name)s » n’est pas publié : le chiffre ne peut pas être montré.")
                  % {"name": str(dataset)})]


def _has_dataset_key(value: models.Model) -> bool:
    try:
        return value._meta.get_field("dataset").related_model is Dataset
    except FieldDoesNotExist:
        return False
