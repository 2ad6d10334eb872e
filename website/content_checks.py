"""Checks run on a page before it is published, over every StreamField of every app.

The walker knows nothing about the apps: it looks at what the block values *are* —
an image, a model with a consent date, rich text with internal links — so pages of every
section are checked the same way without this module importing them.

* image without alternative text (unless the image block marks it decorative) → error;
* testimonial without consent date (any value with a ``consent_date`` attribute) → error;
* internal link to a deleted page or document → error; to an unpublished page → warning.

Apps add checks of their own values through the ``register_page_checks`` Wagtail hook
(:data:`PAGE_CHECKS_HOOK`): a function ``(value, location) -> iterable of Issue`` that is given
every object a page's foreign keys point to and every value of its StreamFields. The
observatory's, for instance: a figure referencing an unpublished or missing dataset → error
(observatory/content_checks.py).

Errors stop a direct "Publish" in the editor (``before_publish_page`` hook); everything is
listed in the "Vérifications" view, in a message after each save and on the dashboard.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage
from wagtail.rich_text import RichText

ERROR = "error"
WARNING = "warning"

#: Attribute names taken as "date the person agreed to be quoted/photographed".
CONSENT_FIELDS = ("consent_date", "consent_given_on", "consent_obtained_on")
#: Wagtail hook of the apps' checks: functions ``(value, location: str)`` returning :class:`Issue` objects.
PAGE_CHECKS_HOOK = "register_page_checks"

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
    """The issues of one value of a page: the base's checks, then those the apps register."""
    if isinstance(value, AbstractImage):
        found = [_image_issue(value, location)]
    else:
        found = [_consent_issue(value, location)]
        for check in hooks.get_hooks(PAGE_CHECKS_HOOK):
            found.extend(check(value, location))
    return [issue for issue in found if issue is not None]


def check_latest_revision(page) -> list[Issue]:
    """Checks on what would be published: the latest draft when there is one."""
    specific = page.specific
    latest = specific.get_latest_revision_as_object() if specific.has_unpublished_changes else specific
    return check_page(latest)
