"""Checks run on a page before it is published, over every StreamField of every app.

The walker knows nothing about the apps: it looks at what the block values *are* —
an image, a model with a consent date, a model that is (or points to) a dataset, rich
text with internal links — so pages of careers, schools, observatory or campaigns are
checked the same way without this module importing them.

* image without alternative text (unless the image block marks it decorative) → error;
* testimonial without consent date (any value with a ``consent_date`` attribute) → error;
* figure referencing an unpublished or missing dataset → error;
* internal link to a deleted page or document → error; to an unpublished page → warning.

Errors stop a direct "Publish" in the editor (``before_publish_page`` hook); everything is
listed in the "Vérifications" view, in a message after each save and on the dashboard.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage
from wagtail.rich_text import RichText

ERROR = "error"
WARNING = "warning"

#: Attribute names taken as "date the person agreed to be quoted/photographed".
CONSENT_FIELDS = ("consent_date", "consent_given_on", "consent_obtained_on")
#: Model label (``app_label.modelname``) of the observatory's datasets.
DEFAULT_DATASET_MODEL = "observatory.dataset"
PUBLISHED_STATUSES = {"published", "publie", "publié", "live", "validated", "valide", "validé"}

_ANCHOR = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"', re.IGNORECASE)


@dataclass(frozen=True)
class Issue:
    level: str
    code: str
    location: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.level == ERROR


def dataset_model_label() -> str:
    return getattr(settings, "EDITORIAL_DATASET_MODEL", DEFAULT_DATASET_MODEL).lower()


def is_dataset(value) -> bool:
    return isinstance(value, models.Model) and value._meta.label_lower == dataset_model_label()


def is_dataset_published(dataset) -> bool:
    """Whether a dataset may be shown to the public, whatever the observatory calls it.

    Looks for ``is_published``, then ``status``, then ``published_at``/``published_on``; a
    dataset model with none of them is taken as published (no false alarm).
    """
    if hasattr(dataset, "is_published"):
        flag = dataset.is_published
        return bool(flag() if callable(flag) else flag)
    if hasattr(dataset, "status"):
        return str(dataset.status).strip().lower() in PUBLISHED_STATUSES
    for name in ("published_at", "published_on"):
        if hasattr(dataset, name):
            return getattr(dataset, name) is not None
    return True


def _label(block, fallback: str) -> str:
    label = getattr(getattr(block, "meta", None), "label", None) or getattr(block, "name", "") or fallback
    return str(label)


def iter_block_values(block, value, path: str) -> Iterator[tuple[object, object, str]]:
    """Every (block, value, location) inside a StreamField value, depth first."""
    yield block, value, path
    if isinstance(value, StreamValue):
        for index, child in enumerate(value, start=1):
            yield from iter_block_values(child.block, child.value, f"{path} › {_label(child.block, child.block_type)} {index}")
    elif isinstance(value, StructValue):
        for name, child_block in value.block.child_blocks.items():
            yield from iter_block_values(child_block, value.get(name), f"{path} › {_label(child_block, name)}")
    elif isinstance(value, ListValue):
        for index, bound in enumerate(value.bound_blocks, start=1):
            yield from iter_block_values(bound.block, bound.value, f"{path} {index}")


def _image_issue(image: AbstractImage, location: str) -> Issue | None:
    if getattr(image, "decorative", False):
        return None
    alt = getattr(image, "contextual_alt_text", None) or getattr(image, "description", "") or ""
    if alt.strip():
        return None
    return Issue(ERROR, "alt_text", location,
                 _("L’image « %(title)s » n’a pas de texte alternatif (ajoutez-le dans la médiathèque ou dans le bloc).")
                 % {"title": image.title})


def _consent_issue(value, location: str) -> Issue | None:
    for name in CONSENT_FIELDS:
        if isinstance(value, StructValue):
            if name in value and not value.get(name):
                return Issue(ERROR, "consent", location, _("Témoignage sans date de consentement."))
        elif isinstance(value, models.Model) and hasattr(value, name) and not getattr(value, name):
            return Issue(ERROR, "consent", location,
                         _("Le témoignage « %(name)s » n’a pas de date de consentement : il ne peut pas être publié.")
                         % {"name": str(value)})
    return None


def _dataset_issue(value, location: str) -> Issue | None:
    dataset = None
    if is_dataset(value):
        dataset = value
    elif isinstance(value, models.Model):
        if _has_dataset_field(value):
            dataset = getattr(value, "dataset", None)
        elif _resolves_to_a_figure(value):
            # A figure chosen by reference (e.g. the observatory's KeyIndicator): ``current()``
            # returns the value from the latest *published* dataset, or None when there is none.
            figure = value.current()
            dataset = getattr(figure, "dataset", None) if figure is not None else None
        else:
            return None
        if dataset is None:
            return Issue(ERROR, "dataset", location,
                         _("Le chiffre « %(name)s » ne renvoie à aucun jeu de données publié.") % {"name": str(value)})
    if dataset is None or is_dataset_published(dataset):
        return None
    return Issue(ERROR, "dataset", location,
                 _("Le jeu de données « %(name)s » n’est pas publié : le chiffre ne peut pas être montré.")
                 % {"name": str(dataset)})


def _has_dataset_field(value: models.Model) -> bool:
    try:
        return value._meta.get_field("dataset").is_relation
    except FieldDoesNotExist:
        return False


def _resolves_to_a_figure(value: models.Model) -> bool:
    """A model of the datasets' app offering ``current()`` (the figure it stands for)."""
    app_label = dataset_model_label().partition(".")[0]
    return value._meta.app_label == app_label and callable(getattr(value, "current", None))


