"""Every site-wide page type renders, with its blocks, in a bounded number of queries."""

from __future__ import annotations

import pytest
from wagtail.rich_text import RichText

from tests.website.factories import SearchPageFactory, SiteImageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_renders_hero_and_audience_entries(client, home_page):
    target = StandardPageFactory(parent=home_page, title="Pour les enseignants", slug="enseignants")
    home_page.audience_entries = [("entry", {"audience": "J’enseigne", "title": "Préparer un cours",
                                             "text": "Des kits prêts à l’emploi.", "page": target, "colour": "green"})]
    home_page.hero_image = SiteImageFactory()
    home_page.save()
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1" in content and home_page.title in content
    assert "Préparer un cours" in content and 'href="/enseignants/"' in content
    assert home_page.hero_image.credit in content


def test_standard_page_renders_every_shared_block(client, home_page):
    image = SiteImageFactory(description="Un atelier lumineux")
    page = StandardPageFactory(parent=home_page, slug="blocs")
    page.body = [
        ("paragraph", RichText("<p>Texte riche</p>")),
        ("image", {"image": {"image": image, "decorative": False, "alt_text": ""}, "caption": "Légende"}),
        ("video", {"title": "Une journée à l’atelier", "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                   "poster": None, "duration": "2 min", "transcript": RichText("<p>Ce que dit la vidéo</p>")}),
        ("quote", {"quote": "J’aime mon métier", "author": "Inès", "role": "Soudeuse"}),
        ("call_to_action", {"title": "Faites le quiz", "text": "", "link": {"page": home_page, "external_url": "", "label": "Go"}}),
        ("faq", {"title": "Questions", "items": [{"question": "Faut-il un diplôme ?", "answer": RichText("<p>Non</p>")}]}),
        ("myth_fact", {"myth": "C’est sale", "fact": "C’est propre", "source": "Dares, 2019"}),
    ]
    page.save_revision().publish()
    html = client.get("/blocs/").content.decode()
    for expected in ("Texte riche", "Un atelier lumineux", "Légende", "youtube-nocookie.com/embed/dQw4w9WgXcQ",
                     "Ce que dit la vidéo", "J’aime mon métier", "Faites le quiz", "Faut-il un diplôme ?",
                     "C’est sale", "Dares, 2019"):
        assert expected in html, expected


def test_video_is_not_loaded_before_the_visitor_asks(client, home_page):
    page = StandardPageFactory(parent=home_page, slug="video")
    page.body = [("video", {"title": "Visite", "url": "https://vimeo.com/76979871", "poster": None, "duration": "",
                            "transcript": RichText("<p>Transcription</p>")})]
    page.save_revision().publish()
    html = client.get("/video/").content.decode()
    assert "<iframe" not in html
    assert 'data-embed="https://player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1"' in html
    assert "Transcription" in html


def test_search_page_groups_results_by_type_and_paginates(client, home_page, django_assert_max_num_queries):
    SearchPageFactory(parent=home_page)
    for index in range(3):
        StandardPageFactory(parent=home_page, title=f"Soudure et chaudronnerie {index}", slug=f"soudure-{index}")
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    client.get("/recherche/", {"q": "soudure"})  # a running site has its settings and sections cached
    # 13: on PostgreSQL the job-title search asks the database (the words as typed, then, with no
    # title found, a typo: one query and the planner setting around it, careers.title_search),
    # where SQLite searches its in-memory index without a query.
    with django_assert_max_num_queries(13):
        response = client.get("/recherche/", {"q": "soudure"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "3 résultats pour « soudure »" in content
    assert "Page standard" in content  # the group heading
    assert 'role="status"' in content


def test_search_results_of_every_type_show_their_summary_read_in_one_query(client, home_page):
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.careers.factories import (
        ArticleIndexPageFactory,
        ArticlePageFactory,
        JobProfileIndexPageFactory,
        JobProfilePageFactory,
    )

    SearchPageFactory(parent=home_page)
    StandardPageFactory(parent=home_page, title="La cobotique expliquée", slug="cobotique",
                        introduction="Présentation de la page standard.")
    ArticlePageFactory(parent=ArticleIndexPageFactory(parent=home_page), title="Cobotique en atelier",
                       introduction="Chapeau de l’article.")
    JobProfilePageFactory(parent=JobProfileIndexPageFactory(parent=home_page), title="Technicien en cobotique",
                          introduction="Introduction remplacée.", search_description="Description pour les moteurs.")
    call_command("update_index", verbosity=0)
    with CaptureQueriesContext(connection) as queries:
        content = client.get("/recherche/", {"q": "cobotique"}).content.decode()
    assert "3 résultats" in content
    for summary in ("Présentation de la page standard.", "Chapeau de l’article.", "Description pour les moteurs."):
        assert summary in content
    assert "Introduction remplacée." not in content  # the search description wins, as in search engines
    assert len([q for q in queries.captured_queries if "COALESCE" in q["sql"].upper()]) == 1


def test_search_page_with_bad_page_number_still_answers(client, home_page):
    SearchPageFactory(parent=home_page)
    for value in ("abc", "-1", "999999", "1e9"):
        assert client.get("/recherche/", {"q": "x", "page": value}).status_code == 200


def test_search_page_without_query_shows_the_form(client, home_page):
    SearchPageFactory(parent=home_page)
    response = client.get("/recherche/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_unknown_address_gets_the_french_404_page(client, home_page):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_server_error_page_renders_without_database_or_context(rf):
    from website.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Le site rencontre un problème" in response.content.decode()


def test_sitemap_lists_live_pages(client, home_page):
    StandardPageFactory(parent=home_page, slug="mentions-legales", title="Mentions légales")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert b"/mentions-legales/" in response.content


def test_robots_txt_points_to_the_sitemap_and_hides_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
