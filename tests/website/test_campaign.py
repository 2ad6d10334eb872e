"""Campaign pages (/campagne/<slug>/) and previews of every page type, including on mobile sizes."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.template.loader import get_template
from django.test import RequestFactory
from wagtail.models import Page

from website.models import CampaignIndexPage, CampaignPage, StandardPage

pytestmark = pytest.mark.django_db
PROJECT_APPS = ("website", "careers", "schools", "observatory", "audience")


@pytest.fixture
def campaigns(home_page):
    index = home_page.add_child(instance=CampaignIndexPage(title="Les campagnes", slug="campagne"))
    today = datetime.date.today()
    current = index.add_child(instance=CampaignPage(
        title="L’industrie recrute près de chez toi", slug="recrute", audience="jeunes", wave="Printemps",
        start_date=today - datetime.timedelta(days=10), end_date=today + datetime.timedelta(days=30),
        introduction="Des métiers qui bougent.", body=[("paragraph", "<p>Viens voir.</p>")]))
    past = index.add_child(instance=CampaignPage(
        title="Semaine de l’industrie 2025", slug="semaine-2025", audience="grand-public",
        start_date=datetime.date(2025, 3, 1), end_date=datetime.date(2025, 3, 8), body=[]))
    return index, current, past


def test_campaign_pages_live_under_campagne_and_show_their_audience(client, campaigns):
    _index, current, _past = campaigns
    assert current.url == "/campagne/recrute/"
    html = client.get(current.url).content.decode()
    assert "Collégiens et lycéens" in html and "Viens voir." in html
    assert "Cette page vous a-t-elle été utile" in html


def test_campaign_index_lists_current_waves_before_the_others(client, campaigns, django_assert_max_num_queries):
    index, _current, _past = campaigns
    with django_assert_max_num_queries(40):
        html = client.get(index.url).content.decode()
    assert html.index("L’industrie recrute près de chez toi") < html.index("Semaine de l’industrie 2025")
    assert html.index("Campagnes en cours") < html.index("Autres campagnes")


def test_campaign_end_before_start_is_refused(campaigns):
    _, current, _ = campaigns
    current.end_date = current.start_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        current.full_clean()


def test_campaign_pages_only_under_the_campaign_index():
    assert CampaignPage.parent_page_types == ["website.CampaignIndexPage"]
    assert CampaignIndexPage.parent_page_types == ["website.HomePage"]


def _project_page_models():
    return [model for model in apps.get_models()
            if issubclass(model, Page) and model._meta.app_label in PROJECT_APPS and not model._meta.abstract]


def test_every_project_page_type_has_a_template_for_previews():
    request = RequestFactory().get("/")
    for model in _project_page_models():
        instance = model(title="Aperçu")
        template = instance.get_template(request)
        assert get_template(template), f"{model.__name__}: {template}"
        assert instance.preview_modes, f"{model.__name__} has no preview mode"


def test_content_pages_can_be_previewed_from_the_editor(client, home_page, campaigns):
    """Wagtail's preview panel offers mobile, tablet and desktop sizes for every previewable page."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("root", "r@example.invalid", "x"))
    _, current, _ = campaigns
    standard = home_page.add_child(instance=StandardPage(title="Mentions", slug="mentions", body=[]))
    for page in (home_page, standard, current, campaigns[0]):
        response = client.get(f"/admin/pages/{page.pk}/view_draft/")
        assert response.status_code == 200, page
        assert "mobile" in [size["name"] for size in page.preview_sizes]
        assert min(size["device_width"] for size in page.preview_sizes) <= 375