def _rich_text_links(source: str) -> Iterator[tuple[str, int]]:
    for anchor in _ANCHOR.findall(source or ""):
        attributes = {name.lower(): val for name, val in _ATTRIBUTE.findall(anchor)}
        linktype, raw_id = attributes.get("linktype"), attributes.get("id", "")
        if linktype in ("page", "document") and raw_id.isascii() and raw_id.isdigit():
            yield linktype, int(raw_id)


def check_page(page) -> list[Issue]:
    """Every issue found on ``page`` (a specific page object, e.g. the latest revision)."""
    from wagtail.documents import get_document_model
    from wagtail.models import Page

    issues: list[Issue] = []
    linked_pages: dict[int, str] = {}
    linked_documents: dict[int, str] = {}

    for field in page._meta.concrete_fields:
        label = str(getattr(field, "verbose_name", field.name))
        if isinstance(field, models.ForeignKey) and not field.name.endswith("_ptr"):
            if field.related_model is Page or field.name in ("owner", "locked_by", "live_revision", "latest_revision",
                                                             "locale", "content_type", "alias_of"):
                continue
            target = getattr(page, field.name, None)
            if target is None:
                continue
            issues.extend(value_issues(target, label))
        elif isinstance(field, StreamField):
            stream = getattr(page, field.attname)
            for block, value, location in iter_block_values(None, stream, label[:1].upper() + label[1:]):
                if block is None:
                    continue
                issues.extend(value_issues(value, location))
                if isinstance(value, RichText):
                    for linktype, pk in _rich_text_links(value.source):
                        (linked_pages if linktype == "page" else linked_documents).setdefault(pk, location)
                elif isinstance(value, Page) and not value.live:
                    issues.append(Issue(WARNING, "unpublished_link", location,
                                        _("Lien vers la page « %(title)s », qui n’est pas publiée.")
                                        % {"title": value.title}))
        elif isinstance(field, models.TextField) and label and getattr(page, field.attname, None):
            # RichTextField (a TextField): same link checks as rich text blocks.
            value = getattr(page, field.attname)
            if "linktype=" in str(value):
                for linktype, pk in _rich_text_links(str(value)):
                    (linked_pages if linktype == "page" else linked_documents).setdefault(pk, label)

    if linked_pages:
        found = dict(Page.objects.filter(pk__in=linked_pages).values_list("pk", "live"))
        titles = dict(Page.objects.filter(pk__in=linked_pages).values_list("pk", "title"))
        for pk, location in linked_pages.items():
            if pk not in found:
                issues.append(Issue(ERROR, "broken_link", location, _("Lien vers une page supprimée (n° %(id)s).")
                                    % {"id": pk}))
            elif not found[pk]:
                issues.append(Issue(WARNING, "unpublished_link", location,
                                    _("Lien vers la page « %(title)s », qui n’est pas publiée.") % {"title": titles[pk]}))
    if linked_documents:
        existing = set(get_document_model().objects.filter(pk__in=linked_documents).values_list("pk", flat=True))
        for pk, location in linked_documents.items():
            if pk not in existing:
                issues.append(Issue(ERROR, "broken_link", location, _("Lien vers un document supprimé (n° %(id)s).")
                                    % {"id": pk}))
    return issues


def value_issues(value, location: str) -> list[Issue]:
    found = []
    if isinstance(value, AbstractImage):
        found.append(_image_issue(value, location))
    else:
        found.append(_consent_issue(value, location))
        found.append(_dataset_issue(value, location))
    return [issue for issue in found if issue is not None]


def check_latest_revision(page) -> list[Issue]:
    """Checks on what would be published: the latest draft when there is one."""
    specific = page.specific
    latest = specific.get_latest_revision_as_object() if specific.has_unpublished_changes else specific
    return check_page(latest)
