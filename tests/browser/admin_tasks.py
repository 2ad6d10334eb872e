"""An editor's real tasks in Wagtail's admin, driven in Chromium (used by test_admin_editors.py).

Each function does what a person does: it clicks the buttons and choosers they click, so a
widget that the Content-Security-Policy stops (an image chooser that does not open, an
« Ajouter… » button that does nothing) makes the task fail. :func:`watch` records every
console error, CSP violation and third-party request of the page, for the test to assert on.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

PASSWORD = "changeme"  # the demo accounts' documented password (load_demo)


class Watch:
    """What went wrong in a page, for the test to assert on: see :func:`watch`."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []  # (message, address of the resource it is about)
        self.autosave_refusals: set[str] = set()

    def problems(self) -> list[str]:
        # Wagtail 7.4 autosaves the form while the editor types; while a required field is still
        # empty the server answers 400 with its validation errors, by design, and Chromium logs
        # that answer as a failed resource. That one message is expected; every other is not.
        return [message for message, url in self.errors
                if not (url in self.autosave_refusals and "status of 400" in message)]

    def __repr__(self) -> str:
        return repr(self.problems())


def watch(page: Page, base_url: str) -> Watch:
    """Record console errors (CSP violations are reported there), page errors and third-party requests."""
    found = Watch()
    origin = urlsplit(base_url).netloc

    def on_console(message) -> None:
        # Wagtail pings /admin/editing-sessions/ every few seconds; a ping still in flight when the
        # editor leaves the page (a form posted) is aborted by the browser, which Wagtail logs as an
        # error. That is the navigation, not a fault of the page.
        if message.type == "error" and not (
                "/admin/editing-sessions/" in message.text and "Failed to fetch" in message.text):
            found.errors.append((f"console: {message.text}", message.location.get("url", "")))

    def on_request(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.netloc != origin:
            found.errors.append((f"third-party request: {request.url}", request.url))

    def on_response(response) -> None:
        # The autosave is a fetch() asking for JSON; the form's own submission asks for HTML.
        request = response.request
        if response.status == 400 and request.method == "POST" \
                and request.headers.get("accept") == "application/json" \
                and "application/json" in response.headers.get("content-type", ""):
            found.autosave_refusals.add(response.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: found.errors.append((f"page error: {error}", "")))
    page.on("request", on_request)
    page.on("response", on_response)
    # A violation is also an event of the document: record it even if the console message changes.
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return found


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="S'identifier").click()
    page.wait_for_load_state()
    assert "/admin/login/" not in page.url, f"{username} could not sign in"


def sign_out(page: Page) -> None:
    page.context.clear_cookies()


def field(page: Page, name: str):
    """The admin form field whose content path is ``name`` (Wagtail marks each with data-contentpath)."""
    return page.locator(f"[data-contentpath='{name}']").first


def open_tab(page: Page, slug: str) -> None:
    """Show a tab of the edit form (``le_metier``, ``y_acceder``, ``classement``…: Wagtail's tab ids)."""
    page.locator(f"#tab-label-{slug}").click()
    expect(page.locator(f"#tab-{slug}")).to_be_visible()


def type_rich_text(page: Page, name: str, text: str) -> None:
    """Type into a Draftail rich text field (a content-editable box started by Wagtail's JavaScript)."""
    type_into_editor(page, field(page, name).locator("[contenteditable='true']").first, text)


def type_into_editor(page: Page, editor, text: str) -> None:
    # Centred first: at the bottom of the window the sticky footer would take the click.
    editor.evaluate("e => e.scrollIntoView({block: 'center'})")
    editor.click()
    page.keyboard.type(text)
    expect(editor).to_contain_text(text[:20])
    # Draftail copies its content to the form's hidden input a moment later (its save interval).
    page.wait_for_function(
        "text => [...document.querySelectorAll('input[type=hidden]')].some(i => i.value.includes(text))",
        arg=text[:20])


def choose_in_modal(page: Page, scope, choice: str | None = None) -> None:
    """Open the chooser in ``scope`` (« Choisir une image »…), pick ``choice`` (or the first item), wait for it to close."""
    scope.locator("button[data-chooser-action-choose]").first.click()
    modal = page.locator(".modal.fade.show, .modal[aria-hidden='false']").last
    expect(modal).to_be_visible()
    choices = modal.locator("[data-chooser-modal-choice]")
    expect(choices.first).to_be_visible()
    (choices.filter(has_text=choice).first if choice else choices.first).click()
    # Bootstrap's fade-out: the modal keeps the focus until it is gone (display: none).
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.modal')].some(m => getComputedStyle(m).display !== 'none')")


