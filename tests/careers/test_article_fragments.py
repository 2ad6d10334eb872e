"""An article is kept per process as fragments ({% fragment %}), yet shows what a full render shows.

The same for every visitor (header, picture, tags, filières, linked profiles, related articles),
but for the body's indicator blocks, whose figures are the visitor's territory's.
"""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.careers.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    FiliereIndexPageFactory,
    FilierePageFactory,
    JobProfilePageFactory,
    JobProfileWayInFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(home_page, profile_index):
    index = ArticleIndexPageFactory(parent=home_page)
    filiere = FilierePageFactory(parent=FiliereIndexPageFactory(parent=home_page), title="Verre", slug="verre")
    profile = JobProfilePageFactory(parent=profile_index, title="Verrier ou verrière")
    JobProfileWayInFactory(page=profile)
    page = ArticlePageFactory(parent=index, title="Un four électrique", theme="decarbonation")
    page.tags.add("verre")
    page.job_profiles.add(profile)
    page.filieres.add(filiere)
    page.save_revision().publish()
    sibling = ArticlePageFactory(parent=index, title="Le verre recyclé", theme="economie-circulaire")
    sibling.tags.add("verre")
    sibling.save_revision().publish()
    return page


def _html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_article_from_its_kept_fragments_is_the_page_a_full_render_gives(client, article):
    first = _html(client, article)
    kept = _html(client, article)
    caches["fragments"].clear()
    assert kept == first == _html(client, article)
    for shown in ("Un four électrique", "Verrier ou verrière", "Le verre recyclé", ">Verre</a>", "Mots-clés"):
        assert shown in kept


def test_an_article_whose_fragments_are_kept_reads_only_the_page(client, article, django_assert_max_num_queries):
    _html(client, article)
    with CaptureQueriesContext(connection) as queries:
        _html(client, article)
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "taggit_tag" not in tables and "rendition" not in tables and "careers_jobprofilewayin" not in tables
    with django_assert_max_num_queries(2):  # routing: the index, then the article
        _html(client, article)


def test_a_publication_renders_the_articles_fragments_again(client, article, profile_index):
    assert "Un four électrique" in _html(client, article)
    article.title = "Un four électrique à l'usine"
    article.introduction = "Après la relecture."
    article.save_revision().publish()
    other = JobProfilePageFactory(parent=profile_index, title="Conducteur ou conductrice de four")
    other.articles.add(article)
    other.save_revision().publish()
    html = _html(client, article)
    assert "Un four électrique à l&#x27;usine" in html and "Après la relecture." in html
    assert "Conducteur ou conductrice de four" in html


def test_an_unpublished_related_article_leaves_the_kept_article(client, article):
    from careers.models import ArticlePage

    assert "Le verre recyclé" in _html(client, article)
    ArticlePage.objects.get(title="Le verre recyclé").unpublish()
    assert "Le verre recyclé" not in _html(client, article)


def test_an_indicator_in_the_body_shows_each_visitor_their_territorys_figure(client, article, published_tensions):
    from observatory.models import KeyIndicator, TensionIndicator, Territory

    region, oise = Territory.objects.get(key="REG-32"), Territory.objects.get(key="DEP-60")
    fap_id = (TensionIndicator.objects.published().filter(territory=oise, level__isnull=False)
              .values_list("fap_id", flat=True).first())
    indicator = KeyIndicator.objects.create(title="Tension", measure=KeyIndicator.Measure.TENSION_LEVEL,
                                            territory=region, fap_id=fap_id)
    article.body = [("paragraph", "<p>Le four.</p>"), ("indicator", {"indicator": indicator, "comment": ""})]
    article.save_revision().publish()
    rendered = {}
    for cookie in ("", "DEP-60", "dep-60", "inconnu", "", "DEP-60", "dep-60", "inconnu"):
        client.cookies["territoire"] = cookie
        html = _html(client, article)
        assert rendered.setdefault(cookie, html) == html  # read back as it was kept
    assert '<span class="key-figure__territory">Oise</span>' in rendered["DEP-60"]
    assert "Hauts-de-France" in rendered[""] and "chiffre non publié pour votre territoire" not in rendered[""]
    # An unknown cookie gives the region's figure, saying it is not the visitor's territory's.
    assert "Hauts-de-France — chiffre non publié pour votre territoire" in rendered["inconnu"]
    caches["fragments"].clear()
    for cookie, html in rendered.items():  # each as a full render gives it
        client.cookies["territoire"] = cookie
        assert _html(client, article) == html


def test_an_article_without_figures_is_kept_once_for_every_territory(client, article, published_tensions):
    from careers.models import ArticlePage
    from observatory.blocks import shows_visitor_figures

    assert not shows_visitor_figures(ArticlePage.objects.get(pk=article.pk).body)
    def article_part(html: str) -> str:  # the header shows the visitor's territory: the article only
        return html.split('<article aria-labelledby="article-title">')[1].split("</main>")[0]

    region = article_part(_html(client, article))
    client.cookies["territoire"] = "DEP-60"
    with CaptureQueriesContext(connection) as queries:
        assert article_part(_html(client, article)) == region
    assert "taggit_tag" not in " ".join(query["sql"] for query in queries.captured_queries)
