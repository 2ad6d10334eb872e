"""Before a page is published, every observatory figure it shows must come from published data
(observatory/content_checks.py, registered through the base's ``register_page_checks`` hook)."""

from __future__ import annotations

import pytest
from wagtail.models import Page

from observatory.importers.service import publish_dataset
from observatory.models import FapFamily, KeyIndicator, Territory
from tests.observatory.conftest import import_file
from tests.website.factories import StandardPageFactory
from website.content_checks import ERROR, check_page, value_issues

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_tensions(nomenclatures):
    """The DARES 2019 tension figures, imported but not yet published."""
    return import_file("tension", "tensions_hdf_2019.csv").dataset


@pytest.fixture
def machining(draft_tensions):
    return KeyIndicator.objects.create(title="Usinage en Hauts-de-France", measure=KeyIndicator.Measure.TENSION_LEVEL,
                                       territory=Territory.objects.get(key="REG-32"),
                                       fap=FapFamily.objects.get(code="D1Z"))


def _page_showing(home_page, indicator):
    page = StandardPageFactory(parent=home_page, title="Les métiers qui recrutent")
    page.body = [("indicator", {"indicator": indicator, "comment": ""})]
    page.save()
    return Page.objects.get(pk=page.pk).specific


def test_a_key_figure_without_published_data_stops_the_publication_of_the_page_showing_it(
        home_page, machining, draft_tensions, django_capture_on_commit_callbacks):
    page = _page_showing(home_page, machining)
    issues = check_page(page)
    assert [(issue.level, issue.code) for issue in issues] == [(ERROR, "dataset")]
    assert "Usinage en Hauts-de-France" in issues[0].message and "Contenu › chiffre de l'observatoire 1" in issues[0].location
    with django_capture_on_commit_callbacks(execute=True):  # the figures' cache is cleared on commit
        publish_dataset(draft_tensions)
    assert check_page(page) == []


def test_a_dataset_or_a_row_of_figures_shown_before_publication_is_an_error(draft_tensions):
    row = draft_tensions.tension_rows.first()
    assert [issue.code for issue in value_issues(draft_tensions, "Chiffres")] == ["dataset"]
    assert [issue.code for issue in value_issues(row, "Chiffres")] == ["dataset"]
    publish_dataset(draft_tensions)
    draft_tensions.refresh_from_db()
    row.refresh_from_db()
    assert value_issues(draft_tensions, "Chiffres") == [] and value_issues(row, "Chiffres") == []
