"""Each editor's real tasks in Wagtail's admin, in Chromium, under the production middleware stack.

The test settings keep production's middleware list (Content-Security-Policy included, see
website/csp.py); every test fails on a CSP violation, a console error, a JavaScript error or a
request to another origin (:func:`tests.browser.admin_tasks.watch`). The tasks themselves are
in admin_tasks.py: they click what an editor clicks, so a chooser or an « Ajouter… » button
stopped by the policy makes them fail.
"""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import admin_tasks as tasks

pytestmark = pytest.mark.browser

_numbers = itertools.count(1)
TENSION_FILE = Path(__file__).resolve().parents[2] / "observatory" / "data" / "tensions_hdf_2019.csv"


def unique(title: str) -> str:
    """A title no other test run used: on PostgreSQL the browser tests' pages persist for the session."""
    return f"{title} {next(_numbers)}"


@pytest.fixture(scope="module")
def parents(demo_server, django_db_blocker) -> dict[str, str]:
    """Ids of the pages under which editors create job profiles, kits and campaign pages."""
    from careers.models import JobProfileIndexPage
    from schools.models import ClassroomKitIndexPage
    from website.models import CampaignIndexPage

    with django_db_blocker.unblock():
        return {
            "jobs": str(JobProfileIndexPage.objects.get().pk),
            "kits": str(ClassroomKitIndexPage.objects.get().pk),
            "campaigns": str(CampaignIndexPage.objects.get().pk),
        }


@pytest.fixture
def editor(browser, demo_server):
    """A desktop tab whose problems (console errors, CSP violations, third parties) are watched."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.problems = tasks.watch(tab, demo_server.url)
    yield tab
    context.close()


def live_path(page_id: str) -> str:
    from wagtail.models import Page

    return Page.objects.get(pk=page_id).get_url()


def assert_no_problem(tab) -> None:
    assert tab.problems.problems() == [], "\n".join(tab.problems.problems())


def test_the_agency_writes_a_job_profile_with_an_image_and_two_ways_in_and_submits_it(editor, demo_server, parents):
    title = unique("Chaudronnier ou chaudronnière")
    tasks.sign_in(editor, demo_server.url, "agence")
    tasks.create_job_profile(editor, demo_server.url, parents["jobs"], title)
    row = editor.locator("tr, [role=row]").filter(has_text=title).first
    expect(row).to_contain_text("En cours de modération", ignore_case=True)
    assert_no_problem(editor)


def test_the_agency_writes_a_classroom_kit_with_two_documents_and_submits_it(editor, demo_server, parents):
    title = unique("Fabriquer un objet en série")
    tasks.sign_in(editor, demo_server.url, "agence")
    tasks.create_kit(editor, demo_server.url, parents["kits"], title)
    expect(editor.locator("tr, [role=row]").filter(has_text=title).first).to_contain_text(
        "En cours de modération", ignore_case=True)
    assert_no_problem(editor)


def test_the_agency_cannot_publish_a_page_only_submit_it(editor, demo_server, parents):
    tasks.sign_in(editor, demo_server.url, "agence")
    editor.goto(f"{demo_server.url}/admin/pages/add/website/campaignpage/{parents['campaigns']}/")
    expect(tasks.show_action(editor, "Soumettre à Validation Région")).to_be_visible()
    expect(editor.locator("footer button[name='action-publish']")).to_have_count(0)
    assert_no_problem(editor)


def test_a_campaign_page_with_a_video_goes_from_the_agency_through_changes_to_publication(
        editor, demo_server, parents):
    base = demo_server.url
    title = unique("Semaine de l'industrie")
    tasks.sign_in(editor, base, "agence")
    tasks.create_campaign_page(editor, base, parents["campaigns"], title)
    page_id = tasks.page_id_by_title(editor, base, title)

    tasks.sign_out(editor)
    tasks.sign_in(editor, base, "region")
    tasks.request_changes(editor, base, page_id, "Indiquez la durée de la vidéo, s'il vous plaît.")

    tasks.sign_out(editor)
    tasks.sign_in(editor, base, "agence")
    editor.goto(f"{base}/admin/pages/{page_id}/edit/")
    editor.get_by_role("button", name="Afficher/masquer le statut").click()  # the side panel tells the author
    status = editor.locator("[data-side-panel='status']")
    expect(status).to_contain_text("Modifications demandées")
    status.get_by_role("button", name="Voir les détails").click()  # the workflow's history, with comments
    expect(editor.get_by_text("Indiquez la durée de la vidéo").first).to_be_visible()
    editor.keyboard.press("Escape")
    editor.locator("[id^='body-'][id$='-value-duration']").first.fill("1 min 40")
    tasks.submit_for_moderation(editor)

    tasks.sign_out(editor)
    tasks.sign_in(editor, base, "region")
    tasks.approve_and_publish(editor, base, page_id)

    public = editor.context.request.get(base + live_path(page_id))
    assert public.status == 200, "the published campaign page is not on the public site"
    assert "1 min 40" in public.text()
    assert_no_problem(editor)


def test_a_testimonial_with_its_company_is_submitted_by_the_agency_and_published_by_the_region(editor, demo_server):
    base = demo_server.url
    first_name = unique("Inès")
    tasks.sign_in(editor, base, "agence")
    tasks.create_testimonial(editor, base, first_name=first_name)

    tasks.sign_out(editor)
    tasks.sign_in(editor, base, "region")
    tasks.edit_snippet(editor, base, "careers/testimonial", first_name)
    tasks.open_actions_and(editor, "Approuver et Publier")
    tasks.expect_saved(editor)
    soudeur = editor.context.request.get(f"{base}/metiers/soudeur-soudeuse/")
    assert first_name in soudeur.text(), "the published testimonial is not on its job profile"
    assert_no_problem(editor)


def run_import_worker(django_db_blocker) -> None:
    """What ``manage.py db_worker --backend imports`` does in production, once.

    It must use the connection the live server writes with, to see the queued job and to
    show its result: on PostgreSQL the server commits on its own connection, so the worker
    gets its own too (a thread, without the worker's signal handlers); on SQLite in memory the server shares the test's
    connection and its open transaction, so the worker runs right here.
    """
    from unittest import mock

    from django.core.management import call_command
    from django.db import connection, connections
    from django_tasks_db.management.commands.db_worker import Worker

    def work() -> None:
        # Only the main thread may install signal handlers (the worker's Ctrl+C handling).
        with mock.patch.object(Worker, "configure_signals", lambda worker: None):
            call_command("db_worker", "--batch", "--backend", "imports", verbosity=0)

    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            work()
            return
        worker = threading.Thread(target=lambda: (work(), connections.close_all()))
        worker.start()
        worker.join(timeout=300)
    assert not worker.is_alive(), "the import worker did not finish"


def test_the_statistician_imports_a_tension_file_in_the_background_and_publishes_it(
        editor, demo_server, django_db_blocker, settings):
    # The production queue (the test settings run tasks at once): the upload only queues the job.
    settings.TASKS = {**settings.TASKS, "imports": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    base = demo_server.url
    label = "Tensions sur le marché du travail (Dares)"
    tasks.sign_in(editor, base, "statisticien")
    job_url = tasks.start_import(editor, base, label, str(TENSION_FILE))
    expect(editor.locator("#job-state-title")).to_contain_text("en attente")

    run_import_worker(django_db_blocker)
    editor.goto(job_url)
    expect(editor.locator("#job-state-title")).to_contain_text("terminé")

    tasks.publish_dataset(editor, base, TENSION_FILE.name)
    assert_no_problem(editor)
