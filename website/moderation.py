"""Snippets moderated like pages: drafts, the "Validation Région" workflow, reviewed deletions.

A snippet that changes what a public page shows (a company, a testimonial, a training provider,
a discipline…) uses Wagtail's ``WorkflowMixin``, ``DraftStateMixin``, ``LockableMixin`` and
``RevisionMixin``: the agency's edits are drafts (revisions) until the Communication Région
approves or publishes them. The database row holds the published version; drafts live in
revisions, so a public page that reads the row never shows a draft, provided it also leaves out
objects that were never published (``live=False``): query them through :class:`LiveQuerySet`.

Section apps declare such models themselves with the ``register_moderated_snippets`` hook (a
function returning model classes), so that this base app never names careers or schools models;
:func:`website.workflow.ensure_validation_workflow` assigns the workflow to each of them.
"""

from __future__ import annotations

from django.contrib.auth import get_permission_codename
from django.db import models
from wagtail import hooks
from wagtail.models import DraftStateMixin

MODERATED_SNIPPETS_HOOK = "register_moderated_snippets"


class LiveQuerySet(models.QuerySet):
    """Queries of a moderated snippet: ``.live()`` is what public pages and APIs may show."""

    def live(self) -> LiveQuerySet:
        return self.filter(live=True)


def moderated_snippet_models() -> list[type[models.Model]]:
    """Every model declared through the ``register_moderated_snippets`` hook, once each, in hook order."""
    found: list[type[models.Model]] = []
    for declare in hooks.get_hooks(MODERATED_SNIPPETS_HOOK):
        found.extend(model for model in declare() if model not in found)
    return found


def was_published(instance) -> bool:
    """Whether visitors have seen (or see) this object: live now, or published at least once.

    Rows that were live before the model became moderated have no publication date, but are live.
    """
    return bool(instance.live or instance.first_published_at or instance.live_revision_id)


def may_delete(user, instance) -> bool:
    """A published snippet is deleted only by someone who may publish it (the moderators).

    Deleting changes the public site as much as publishing does, so it goes through the same
    people; an object never published is the author's draft, which the author may drop.
    """
    if not isinstance(instance, DraftStateMixin) or not was_published(instance):
        return True
    meta = type(instance)._meta
    return user.has_perm(f"{meta.app_label}.{get_permission_codename('publish', meta)}")
