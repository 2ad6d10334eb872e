"""The pupils' and teachers' sections: rendering, what they gather, permissions and query counts."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from tests.careers.factories import JobProfileIndexPageFactory, JobProfilePageFactory, TerritoryFactory
from tests.schools.factories import (
    ClassroomKitPageFactory,
    EventPageFactory,
    InterestQuizPageFactory,
    PupilSectionPageFactory,
)
from tests.schools.queries import count_queries

pytestmark = pytest.mark.django_db


def test_pupil_section_shows_myths_with_sources_job_cards_quiz_and_pupil_events(client, home_page, event_index):
    profile = JobProfilePageFactory(parent=JobProfileIndexPageFactory(parent=home_page), title="Soudeur ou soudeuse")
    InterestQuizPageFactory(parent=home_page)
    EventPageFactory(parent=event_index, title="Atelier soudure", audiences=["collegiens"])
    EventPageFactory(parent=event_index, title="Job dating adultes", audiences=["demandeurs-emploi"])
    section = PupilSectionPageFactory(parent=home_page, body=[
        ("myth_fact", {"myth": "C’est un métier de garçons.", "fact": "52 % de femmes parmi les agents de laboratoire.",
                       "source": "Dares, 2017-2019"}),
        ("job_cards", {"title": "Un métier en 2 minutes", "cards": [
            {"job_profile": profile, "hook": "Tu assembles l’acier.", "what_you_do": "Tu soudes.",
             "how_to_get_there": "CAP ou bac pro."}]}),
    ])
    response = client.get(section.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "C’est un métier de garçons." in content and "Source : Dares, 2017-2019" in content
    assert f'href="{profile.url}"' in content and "Tu assembles l’acier." in content
    assert "Faire le quiz" in content
    assert "Atelier soudure" in content and "Job dating adultes" not in content


def test_pupil_events_near_the_visitor_come_first_then_the_rest(client, home_page, event_index):
    region = TerritoryFactory(key="REG-32", level="region", code="32", name="Hauts-de-France")
    nord = TerritoryFactory(key="DEP-59", level="departement", code="59", name="Nord", parent=region)
    somme = TerritoryFactory(key="DEP-80", level="departement", code="80", name="Somme", parent=region)
    EventPageFactory(parent=event_index, title="À Amiens, bientôt", territory=somme, days=1)
    EventPageFactory(parent=event_index, title="À Lille, plus tard", territory=nord, days=20)
    section = PupilSectionPageFactory(parent=home_page)
    client.cookies["territoire"] = "DEP-59"
    titles = [event.title for event in client.get(section.url).context["upcoming_events"]]
    assert titles == ["À Lille, plus tard", "À Amiens, bientôt"]


def test_teacher_section_shows_latest_kits_class_events_and_the_visit_guide(client, teacher_section, kit_index,
                                                                            event_index):
    ClassroomKitPageFactory(parent=kit_index, title="Enquête maintenance")
    EventPageFactory(parent=event_index, title="Visite pour une classe", audiences=["classes"])
    EventPageFactory(parent=event_index, title="Forum grand public", audiences=["tout-public"])
    teacher_section.visit_guide = "<h3>Six semaines avant</h3><p>Appelez l’entreprise.</p>"
    teacher_section.save()
    content = client.get(teacher_section.url).content.decode()
    assert "Enquête maintenance" in content
    assert "Visite pour une classe" in content and "Forum grand public" not in content
    assert "Organiser une visite d’entreprise" in content and "Appelez l’entreprise." in content
    assert f'href="{kit_index.url}"' in content


@pytest.mark.parametrize("page_fixture", ["teacher_section", "kit_index", "event_index"])
def test_section_pages_queries_do_not_grow_with_content(client, request, page_fixture, kit_index, event_index,
                                                        django_assert_max_num_queries):
    page = request.getfixturevalue(page_fixture)
    for _ in range(2):
        ClassroomKitPageFactory(parent=kit_index, levels=["cycle-4", "seconde"])
        EventPageFactory(parent=event_index, audiences=["classes", "collegiens"])
    client.get(page.url)
    with count_queries() as few:
        client.get(page.url)
    for _ in range(6):
        ClassroomKitPageFactory(parent=kit_index, levels=["cycle-4", "seconde"])
        EventPageFactory(parent=event_index, audiences=["classes", "collegiens"])
    client.get(page.url)  # new pages invalidate the site data cache: warm it again
    with django_assert_max_num_queries(few.value):
        assert client.get(page.url).status_code == 200


def test_pupil_section_and_quiz_queries_are_bounded(client, home_page, event_index, django_assert_max_num_queries):
    section = PupilSectionPageFactory(parent=home_page)
    quiz = InterestQuizPageFactory(parent=home_page)
    for _ in range(6):
        EventPageFactory(parent=event_index)
    for url in (section.url, quiz.url):
        client.get(url)
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200


def test_private_section_asks_anonymous_visitors_to_log_in(client, home_page):
    section = PupilSectionPageFactory(parent=home_page)
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(section.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_unpublished_pages_are_not_served(client, home_page, event_index):
    quiz = InterestQuizPageFactory(parent=home_page)
    event = EventPageFactory(parent=event_index)
    url_quiz, url_event = quiz.url, event.url
    quiz.unpublish()
    event.unpublish()
    assert client.get(url_quiz).status_code == 404
    assert client.get(url_event).status_code == 404
    assert client.get(url_event + "ical/").status_code == 404
