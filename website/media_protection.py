"""Images and documents visitors already see: who may replace their file or delete them.

Wagtail's ownership rule lets a user with the collection's "add" permission only (the agency)
edit and delete their own uploads. A file shown by published content is the Communication
Région's, though: replacing it changes what visitors download, deleting it breaks the page. So
the file of an image or document used by a live page or live snippet is replaced, and the item
deleted, only by users holding the collection's "change" permission — the one that lets Wagtail
edit and delete anyone's items (its ownership policy treats "delete" as "change"): the Région and
the administrators everywhere, the statisticians in their « Observatoire » collection. Others
get a message telling them whom to ask.

Usage comes from Wagtail's reference index, the one behind each item's "Usage" tab. Wagtail has
no hook before editing or deleting an image or document: the file check sits in the image and
document forms (``PublishedFileFormMixin``), the deletion check in front of Wagtail's delete
views (``guard_delete_view``) and in the ``before_bulk_action`` hook (website/wagtail_hooks.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import GroupCollectionPermission, ReferenceIndex

#: How many of the contents using a file the message names.
NAMED_USES = 3


def _permission(action: str, item) -> tuple[str, str]:
    """(app label, codename) of the collection permission for ``action`` on ``item``.

    Custom image and document models are governed by Wagtail's own permissions
    (``wagtailimages.change_image``…), whatever the model.
    """
    if isinstance(item, AbstractImage):
        return "wagtailimages", f"{action}_image"
    if isinstance(item, AbstractDocument):
        return "wagtaildocs", f"{action}_document"
    raise TypeError(f"not an image or a document: {item!r}")


def holds_collection_permission(user, action: str, item) -> bool:
    """Whether ``user`` holds ``action`` on ``item``'s collection or an ancestor (ownership does not count)."""
    if not (user.is_active and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    app_label, codename = _permission(action, item)
    return GroupCollectionPermission.objects.filter(
        group__user=user, permission__content_type__app_label=app_label, permission__codename=codename,
        collection__in=item.collection.get_ancestors(inclusive=True),
    ).exists()


def live_uses(item) -> list:
    """The published objects (pages, snippets…) that use ``item``, per the reference index.

    An object without a ``live`` field (a site setting…) is always shown, so it counts as live.
    """
    ids_by_type: dict[int, set[str]] = defaultdict(set)
    for content_type_id, object_id in (ReferenceIndex.get_references_to(item)
                                       .values_list("base_content_type_id", "object_id").distinct()):
        ids_by_type[content_type_id].add(object_id)
    uses = []
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:  # a model removed since the index was built
            continue
        rows = model._default_manager.filter(pk__in=ids)
        if any(field.name == "live" for field in model._meta.concrete_fields):
            rows = rows.filter(live=True)
        uses.extend(rows)
    return uses


def refusal(user, item, action: str) -> str | None:
    """Why ``user`` may not ``"change"`` (replace the file of) or ``"delete"`` ``item``; None when they may."""
    if holds_collection_permission(user, "change", item):
        return None
    uses = live_uses(item)
    if not uses:
        return None
    names = ", ".join(f"« {use} »" for use in uses[:NAMED_USES])
    if len(uses) > NAMED_USES:
        names += _(" et %(count)s autre(s)") % {"count": len(uses) - NAMED_USES}
    if action == "delete":
        text = _("« %(item)s » est utilisé par des contenus publiés (%(uses)s) : demandez à la Communication "
                 "Région de le supprimer.")
    else:
        text = _("« %(item)s » est utilisé par des contenus publiés (%(uses)s) : demandez à la Communication "
                 "Région de remplacer ce fichier.")
    return text % {"item": item, "uses": names}


class PublishedFileFormMixin:
    """Refuses a new file for an image or document used by published content (see :func:`refusal`).

    Wagtail's add and edit views pass the ``user`` keyword, which the collection form consumes.
    """

    def __init__(self, *args, **kwargs):
        self.acting_user = kwargs.get("user")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        if self.acting_user is not None and self.instance.pk and "file" in self.changed_data:
            # clean() runs before the form copies its values to the instance: it is still the stored one.
            reason = refusal(self.acting_user, self.instance, "change")
            if reason:
                self.add_error("file", reason)
        return cleaned_data


class SiteDocumentForm(PublishedFileFormMixin, BaseDocumentForm):
    """Base of every Wagtail document form (``WAGTAILDOCS_DOCUMENT_FORM_BASE``)."""


def guard_delete_view(view: Callable[..., HttpResponse], model, pk_kwarg: str, edit_url_name: str, policy):
    """Wagtail's delete view for ``model``, preceded by the published-content check.

    Someone without the right to delete the item at all is left to Wagtail's view, which refuses.
    """

    def guarded(request: HttpRequest, **kwargs) -> HttpResponse:
        item = get_object_or_404(model, pk=kwargs[pk_kwarg])
        if policy.user_has_permission_for_instance(request.user, "delete", item):
            reason = refusal(request.user, item, "delete")
            if reason:
                messages.error(request, reason)
                return redirect(edit_url_name, item.pk)
        return view(request, **kwargs)

    return guarded


def refuse_bulk_delete(request: HttpRequest, objects) -> HttpResponse | None:
    """``before_bulk_action`` for images and documents: the same check, item by item."""
    items = [obj for obj in objects if isinstance(obj, AbstractImage | AbstractDocument)]
    reasons = [reason for item in items if (reason := refusal(request.user, item, "delete"))]
    if not reasons:
        return None
    for reason in reasons:
        messages.error(request, reason)
    index = "wagtailimages:index" if isinstance(items[0], AbstractImage) else "wagtaildocs:index"
    return redirect(index)
