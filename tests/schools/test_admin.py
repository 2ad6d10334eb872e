"""The agency creates kits, events and quiz statements in the admin; the page tree stays sound."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from schools.models import (
    Audience,
    ClassroomKitIndexPage,
    ClassroomKitPage,
    EventIndexPage,
    EventPage,
    InterestQuizPage,
    KitDownloadCount,
    PupilSectionPage,
    SchoolLevel,
    TeacherSectionPage,
)
from tests.careers.factories import TerritoryFactory
from tests.schools.factories import ClassroomKitPageFactory, DisciplineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(home_page, django_user_model):
    """A member of the agency's "Editors" group, with add/edit/publish on the whole site."""
    group, _created = Group.objects.get_or_create(name="Agence")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(group=group, page=home_page,
                                           permission=Permission.objects.get(codename=permission))
    user = django_user_model.objects.create_user("agence", "agence@example.org", "motdepasse")
    user.groups.add(group)
    return user


def test_page_tree_rules():
    assert PupilSectionPage.parent_page_types == ["website.HomePage"]
    assert ClassroomKitIndexPage.parent_page_types == ["schools.TeacherSectionPage"]
    assert ClassroomKitPage.parent_page_types == ["schools.ClassroomKitIndexPage"]
    assert EventPage.parent_page_types == ["schools.EventIndexPage"]
    assert InterestQuizPage.subpage_types == [] and EventPage.subpage_types == []
    for model in (PupilSectionPage, TeacherSectionPage, ClassroomKitIndexPage, EventIndexPage, InterestQuizPage):
        assert model.max_count == 1


def test_editor_creates_a_kit_with_levels_steps_and_a_document(client, editor, kit_index):
    from tests.schools.factories import DocumentFactory

    document = DocumentFactory(title="Fiche élève robotique")
    techno = DisciplineFactory(name="Technologie", slug="technologie")
    cycle4 = SchoolLevel.objects.get(slug="cycle-4")
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("schools", "classroomkitpage", kit_index.pk))
    assert client.get(url).status_code == 200
    data = nested_form_data({
        "title": "Programmer un cobot", "slug": "programmer-un-cobot",
        "introduction": "Une séance de SNT.",
        "duration_minutes": "",
        "objectives": streamfield([("objective", {"kind": "disciplinaire", "text": "Écrire un algorithme."})]),
        "steps": streamfield([
            ("step", {"title": "Découverte", "minutes": 15, "organisation": "classe",
                      "instructions": rich_text("<p>Vidéo.</p>")}),
            ("step", {"title": "Programmation", "minutes": 40, "organisation": "groupes",
                      "instructions": rich_text("<p>Fiche.</p>")}),
        ]),
        "materials": "Tablettes", "teacher_notes": rich_text(""),
        "documents": inline_formset([{"document": document.pk, "kind": "fiche-eleve", "title": ""}]),
        "action-publish": "publish",
    })
    # Multiple-choice fields are plain lists of ids (nested_form_data would number them).
    data.update(levels=[cycle4.pk], disciplines=[techno.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    kit = ClassroomKitPage.objects.get(slug="programmer-un-cobot")
    assert kit.live
    assert kit.duration_minutes == 55  # left empty: the sum of the steps
    assert list(kit.levels.all()) == [cycle4]
    assert kit.documents.get().document == document


def test_editor_creates_an_event(client, editor, home_page):
    index = EventIndexPage(title="Événements", slug="evenements")
    home_page.add_child(instance=index)
    nord = TerritoryFactory(key="DEP-59", level="departement", code="59", name="Nord")
    client.force_login(editor)
    start = timezone.localtime() + datetime.timedelta(days=10)
    data = nested_form_data({
        "title": "Portes ouvertes", "slug": "portes-ouvertes", "event_type": "portes-ouvertes",
        "summary": "Visite des ateliers.", "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": (start + datetime.timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
        "place_name": "Usine", "address": "", "territory": nord.pk,
        "capacity": "", "registration_url": "", "registration_note": "", "organiser": "UIMM",
        "organiser_url": "", "body": streamfield([]),
        "action-publish": "publish",
    })
    data["audiences"] = [Audience.objects.get(slug="collegiens").pk]
    response = client.post(reverse("wagtailadmin_pages:add", args=("schools", "eventpage", index.pk)), data)
    assert response.status_code == 302
    assert EventPage.objects.get(slug="portes-ouvertes").territory == nord


def test_editor_adds_quiz_statements_each_with_its_riasec_type(client, editor, home_page):
    client.force_login(editor)
    statements = [{"text": f"Affirmation {letter}", "dimension": letter} for letter in "RIASEC"]
    data = nested_form_data({
        "title": "Quiz", "slug": "quiz", "introduction": "", "instructions": "Dis si ça te ressemble.",
        "questions": inline_formset(statements), "results_count": 8, "result_note": rich_text(""),
        "action-publish": "publish",
    })
    response = client.post(reverse("wagtailadmin_pages:add", args=("schools", "interestquizpage", home_page.pk)), data)
    assert response.status_code == 302
    quiz = InterestQuizPage.objects.get(slug="quiz")
    assert [q.dimension for q in quiz.questions.order_by("sort_order")] == list("RIASEC")


def test_kit_editor_and_report_show_download_counts(client, editor, admin_user, kit_index):
    kit = ClassroomKitPageFactory(parent=kit_index, title="Kit très demandé")
    for _ in range(4):
        KitDownloadCount.record(kit)
    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(kit.pk,)))
    assert "téléchargé 4 fois" in edit.content.decode()
    report = client.get(reverse("schools_kit_downloads"))
    assert report.status_code == 200
    content = report.content.decode()
    assert "Kit très demandé" in content and ">4<" in content.replace(" ", "").replace("\n", "")


def test_anonymous_visitors_cannot_see_the_download_report(client):
    response = client.get(reverse("schools_kit_downloads"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_disciplines_are_a_snippet_editors_manage(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("wagtailsnippets_schools_discipline:list"))
    assert response.status_code == 200


def test_pages_are_created_only_where_allowed(home_page):
    assert PupilSectionPage.can_create_at(home_page)
    assert not ClassroomKitPage.can_create_at(home_page)
    assert not EventPage.can_create_at(Page.get_first_root_node())
