"""Browser tests of the schools pages: the quiz with and without JavaScript, kit filters, axe."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import axe_violations, format_violations

pytestmark = pytest.mark.browser

SCHOOL_PAGES = ["/collegiens-lyceens/", "/enseignants/", "/enseignants/kits/", "/enseignants/kits/qui-fabrique-mon-velo/",
                "/evenements/", "/evenements/forum-metiers-industrie-arras/", "/quiz/", "/quiz/resultat/952013/"]


@pytest.mark.parametrize("path", SCHOOL_PAGES)
def test_schools_pages_have_no_axe_violations(page, demo_server, path):
    response = page.goto(demo_server.url + path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_quiz_without_javascript_is_one_form_that_gives_a_result_and_a_code(no_js_page, demo_server):
    no_js_page.goto(demo_server.url + "/quiz/")
    questions = no_js_page.locator("[data-quiz-question]")
    total = questions.count()
    assert total >= 12
    assert all(questions.nth(i).is_visible() for i in range(total))  # every statement on one page
    for i in range(total):
        # "Carrément !" for the first three (Réaliste), "Pas du tout" for the others.
        questions.nth(i).locator("input[type=radio]").nth(3 if i < 3 else 0).check()
    no_js_page.get_by_role("button", name="Voir mon résultat").click()
    assert re.search(r"/quiz/resultat/\d{6}/$", no_js_page.url)
    assert no_js_page.locator("h1").inner_text() == "Ton résultat"
    assert "Réaliste" in no_js_page.locator(".lead").inner_text()
    assert no_js_page.locator(".quiz-match").count() >= 3  # industrial job profiles ranked by fit
    assert no_js_page.locator(".quiz-match .tension").count() >= 1  # with their local outlook
    code = no_js_page.locator(".quiz-share__code").inner_text()
    assert no_js_page.url.endswith(f"/resultat/{code}/")


def test_quiz_without_javascript_names_the_unanswered_questions(no_js_page, demo_server):
    no_js_page.goto(demo_server.url + "/quiz/")
    no_js_page.locator("[data-quiz-question]").first.locator("input[type=radio]").first.check()
    no_js_page.get_by_role("button", name="Voir mon résultat").click()
    alert = no_js_page.get_by_role("alert")
    assert "Il manque ta réponse aux questions 2, 3" in alert.inner_text()
    assert no_js_page.locator("[data-quiz-question]").first.locator("input:checked").count() == 1


def test_quiz_with_javascript_shows_one_statement_at_a_time_on_a_phone(mobile_page, demo_server):
    mobile_page.goto(demo_server.url + "/quiz/")
    questions = mobile_page.locator("[data-quiz-question]")
    total = questions.count()
    assert mobile_page.locator("[data-quiz-question]:visible").count() == 1
    assert mobile_page.locator("[data-quiz-progress]").inner_text().startswith(f"Question 1 sur {total}")
    assert not mobile_page.get_by_role("button", name="Voir mon résultat").is_visible()
    for i in range(total):
        questions.nth(i).locator("label").nth(2 if i % 6 == 1 else 0).click()  # "Plutôt oui" for the I statements
        if i < total - 1:
            mobile_page.get_by_role("button", name="Question suivante").click()
            assert mobile_page.locator("[data-quiz-progress]").inner_text().startswith(f"Question {i + 2} sur")
    violations = axe_violations(mobile_page)
    assert violations == [], format_violations(violations)
    mobile_page.get_by_role("button", name="Voir mon résultat").click()
    mobile_page.wait_for_url(re.compile(r"/quiz/resultat/\d{6}/$"))
    assert mobile_page.locator(".quiz-match").count() >= 1


def test_quiz_with_javascript_goes_back_to_a_skipped_statement(page, demo_server):
    page.goto(demo_server.url + "/quiz/")
    total = page.locator("[data-quiz-question]").count()
    for _ in range(total - 1):
        page.get_by_role("button", name="Question suivante").click()  # answers nothing
    page.locator("[data-quiz-question]:visible label").first.click()
    page.get_by_role("button", name="Voir mon résultat").click()
    assert page.locator("[data-quiz-progress]").inner_text().startswith("Question 1 sur")
    assert "/quiz/resultat/" not in page.url


def test_kit_filters_work_without_javascript_and_keep_the_choice(no_js_page, demo_server):
    no_js_page.goto(demo_server.url + "/enseignants/kits/")
    all_count = no_js_page.locator(".kit-card").count()
    assert all_count >= 8
    no_js_page.get_by_label("Niveau").select_option("voie-professionnelle")
    no_js_page.get_by_role("button", name="Afficher les résultats").click()
    assert "niveau=voie-professionnelle" in no_js_page.url
    cards = no_js_page.locator(".kit-card")
    assert 0 < cards.count() < all_count
    for i in range(cards.count()):
        assert "Voie professionnelle" in cards.nth(i).locator(".card__kicker").text_content()
    assert no_js_page.get_by_label("Niveau").input_value() == "voie-professionnelle"
    option = no_js_page.locator("#filtre-niveau option[value=voie-professionnelle]").inner_text()
    assert option.endswith(f"({cards.count()})")  # the count shown matched what came back


def test_teacher_finds_a_kit_for_their_level_and_subject_and_downloads_it_in_one_file(page, demo_server):
    page.goto(demo_server.url + "/enseignants/")
    page.get_by_role("link", name="Trouver un kit par niveau et discipline").click()
    page.get_by_label("Niveau").select_option("cycle-4")
    page.get_by_label("Discipline").select_option("technologie")
    page.get_by_role("button", name="Afficher les résultats").click()
    page.locator(".kit-card a").first.click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger tout le kit (ZIP)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("kit-") and download.suggested_filename.endswith(".zip")
    import zipfile

    assert len(zipfile.ZipFile(download.path()).namelist()) >= 2


def test_event_filters_find_a_class_visit_near_the_school(no_js_page, demo_server):
    no_js_page.goto(demo_server.url + "/evenements/?public=classes")
    cards = no_js_page.locator(".event-card")
    assert cards.count() >= 1
    no_js_page.get_by_label("Près de").select_option("DEP-59")
    no_js_page.get_by_role("button", name="Afficher les résultats").click()
    assert "territoire=DEP-59" in no_js_page.url and "public=classes" in no_js_page.url
    assert no_js_page.locator(".event-card").count() >= 1
    for text in no_js_page.locator(".event-card__where").all_inner_texts():
        assert "Nord" in text
