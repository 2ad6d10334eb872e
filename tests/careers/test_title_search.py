"""A job title, typed any way, leads to its occupation's page; a title outside industry says so."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest
from django.db import connection

from careers.title_search import _memo, search_titles
from observatory.job_titles import search_key, split_gendered_title
from tests.careers.factories import JobProfilePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def titles(db):
    from observatory.models import RomeAppellation

    _memo.clear()  # the index is kept per process and data version
    for ogr, label, code in [(1, "Menuisier / Menuisière d'agencement", "H2206"), (2, "Soudeur / Soudeuse", "H2913"),
                             (3, "Boulanger / Boulangère", "D1102")]:
        masculine, feminine = split_gendered_title(label)
        RomeAppellation.objects.create(code_ogr=ogr, label=label, masculine=masculine, feminine=feminine,
                                       rome_code=code, principal=True, search_key=search_key(f"{masculine} {feminine}"))
    yield
    _memo.clear()


def test_a_title_of_an_industrial_occupation_leads_to_its_profile(profile_index, titles):
    profile = JobProfilePageFactory(parent=profile_index, title="Menuisier ou menuisière", rome_codes="H2206")
    [result] = search_titles("menuisiere")
    assert (result.label, result.url, result.profile_title) == (
        "Menuisier / Menuisière d'agencement", profile.url, "Menuisier ou menuisière")
    assert result.industrial


def test_a_title_outside_industry_leads_to_france_travails_fiche(profile_index, titles):
    [result] = search_titles("boulangère")
    assert not result.industrial and result.profile_title == ""
    assert result.url == "https://candidat.francetravail.fr/metierscope/fiche-metier/D1102"


def test_a_one_letter_or_empty_search_answers_nothing(titles):
    assert search_titles("m") == []
    assert search_titles("") == []


def test_the_job_listing_finds_a_profile_by_any_of_its_titles_and_says_which(client, profile_index, titles):
    JobProfilePageFactory(parent=profile_index, title="Menuisier ou menuisière", rome_codes="H2206",
                          introduction="Fabriquer des meubles.")
    html = client.get(profile_index.url, {"q": "menusière"}).content.decode()  # one typo, feminine, accent
    assert "Menuisier ou menuisière" in html
    assert "Intitulé trouvé : Menuisier / Menuisière d&#x27;agencement" in html


def test_the_job_listing_says_when_a_title_is_outside_industry(client, profile_index, titles):
    html = client.get(profile_index.url, {"q": "boulanger"}).content.decode()
    assert "Hors de l’industrie" in html
    assert "fiche-metier/D1102" in html


def test_the_site_search_answers_a_job_title_with_its_occupation(client, home_page, profile_index, titles):
    from website.models import SearchPage

    search = SearchPage(title="Recherche", slug="recherche")
    home_page.add_child(instance=search)
    profile = JobProfilePageFactory(parent=profile_index, title="Soudeur ou soudeuse", rome_codes="H2913")
    html = client.get(search.url, {"q": "soudeuse"}).content.decode()
    assert "Intitulés de métiers" in html
    assert f'href="{profile.url}"' in html
    assert "métier : Soudeur ou soudeuse" in html


def test_a_typo_finds_the_title_after_the_exact_matches(titles):
    from observatory.models import RomeAppellation

    RomeAppellation.objects.create(code_ogr=4, label="Menuisier / Menuisière", masculine="Menuisier",
                                   feminine="Menuisière", rome_code="H2206", principal=True,
                                   search_key=search_key("Menuisier Menuisière"))
    exact = [result.label for result in search_titles("menuisier")]
    assert exact == ["Menuisier / Menuisière", "Menuisier / Menuisière d'agencement"]  # shorter first
    [typo] = search_titles("soudeuze")
    assert (typo.label, typo.exact) == ("Soudeur / Soudeuse", False)


def test_a_three_letter_query_allows_no_typo(titles):
    assert search_titles("sod") == []
    assert [result.label for result in search_titles("sou")] == ["Soudeur / Soudeuse"]


SHIPPED_TITLES = Path(__file__).resolve().parents[2] / "observatory" / "data" / "rome4_appellations_v460.csv"
#: Prefixes, whole titles, both genders, several words, typos of each kind, and a three-letter typo.
QUERIES = ("sou", "soudeuse", "soudeuze", "menuisiere", "menusiere", "menuiseir", "chef equipe",
           "cheffe d equ", "regleur", "reglueur", "technicienne maint", "tecnicien", "operateur commande numerique",
           "chaudronier", "tuyauteuse", "conducteur de ligne", "sod", "agent", "ingenieure qualite", "zzzz")


@pytest.fixture
def shipped_titles(db):
    """The 13,000 ROME 4.0 titles shipped with the project, stored as the importer stores them."""
    from observatory.models import RomeAppellation

    _memo.clear()
    with SHIPPED_TITLES.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    titles = []
    for row in rows:
        masculine, feminine = split_gendered_title(row["libelle_appellation_long"])
        titles.append(RomeAppellation(
            code_ogr=int(row["code_ogr"]), label=row["libelle_appellation_long"], masculine=masculine,
            feminine=feminine, rome_code=row["code_rome_parent"], rome4_code=row["code_rome"],
            principal=row["classification"] == "PRINCIPALE", search_key=search_key(f"{masculine} {feminine}")[:500]))
    RomeAppellation.objects.bulk_create(titles, batch_size=2000)
    yield
    _memo.clear()


def test_the_database_search_with_the_vocabulary_finds_what_the_in_memory_rules_find(shipped_titles):
    from careers.title_search import _vocabulary_matches, title_index

    rules = title_index()  # the 13,096 titles are stored once for every query (a second each)
    for query in QUERIES:
        expected = [(match.title.id, match.exact) for match in rules.search(query, limit=20)]
        assert [(match.title.id, match.exact) for match in _vocabulary_matches(query, 20)] == expected, query


def test_the_process_keeps_the_titles_vocabulary_not_the_titles(shipped_titles):
    from careers.title_search import title_vocabulary

    vocabulary = title_vocabulary()
    assert 3000 < len(vocabulary) < 10000 and list(vocabulary) == sorted(set(vocabulary))
    assert set(_memo) == {"vocabulary"}
    assert sum(sys.getsizeof(word) for word in vocabulary) + sys.getsizeof(vocabulary) < 1_000_000  # bytes


postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                     reason="the full-text and trigram search runs on PostgreSQL; SQLite searches with LIKE and the vocabulary")


@postgresql_only
def test_postgresql_finds_the_same_exact_titles_as_the_in_memory_index(titles):
    from careers.title_search import _database_matches, title_index

    for query in ("sou", "menuisiere", "soudeuse", "boulang", "d agencement", "menuisier ag"):
        in_memory = [match.title.id for match in title_index().search(query, limit=10) if match.exact]
        in_database = [match.title.id for match in _database_matches(query, 10) if match.exact]
        assert in_database == in_memory, query


@postgresql_only
def test_postgresql_answers_title_searches_from_its_full_text_and_trigram_indexes(titles):
    from django.contrib.postgres.search import SearchQuery

    from careers.title_search import _SimpleTextVector
    from observatory.models import RomeAppellation

    with connection.cursor() as cursor:
        # Three rows: the planner would rather read them all, or walk a b-tree; a GIN index is
        # searched by bitmap, which is what is left once both are off.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    by_words = RomeAppellation.objects.annotate(document=_SimpleTextVector("search_key")).filter(
        document=SearchQuery("sou:*", search_type="raw", config="simple"))
    by_typo = RomeAppellation.objects.filter(search_key__trigram_word_similar="soudeuze")
    assert "observatory_appellation_fts" in by_words.explain()
    assert "observatory_appellation_trgm" in by_typo.explain()