def show_action(page: Page, action_name: str | re.Pattern):
    """Open the footer's « Plus d'actions » menu until ``action_name`` shows; return that button.

    The menu is a Stimulus dropdown: a click that lands before Wagtail's scripts have connected it
    opens nothing, so the toggle is clicked again until the action shows (a person would too).
    """
    footer = page.locator("footer .w-dropdown-button").first
    action = footer.get_by_role("button", name=action_name)
    for _attempt in range(4):
        if not action.is_visible():
            footer.get_by_role("button", name="Plus d'actions").click()
        try:
            expect(action).to_be_visible(timeout=5000)
            break
        except AssertionError:
            continue
    return action


AUTOSAVE_INTERVAL_MS = 500  # Wagtail's default WAGTAIL_AUTOSAVE_INTERVAL: the wait after the last keystroke


AUTOSAVE_SETTLED = """() => {
    const form = document.querySelector("form[data-controller~='w-autosave']");
    const indicator = document.querySelector("#w-autosave-indicator");
    return (!form || form.getAttribute("data-w-unsaved-has-edits-value") !== "true")
        && (!indicator || indicator.dataset.wAutosaveStateValue !== "saving");
}"""


def wait_for_autosave(page: Page) -> None:
    """Let Wagtail 7.4's autosave finish before the form is posted.

    The autosave posts the form half a second after a change is seen; on a new page, its first
    success creates the page and swaps the form for the edit view's (« hydration »). A submit
    clicked while an autosave is under way races it: two creations of one slug, or an approval
    and an autosave of the same page at once. A person sees « Enregistrement… » and waits too.

    The field being typed in is left first (its ``change`` event starts an autosave of its own).
    Settled means: no edit left unsaved (Wagtail's ``w-unsaved`` controller), no save under way,
    and still so a second later (the controller looks for changes at intervals, and the autosave
    waits half a second before it posts).
    """
    if not page.locator("#w-autosave-indicator").count():
        return
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for _attempt in range(30):
        page.wait_for_function(AUTOSAVE_SETTLED)
        page.wait_for_timeout(AUTOSAVE_INTERVAL_MS * 2)
        if page.evaluate(AUTOSAVE_SETTLED):
            return


def open_actions_and(page: Page, action_name: str | re.Pattern) -> None:
    """Click an action of the footer's « Plus d'actions » menu (submit, publish…)."""
    wait_for_autosave(page)
    action = show_action(page, action_name)
    with page.expect_navigation():  # the form is posted; the autosave's error marks belong to the old page
        action.click()


def expect_saved(page: Page) -> None:
    """The admin's success message is shown; otherwise fail with the form's error messages."""
    outcome = page.locator(".messages .success, .messages .error, .error-message, .w-field__errors")
    expect(outcome.first).to_be_attached()  # retried until the answer's page has loaded
    page.wait_for_load_state()
    errors = page.locator(".error-message, .w-field__errors").evaluate_all(
        "nodes => nodes.filter(n => n.textContent.trim()).map(n => "
        "(n.closest('[data-contentpath]') || {dataset: {}}).dataset.contentpath + ': ' + n.textContent.trim())")
    assert not errors, f"the form was refused: {errors}"
    expect(page.locator(".messages .success").first).to_be_visible()


def submit_for_moderation(page: Page) -> None:
    """« Soumettre à Validation Région », or « Resoumettre à … » after the Region asked for changes."""
    open_actions_and(page, re.compile("^(Soumettre à Validation Région|Resoumettre à )"))
    expect_saved(page)


def create_job_profile(page: Page, base_url: str, parent_id: str, title: str = "Chaudronnier ou chaudronnière") -> None:
    """As the agency: a job profile with a hero image and two ways in, submitted to the Region."""
    page.goto(f"{base_url}/admin/pages/add/careers/jobprofilepage/{parent_id}/")
    page.fill("#id_title", title)
    page.fill("#id_title_masculine", "Chaudronnier")
    page.fill("#id_title_feminine", "Chaudronnière")
    page.fill("#id_introduction", "Il ou elle met en forme des tôles pour fabriquer cuves, coques et charpentes.")
    choose_in_modal(page, field(page, "hero_image"))
    expect(field(page, "hero_image").locator("img")).to_be_visible()
    page.fill("#id_easy_read_summary", "Je plie et je soude du métal pour faire de grandes pièces.")
    type_rich_text(page, "missions", "Lire un plan, tracer, découper, rouler et assembler des tôles.")
    type_rich_text(page, "skills", "Précision, vision dans l'espace, goût du travail manuel.")
    type_rich_text(page, "working_conditions", "En atelier, avec des équipements de protection.")
    open_tab(page, "y_acceder")
    ways_in = page.locator("#id_ways_in-FORMS > [data-inline-panel-child]:visible")
    add_way_in = page.get_by_role("button", name=re.compile("Ajouter un\\(e\\) voie d'accès"))
    add_way_in.click()  # a new profile starts with no way in (a short profile has none)
    expect(page.locator("#id_ways_in-0-title")).to_be_visible()
    page.select_option("#id_ways_in-0-level", index=2)
    page.fill("#id_ways_in-0-title", "CAP Réalisations industrielles en chaudronnerie")
    page.fill("#id_ways_in-0-duration", "2 ans")
    add_way_in.click()
    expect(page.locator("#id_ways_in-1-title")).to_be_visible()
    page.select_option("#id_ways_in-1-level", index=3)
    page.fill("#id_ways_in-1-title", "Bac pro Technicien en chaudronnerie industrielle")
    apprenticeship = page.locator("#id_ways_in-1-apprenticeship")
    # Centred first: at the bottom of the window the sticky footer would take the click.
    apprenticeship.evaluate("e => e.scrollIntoView({block: 'center'})")
    apprenticeship.check()
    assert ways_in.count() >= 2
    open_tab(page, "classement")
    page.fill("#id_rome_codes", "H2902")
    submit_for_moderation(page)


def create_testimonial(page: Page, base_url: str, company: str = "", profile: str = "Soudeur ou soudeuse",
                       first_name: str = "Inès") -> None:
    """As the agency: a testimonial with its company (snippet chooser) and portrait, submitted to the Region."""
    page.goto(f"{base_url}/admin/snippets/careers/testimonial/add/")
    page.fill("#id_first_name", first_name)
    page.fill("#id_age", "24")
    page.fill("#id_role", "Soudeuse TIG")
    choose_in_modal(page, field(page, "company"), company or None)
    expect(field(page, "company").locator(".chooser__title")).not_to_be_empty()
    page.fill("#id_quote", "Je soude des pièces qui partiront dans des trains : chaque cordon compte.")
    choose_in_modal(page, field(page, "portrait"))
    page.select_option("#id_job_profiles", label=profile)
    page.check("#id_audiences_0")
    page.fill("#id_consent_date", "01/12/2026")
    page.locator("#id_role").click()  # closes the date picker, which would cover the footer
    submit_for_moderation(page)


def add_stream_block(page: Page, name: str, block_label: str | None = None) -> None:
    """Add a block at the end of a StreamField (picking ``block_label`` in the menu when there are several)."""
    field(page, name).locator("button.c-sf-add-button").last.click()
    if block_label:
        page.get_by_role("option", name=block_label).first.click()


def create_kit(page: Page, base_url: str, parent_id: str, title: str = "Fabriquer un objet en série") -> None:
    """As the agency: a classroom kit with an objective, a step and two documents, submitted to the Region."""
    page.goto(f"{base_url}/admin/pages/add/schools/classroomkitpage/{parent_id}/")
    page.fill("#id_title", title)
    page.fill("#id_introduction", "Une séance pour comprendre la production en série, de la maquette à la chaîne.")
    page.check("#id_levels_0")
    add_stream_block(page, "objectives")
    page.fill("#objectives-0-value-text", "Découvrir les métiers de la production.")
    add_stream_block(page, "steps")
    page.fill("#steps-0-value-title", "Jeu de la chaîne de montage")
    page.fill("#steps-0-value-minutes", "30")
    type_rich_text(page, "steps", "Par groupes de quatre, montez dix objets chacun seul, puis à la chaîne.")
    add_document = page.get_by_role("button", name=re.compile("Ajouter un\\(e\\) Document"))
    for index in range(2):
        add_document.click()
        row = page.locator(f"#inline_child_documents-{index}")
        expect(row).to_be_visible()
        choose_in_modal(page, row)
        page.select_option(f"#id_documents-{index}-kind", index=index)
    expect(page.locator("#id_documents-FORMS > [data-inline-panel-child]:visible")).to_have_count(2)
    submit_for_moderation(page)


def create_campaign_page(page: Page, base_url: str, parent_id: str, title: str = "Semaine de l'industrie 2027") -> None:
    """As the agency: a campaign page with a video (its preview image chosen) and its transcript, submitted."""
    page.goto(f"{base_url}/admin/pages/add/website/campaignpage/{parent_id}/")
    page.fill("#id_title", title)
    page.fill("#id_introduction", "Une semaine pour pousser la porte des usines de la région.")
    add_stream_block(page, "body", "Vidéo")
    video = field(page, "body")  # its only block
    poster = video.locator("[data-contentpath='poster']").first
    page.locator("[id$='-value-title'][id^='body-']").first.fill("Une journée à l'atelier")
    page.locator("[id$='-value-url'][id^='body-']").first.fill("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    choose_in_modal(page, poster)
    expect(poster.locator("img").first).to_be_visible()
    type_into_editor(page, video.locator("[data-contentpath='transcript'] [contenteditable='true']").first,
                     "Une soudeuse présente son poste, puis la caméra suit une pièce jusqu'au contrôle qualité.")
    submit_for_moderation(page)


def page_id_by_title(page: Page, base_url: str, title: str) -> str:
    """The id of the page called ``title``, found with the admin's search like an editor would."""
    page.goto(f"{base_url}/admin/pages/search/?q={title}")
    link = page.get_by_role("link", name=title, exact=True).first
    match = re.search(r"/admin/pages/(\d+)/edit/", link.get_attribute("href") or "")
    assert match, f"no page « {title} » in the admin's search"
    return match.group(1)


def request_changes(page: Page, base_url: str, page_id: str, comment: str) -> None:
    """As the Region: send a page in moderation back to its author, with a comment."""
    page.goto(f"{base_url}/admin/pages/{page_id}/edit/")
    show_action(page, "Demander des modifications").click()
    dialog = page.locator(".modal").filter(has=page.locator("textarea")).last
    expect(dialog).to_be_visible()
    dialog.locator("textarea").fill(comment)
    with page.expect_navigation():
        dialog.get_by_role("button", name=re.compile("Demander des modifications|Continuer")).last.click()
    expect_saved(page)


def approve_and_publish(page: Page, base_url: str, page_id: str) -> None:
    """As the Region: approve the page in moderation, which publishes it."""
    page.goto(f"{base_url}/admin/pages/{page_id}/edit/")
    open_actions_and(page, "Approuver et Publier")
    expect_saved(page)


def start_import(page: Page, base_url: str, kind_label: str, path: str) -> str:
    """As a statistician: upload a file to import as a draft; returns the address of the import's job page."""
    page.goto(f"{base_url}/admin/observatoire/importer/")
    page.select_option("#id_kind", label=kind_label)
    page.set_input_files("#id_file", path)
    page.uncheck("#id_dry_run")  # a simulation by default: this one is kept, as a draft
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer et importer").click()
    expect(page.locator("#job-state-title")).to_contain_text("État")
    return page.url


def publish_dataset(page: Page, base_url: str, file_name: str) -> None:
    """As a statistician: publish the newest draft imported from ``file_name``, from the datasets screen."""
    page.goto(f"{base_url}/admin/observatoire/jeux-de-donnees/")
    publish = page.get_by_role("button", name="Publier", exact=True)
    table = page.get_by_role("table", name="Versions des jeux de données")
    row = table.locator("tbody tr").filter(has_text=file_name).filter(has=publish).first
    with page.expect_navigation():
        row.get_by_role("button", name="Publier", exact=True).click()
    expect(page.locator(".messages .success").first).to_be_visible()


def edit_snippet(page: Page, base_url: str, app_model: str, text: str) -> None:
    """Open the edit form of the snippet listed with ``text`` (the listing's search finds it)."""
    page.goto(f"{base_url}/admin/snippets/{app_model}/?q={text}")
    with page.expect_navigation():
        page.locator("table a[href*='/edit/']").filter(has_text=text).first.click()
