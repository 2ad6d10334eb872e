"""The moderation workflow: the agency submits, the region's communication team approves.

"Validation Région" is one Wagtail group-approval task assigned to the home page, so every
page of the site goes through it (Wagtail uses the nearest workflow up the tree), and to the
content type of every snippet that public pages show (the models the section apps declare with
the ``register_moderated_snippets`` hook, website/moderation.py). Members of "Communication
Région" and "Administrateurs" can also publish directly: they are the moderators. Scheduled
publishing uses each page's "go live" date and the ``publish_scheduled`` command (cron, every
few minutes).
"""

from __future__ import annotations

WORKFLOW_NAME = "Validation Région"
TASK_NAME = "Relecture et publication par la Communication Région"


def ensure_validation_workflow():
    """Create or update the workflow and assign it to the moderated snippets and the home page.

    Returns the workflow, or ``None`` before a home page exists (the snippets are assigned already).
    """
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowPage, WorkflowTask

    from website.moderation import moderated_snippet_models
    from website.roles import ADMINISTRATORS, REGION, resolve_page

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set(Group.objects.filter(name__in=[REGION, ADMINISTRATORS]))
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for model in moderated_snippet_models():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})
    home = resolve_page("home")
    if home is None or home.depth < 2:
        return None
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow
