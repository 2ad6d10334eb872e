"""Inputs that used to be 500s: Unicode digits that isdigit() accepts and int() refuses, a quote in
the job search on SQLite, and the admin's snippet search boxes. Each answers, never a server error."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

SNIPPET_LISTINGS = ["careers_company", "careers_testimonial", "careers_trainingprovider", "schools_discipline",
                    "observatory_keyindicator", "observatory_filiere"]


@pytest.mark.parametrize("path", [
    "/avis/merci/?page=²", "/avis/merci/?page=٣", "/avis/merci/?page=99999999999999999999999",
])
def test_unicode_digits_and_huge_ids_in_the_feedback_thanks_page_are_ignored(client, home_page, path):
    assert client.get(path).status_code == 200


def test_unicode_digits_in_quiz_answers_are_refused_with_a_message(client, home_page):
    from tests.schools.factories import InterestQuizPageFactory

    quiz = InterestQuizPageFactory(parent=home_page)
    answers = {f"q{question.pk}": "²" for question in quiz.questions.all()}
    response = client.get(f"{quiz.url}resultat/", answers)
    assert response.status_code == 400  # the form again, naming what to answer
    assert "<form" in response.content.decode()


@pytest.mark.parametrize("query", ['"', '"soudeur', "***", "soudeur)", "'"])
def test_the_job_search_box_takes_any_punctuation(client, home_page, query):
    from tests.careers.factories import JobProfileIndexPageFactory

    index = JobProfileIndexPageFactory(parent=home_page)
    assert client.get(index.url, {"q": query}).status_code == 200


@pytest.mark.parametrize("listing", SNIPPET_LISTINGS)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(min_size=1, max_size=30))
def test_every_snippet_listing_search_answers_whatever_the_editor_types(admin_client, listing, query):
    response = admin_client.get(reverse(f"wagtailsnippets_{listing}:list"), {"q": query.replace("\x00", "")})
    assert response.status_code == 200
