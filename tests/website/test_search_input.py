"""Search input with query-syntax characters never reaches the full-text engine as syntax."""

from __future__ import annotations

import pytest

from website.search import searchable_words


@pytest.mark.parametrize(("typed", "searched"), [
    ('"soudeur', "soudeur"),
    ("métier*", "métier"),
    ("(usine) : robot", "usine robot"),
    ("aujourd’hui chaudronnier-soudeur", "aujourd’hui chaudronnier-soudeur"),
    ('"""', ""),
])
def test_punctuation_is_dropped_and_words_are_kept(typed, searched):
    assert searchable_words(typed) == searched


@pytest.mark.django_db
def test_an_unterminated_quote_in_the_search_box_gives_results_not_an_error(client, home_page):
    from website.models import SearchPage

    home_page.add_child(instance=SearchPage(title="Rechercher", slug="recherche"))
    for typed in ('"industrie', "'", '"', "*", "^", "a:b", "(x"):
        response = client.get("/recherche/", {"q": typed})
        assert response.status_code == 200, typed
