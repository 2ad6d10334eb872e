"""Admin hooks of the site-wide app: content checks, dashboard panels, and the moderators' say over
published snippets and media (website/moderation.py, website/media_protection.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.documents import get_document_model
from wagtail.documents.permissions import permission_policy as document_policy
from wagtail.documents.views.documents import DeleteView as DocumentDeleteView
from wagtail.images import get_image_model
from wagtail.images.views.images import DeleteView as ImageDeleteView
from wagtail.models import Page

from website import admin_views
from website.content_checks import check_page
from website.dashboard import editorial_panels
from website.media_protection import guard_delete_view, refuse_bulk_delete
from website.moderation import may_delete
from website.roles import editorial_content_grants


@hooks.register("register_role_grants")
def website_content_for_editors():
    """The base's own models are editorial content too, like each section app's (website.roles)."""
    return editorial_content_grants("website")


@hooks.register("before_serve_document")
def guard_documents_of_restricted_pages(document, request):
    """A document published only on protected pages is not public at /documents/ (website.document_access)."""
    from website.document_access import refuse_document_of_restricted_pages

    return refuse_document_of_restricted_pages(document, request)


@hooks.register("register_admin_urls")
def register_editorial_urls():
    return [
        path("verifications/<int:page_id>/", admin_views.page_checks, name="website_page_checks"),
    ]


@hooks.register("register_admin_urls", order=-1)
def guard_media_deletion_urls():
    """Wagtail's image and document delete addresses, answered first by the published-content check.

    ``order=-1`` puts these patterns before the ones Wagtail registers at the same addresses.
    """
    from wagtail.images.permissions import permission_policy as image_policy

    return [
        path("documents/delete/<int:document_id>/",
             guard_delete_view(DocumentDeleteView.as_view(), get_document_model(), "document_id",
                               "wagtaildocs:edit", document_policy)),
        path("images/<int:image_id>/delete/",
             guard_delete_view(ImageDeleteView.as_view(), get_image_model(), "image_id",
                               "wagtailimages:edit", image_policy)),
    ]


@hooks.register("before_bulk_action")
def refuse_bulk_deletion_of_published_media(request, action_type, objects, action_class_instance):
    if action_type == "delete":
        return refuse_bulk_delete(request, objects)
    return None


@hooks.register("before_delete_snippet")
def refuse_deleting_published_snippets(request, instances):
    """A published snippet is deleted by the moderators only; the agency asks them (website.moderation)."""
    refused = [instance for instance in instances if not may_delete(request.user, instance)]
    if not refused:
        return None
    for instance in refused:
        messages.error(request, _("« %(object)s » est publié : seule la Communication Région peut le supprimer. "
                                  "Demandez-lui de le faire.") % {"object": instance})
    viewset = type(refused[0]).snippet_viewset
    if len(instances) == 1:
        return redirect(viewset.get_url_name("edit"), quote(refused[0].pk))
    return redirect(viewset.get_url_name("list"))


def _editorial_buttons(page, user):
    # The checks read the draft: editors only. (« Affiche et QR code » comes next, from the audience app.)
    if page.depth > 1 and page.permissions_for_user(user).can_edit():
        yield Button(_("Vérifications"), reverse("website_page_checks", args=[page.pk]), icon_name="tasks",
                     priority=80)


@hooks.register("register_page_header_buttons")
def page_header_editorial_buttons(page, user, view_name, next_url=None):
    yield from _editorial_buttons(page, user)


# In the listing they go into each row's « … » menu, next to Wagtail's own actions: as top-level
# listing buttons, plain Buttons rendered as full-size icons across the row.
@hooks.register("register_page_listing_more_buttons")
def page_listing_editorial_buttons(page, user, next_url=None):
    yield from _editorial_buttons(page, user)


def _report_issues(request, page) -> None:
    for issue in check_page(page):
        level = messages.error if issue.is_error else messages.warning
        level(request, f"{_('Vérification')} — {issue.location} : {issue.message}")


@hooks.register("after_edit_page")
def warn_after_edit(request, page):
    if "action-publish" not in request.POST:
        _report_issues(request, page.get_latest_revision_as_object())


@hooks.register("after_create_page")
def warn_after_create(request, page):
    if "action-publish" not in request.POST:
        _report_issues(request, page.get_latest_revision_as_object())


@hooks.register("before_publish_page")
def refuse_publishing_with_errors(request, page):
    """Stop a direct publication when a check fails; the draft is already saved."""
    issues = check_page(page)
    errors = [issue for issue in issues if issue.is_error]
    if not errors:
        return None
    if page.live and page.live_revision_id is None:
        # The create view adds a new page already marked live before this hook runs: undo it.
        Page.objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
    messages.error(request, _("Publication refusée : corrigez d’abord les points signalés ci-dessous (le brouillon est enregistré)."))
    for issue in errors:
        messages.error(request, f"{issue.location} : {issue.message}")
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    panels.extend(editorial_panels(request))


@hooks.register("before_edit_page")
def refuse_a_workflow_action_on_a_settled_task(request, page):
    """A moderation action posted once the page's task is over is refused with a message, not a 500.

    Wagtail 7.4 reads the current task's actions without checking there still is one: an action
    posted twice, or the autosave's request sent with the action's fields while the approval it
    follows publishes the page, ended in an AttributeError (seen in the browser tests on a slow
    machine). The autosave's fetch gets Wagtail's own JSON refusal; a form gets the edit page back.

    The autosave never performs a moderation action, even while the task is still on: it carries
    the action's fields only because the action button filled them in the form it copies, and the
    editor's own post of that action is under way at the same moment. Checking the task would
    not do (both requests can pass the check before either ends, as the browser tests showed).
    """
    if request.method != "POST" or "action-workflow-action" not in request.POST:
        return None
    is_autosave = not request.accepts("text/html")  # Wagtail's own test (expects_json_response)
    if page.current_workflow_task is not None and not is_autosave:
        return None
    if not is_autosave:
        messages.warning(request, _("Cette étape de validation est déjà terminée : rien n'a été modifié."))
    return redirect("wagtailadmin_pages:edit", page.id)
