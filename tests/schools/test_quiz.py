"""The interest quiz: no account, nothing stored, works as a plain GET form, shareable result code."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from schools.models import QuizQuestion
from tests.careers.factories import JobProfileIndexPageFactory, JobProfilePageFactory
from tests.schools.factories import InterestQuizPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(home_page):
    return InterestQuizPageFactory(parent=home_page)


def _answers(quiz, values: dict[str, int]) -> dict[str, str]:
    """Answer every statement of ``quiz``: ``values`` per RIASEC letter."""
    return {f"q{q.pk}": str(values.get(q.dimension, 0)) for q in quiz.questions.all()}


def test_quiz_page_lists_every_statement_with_four_answers_and_no_account(client, quiz):
    response = client.get(quiz.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count('type="radio"') == 12 * 4
    assert "Question 1 sur 12" in content
    assert 'method="get"' in content
    assert "Aucun compte" in content
    assert not client.cookies  # nothing remembered about the visitor


def test_complete_answers_redirect_to_a_shareable_six_digit_result(client, quiz):
    response = client.get(quiz.url + "resultat/", _answers(quiz, {"R": 3, "I": 2, "C": 1}))
    assert response.status_code == 302
    assert response["Location"] == quiz.url + "resultat/960003/"


def test_result_page_explains_the_profile_in_words_and_gives_the_code(client, quiz):
    response = client.get(quiz.url + "resultat/960003/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Réaliste" in content and "Investigateur" in content and "Conventionnel" in content
    assert "Tu aimes faire avec tes mains" in content
    assert "960003" in content
    assert '<meta name="robots" content="noindex">' in content


def test_missing_answers_are_named_and_given_answers_kept(client, quiz):
    questions = list(quiz.questions.order_by("sort_order"))
    data = {f"q{questions[0].pk}": "3", f"q{questions[2].pk}": "9"}
    response = client.get(quiz.url + "resultat/", data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Il manque ta réponse aux questions 2, 4, 5" in content
    assert "La réponse aux questions 3 n&#x27;est pas une des réponses proposées." in content
    assert f'name="q{questions[0].pk}" value="3" required checked' in content


def test_a_teacher_can_type_the_code_to_see_the_result_again(client, quiz):
    response = client.get(quiz.url + "resultat/", {"code": " 960003 "})
    assert response.status_code == 302
    assert response["Location"] == quiz.url + "resultat/960003/"


def test_a_malformed_code_gets_a_message_on_the_quiz_page(client, quiz):
    response = client.get(quiz.url + "resultat/", {"code": "12ab"})
    assert response.status_code == 200
    assert "Un code de résultat a 6 chiffres" in response.content.decode()
    assert client.get(quiz.url + "resultat/12345/").status_code == 404


def test_all_no_answers_give_a_gentle_message_instead_of_jobs(client, quiz):
    response = client.get(quiz.url + "resultat/000000/")
    assert "Tu n’as dit « oui » à aucune affirmation" in response.content.decode()


def test_editors_statements_are_used_in_their_order(client, home_page):
    quiz = InterestQuizPageFactory(parent=home_page, questions=["C", "R", "I", "A", "S", "E"])
    QuizQuestion.objects.filter(page=quiz, dimension="C").update(text="J’aime ranger les pièces par taille.")
    content = client.get(quiz.url).content.decode()
    assert content.index("J’aime ranger les pièces par taille.") < content.index("Affirmation 1 (R)")


@pytest.fixture
def observatory_data(db):
    """Territories, ROME + RIASEC, FAP and DARES tension figures from the observatory's shipped files."""
    from tests.observatory.conftest import BASE_FILES, import_file

    cache.clear()
    for kind, name in BASE_FILES:
        import_file(kind, name)
    import_file("tension", "tensions_hdf_2019.csv", publish=True)
    yield
    cache.clear()


def test_result_ranks_job_profiles_by_their_rome_riasec_codes_with_local_tension(
    client, quiz, home_page, observatory_data, django_assert_max_num_queries,
):
    from observatory.models import RomeOccupation

    index = JobProfileIndexPageFactory(parent=home_page)
    # Real ROME letters (France Travail, v3.47): H2913 soudage manuel is "R…", H1505 formulation and
    # sensory analysis is "I, E".
    assert RomeOccupation.objects.get(code="H2913").riasec_major == "R"
    assert RomeOccupation.objects.get(code="H1505").riasec_major == "I"
    welder = JobProfilePageFactory(parent=index, title="Soudeur ou soudeuse", rome_codes="H2913", riasec_code="")
    designer = JobProfilePageFactory(parent=index, title="Technicien de formulation", rome_codes="H1505", riasec_code="")
    JobProfilePageFactory(parent=index, title="Sans code", rome_codes="H9999", riasec_code="")
    client.get(quiz.url + "resultat/900000/")
    with django_assert_max_num_queries(25):
        response = client.get(quiz.url + "resultat/900000/")  # purely "Réaliste"
    matches = response.context["result"]["matches"]
    assert [m["page"].pk for m in matches] == [welder.pk]  # the I-major job has no fit with a pure R profile
    assert matches[0]["percent"] > 60
    assert matches[0]["tension"] is not None and 1 <= matches[0]["tension"].level <= 5
    content = response.content.decode()
    assert "Difficulté à recruter" in content  # the observatory's badge, with its source
    assert "Dares" in content
    response = client.get(quiz.url + "resultat/090000/")  # purely "Investigateur"
    assert response.context["result"]["matches"][0]["page"].pk == designer.pk


def test_a_match_shows_the_tension_of_the_profiles_own_family_as_its_page_does(
    client, quiz, home_page, observatory_data,
):
    from careers.tension import profile_tensions
    from observatory.models import Territory

    index = JobProfileIndexPageFactory(parent=home_page)
    # « Cariste » (N1101) is counted by default with the manutentionnaires (J0Z20); its profile
    # declares the caristes' own family, J1Z40, whose published level differs.
    forklift = JobProfilePageFactory(parent=index, title="Cariste", rome_codes="N1101", fap_code="J1Z40",
                                     riasec_code="")
    matches = client.get(quiz.url + "resultat/900000/").context["result"]["matches"]
    match = next(m for m in matches if m["page"].pk == forklift.pk)
    on_its_page = profile_tensions([forklift], Territory.objects.get(key="REG-32"))[forklift.pk]
    assert match["tension"].fap_code == "J1Z40" == on_its_page.fap_code
    assert match["tension"].level == on_its_page.level


def test_profile_without_rome_riasec_falls_back_to_its_own_code(client, quiz, home_page):
    index = JobProfileIndexPageFactory(parent=home_page)
    JobProfilePageFactory(parent=index, title="Métier social", rome_codes="H2913", riasec_code="SE")
    matches = client.get(quiz.url + "resultat/000900/").context["result"]["matches"]
    assert [m["page"].title for m in matches] == ["Métier social"]
    assert matches[0]["tension"] is None  # no figure loaded: no badge rather than a made-up one
