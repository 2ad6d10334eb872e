"""The search page keeps each result as a fragment and reads what only a publication changes once per process,
yet shows what a full render shows, and follows publications."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.website.factories import SearchPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def search_page(home_page):
    return SearchPageFactory(parent=home_page, results_per_page=4)


def _search(client, query: str, **params) -> str:
    response = client.get("/recherche/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def _soudure_pages(home_page, count: int) -> list:
    pages = [StandardPageFactory(parent=home_page, title=f"Soudure {index}", slug=f"soudure-{index}",
                                 introduction=f"Résumé de la page {index}.") for index in range(count)]
    call_command("update_index", verbosity=0)
    return pages


def test_results_read_back_are_those_a_full_render_gives(client, home_page, search_page):
    _soudure_pages(home_page, 3)
    first = _search(client, "soudure")
    kept = _search(client, "soudure")
    caches["fragments"].clear()
    assert first == kept == _search(client, "soudure")
    assert "3 résultats pour « soudure »" in kept and "Résumé de la page 2." in kept


def test_a_search_whose_results_are_kept_reads_no_summary_count_nor_promotion(client, home_page, search_page,
                                                                               django_assert_max_num_queries):
    _soudure_pages(home_page, 3)
    _search(client, "soudure")
    with CaptureQueriesContext(connection) as queries:
        _search(client, "soudure")
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "COALESCE" not in sql.upper() and "COUNT(" not in sql.upper()
    assert "wagtailsearchpromotions_searchpromotion" not in sql
    # Routing (2), the hit, the results; on PostgreSQL the job-title search asks the database (up to 5).
    with django_assert_max_num_queries(4 if connection.vendor == "sqlite" else 9):
        _search(client, "soudure")


def test_a_publication_changes_a_kept_result(client, home_page, search_page):
    page = _soudure_pages(home_page, 1)[0]
    assert "Résumé de la page 0." in _search(client, "soudure")
    page.title = "Soudure à l'arc"
    page.introduction = "Résumé relu."
    page.save_revision().publish()
    call_command("update_index", verbosity=0)
    html = _search(client, "soudure")
    assert "Soudure à l&#x27;arc" in html and "Résumé relu." in html and "Résumé de la page 0." not in html


def test_the_count_and_the_pages_are_those_of_every_result(client, home_page, search_page):
    _soudure_pages(home_page, 6)
    first = _search(client, "soudure")
    assert "6 résultats pour « soudure »" in first and "Page 1 sur 2" in first and first.count('class="result"') == 4
    second = _search(client, "soudure", page=2)
    assert "6 résultats pour « soudure »" in second and "Page 2 sur 2" in second
    assert second.count('class="result"') == 2
    assert "Page 2 sur 2" in _search(client, "soudure", page=99)  # beyond the last page: the last one
    short = _search(client, "soudure 3")
    assert "1 résultat pour « soudure 3 »" in short and "Page 1 sur" not in short
    for page in ("", "abc", "1"):
        assert "6 résultats pour « soudure »" in _search(client, "soudure", page=page)


def test_a_promotion_saved_after_a_search_is_shown_at_the_next(client, home_page, search_page):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    pages = _soudure_pages(home_page, 2)
    promoted = StandardPageFactory(parent=home_page, title="Formations en alternance", slug="alternance")
    assert "Formations en alternance" not in _search(client, "soudure")
    SearchPromotion.objects.create(query=Query.get("soudure"), page=promoted, sort_order=0)
    html = _search(client, "soudure")
    assert "Formations en alternance" in html.split('id="promoted-title"')[1]
    assert "3 résultats pour « soudure »" in html
    promoted.unpublish()
    assert "Formations en alternance" not in _search(client, "soudure")
    assert pages[0].title in _search(client, "soudure")


def test_a_profile_published_after_a_title_search_is_where_its_title_leads(client, home_page, search_page):
    from careers.title_search import _memo
    from observatory.job_titles import search_key, split_gendered_title
    from observatory.models import RomeAppellation
    from tests.careers.factories import JobProfileIndexPageFactory, JobProfilePageFactory

    profile_index = JobProfileIndexPageFactory(parent=home_page)
    _memo.clear()
    masculine, feminine = split_gendered_title("Soudeur / Soudeuse")
    RomeAppellation.objects.create(code_ogr=2, label="Soudeur / Soudeuse", masculine=masculine, feminine=feminine,
                                   rome_code="H2913", principal=True, search_key=search_key(f"{masculine} {feminine}"))
    try:
        assert "fiche-metier/H2913" in _search(client, "soudeur")  # no profile yet: France Travail's fiche
        profile = JobProfilePageFactory(parent=profile_index, title="Soudeur ou soudeuse", rome_codes="H2913")
        html = _search(client, "soudeur")
        assert f'href="{profile.url}"' in html and "métier : Soudeur ou soudeuse" in html
    finally:
        _memo.clear()
