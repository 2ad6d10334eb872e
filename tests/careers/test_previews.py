"""An editor's preview of a page not saved yet, or with choices not saved yet, renders (never a 500).

Wagtail previews the page built from the form: its many-to-many choices are held in memory
(modelcluster's ``FakeQuerySet``) and a new page has no id yet.
"""

from __future__ import annotations

from wagtail.models import Page

from careers.models import ArticlePage, FilierePage
from schools.models import ClassroomKitPage
from tests.careers.factories import JobProfileIndexPageFactory, JobProfilePageFactory


def _new_under(parent: Page, page: Page) -> Page:
    """``page`` placed under ``parent`` but not saved, as Wagtail's preview of the add form builds it."""
    page.set_url_path(parent)
    page.depth = parent.depth + 1
    page.path = parent.path + "9999"
    return page


def test_a_new_article_previews_with_the_job_profiles_chosen_in_its_form(home_page):
    profile = JobProfilePageFactory(parent=JobProfileIndexPageFactory(parent=home_page), title="Régleuse")
    article = _new_under(home_page, ArticlePage(title="Un atelier", slug="un-atelier", job_profiles=[profile]))
    response = article.make_preview_request()
    assert response.status_code == 200
    assert "Régleuse" in response.content.decode()


def test_a_new_filiere_previews_before_anything_is_linked_to_it(home_page):
    filiere = _new_under(home_page, FilierePage(title="Filière en projet", slug="filiere-en-projet",
                                                observatory_slug="automobile"))
    response = filiere.make_preview_request()
    assert response.status_code == 200
    assert "Filière en projet" in response.content.decode()


def test_a_classroom_kit_previews_before_its_duration_is_known(home_page):
    kit = _new_under(home_page, ClassroomKitPage(title="Kit en projet", slug="kit-en-projet", duration_minutes=None))
    response = kit.make_preview_request()
    assert response.status_code == 200
    assert "Durée" not in response.content.decode()
