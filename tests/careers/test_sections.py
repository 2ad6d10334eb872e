"""Filières, "industrie du futur" articles and the jobseekers' section: rendering, permissions, queries."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from careers.models import ArticlePage, FilierePage, JobProfilePage, JobseekerSectionPage
from tests.careers.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    CompanyFactory,
    FilierePageFactory,
    JobProfilePageFactory,
    JobProfileWayInFactory,
    JobseekerSectionPageFactory,
    TestimonialFactory,
    TrainingProgrammeFactory,
    TrainingProviderFactory,
    make_tension,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def filiere(filiere_index):
    return FilierePageFactory(parent=filiere_index, title="Agroalimentaire", slug="agroalimentaire",
                              observatory_slug="agroalimentaire")


def _profile_in(parent, filiere, **fields):
    profile = JobProfilePageFactory(parent=parent, **fields)
    profile.filieres.add(filiere)
    profile.save_revision().publish()
    JobProfileWayInFactory(page=profile)
    return profile


def test_filiere_lists_its_occupations_recruiting_first_companies_and_testimonials(client, filiere, profile_index,
                                                                                 territories):
    region, _nord = territories
    calm = _profile_in(profile_index, filiere, title="Boucher en industrie", rome_codes="H2101")
    busy = _profile_in(profile_index, filiere, title="Conducteur de ligne", rome_codes="H2102")
    make_tension("H2101", region, level=2, fap_code="E0Z21")
    make_tension("H2102", region, level=5, fap_code="E1Z42")
    CompanyFactory(name="Biscuiterie Test", filiere=filiere)
    TestimonialFactory(first_name="Sandrine", job_profiles=[calm])
    html = client.get(filiere.url).content.decode()
    assert html.index(busy.title) < html.index(calm.title)
    assert "1 métier de la filière recrute fortement" in html
    assert "Biscuiterie Test" in html and "Sandrine" in html
    assert "Niveaux de tension : Dares, France Travail, 2019" in html


def test_filiere_index_lists_only_live_filieres(client, filiere_index, filiere):
    hidden = FilierePageFactory(parent=filiere_index, title="Filière brouillon", live=False)
    html = client.get(filiere_index.url).content.decode()
    assert filiere.title in html and hidden.title not in html
    assert client.get(hidden.url).status_code == 404


def test_filiere_page_queries_stay_bounded(client, filiere, profile_index, territories, django_assert_max_num_queries):
    region, _nord = territories
    for index in range(12):
        profile = _profile_in(profile_index, filiere, rome_codes=f"H21{index:02d}")
        make_tension(f"H21{index:02d}", region, level=1 + index % 5, fap_code=f"E{index % 3}Z{index:02d}")
        CompanyFactory(filiere=filiere, job_profiles=[profile])
        TestimonialFactory(job_profiles=[profile])
    client.get(filiere.url)
    with django_assert_max_num_queries(25):
        assert client.get(filiere.url).status_code == 200


@pytest.fixture
def article_index(home_page):
    return ArticleIndexPageFactory(parent=home_page)


def test_article_reading_time_is_computed_from_its_text(article_index):
    article = ArticlePageFactory(parent=article_index, body=[("paragraph", "<p>" + "mot " * 950 + "</p>")])
    assert article.reading_time == 5


def test_article_shows_linked_profiles_and_related_articles_sharing_a_tag(client, article_index, profile_index,
                                                                        filiere):
    profile = _profile_in(profile_index, filiere, title="Automaticienne")
    article = ArticlePageFactory(parent=article_index, title="Les cobots", theme="robotique")
    article.tags.add("robotique")
    article.job_profiles.add(profile)
    article.save_revision().publish()
    sibling = ArticlePageFactory(parent=article_index, title="Le jumeau numérique", theme="numerique")
    sibling.tags.add("robotique")
    sibling.save_revision().publish()
    unrelated = ArticlePageFactory(parent=article_index, title="Recyclage textile", theme="economie-circulaire")
    html = client.get(article.url).content.decode()
    assert "Automaticienne" in html and "Le jumeau numérique" in html and unrelated.title not in html
    assert "minutes de lecture" in html


def test_article_index_filters_by_theme_and_hides_drafts(client, article_index):
    ArticlePageFactory(parent=article_index, title="Cobots", theme="robotique")
    ArticlePageFactory(parent=article_index, title="Four électrique", theme="decarbonation")
    ArticlePageFactory(parent=article_index, title="Brouillon", theme="robotique", live=False)
    html = client.get(article_index.url, {"theme": "robotique"}).content.decode()
    assert "Cobots" in html and "Four électrique" not in html and "Brouillon" not in html
    assert client.get(article_index.url, {"theme": "inconnu", "page": "x"}).status_code == 200


def test_article_index_queries_stay_bounded(client, article_index, django_assert_max_num_queries):
    for _ in range(15):
        ArticlePageFactory(parent=article_index)
    client.get(article_index.url)
    with django_assert_max_num_queries(15):
        assert client.get(article_index.url).status_code == 200


@pytest.fixture
def jobseeker_page(home_page):
    return JobseekerSectionPageFactory(
        parent=home_page, myths=[("myth_fact", {"myth": "C'est sale.", "fact": "Les ateliers sont propres.",
                                                 "source": "Dares, 2019"})],
    )


def test_jobseeker_section_lists_jobs_that_recruit_here_and_quick_paths(client, jobseeker_page, profile_index,
                                                                      filiere, territories):
    _region, nord = territories
    quick = _profile_in(profile_index, filiere, title="Agent de fabrication", rome_codes="H3302")
    JobProfileWayInFactory(page=quick, level="sans-diplome")
    long_path = _profile_in(profile_index, filiere, title="Ingénieur de production", rome_codes="H2502")
    make_tension("H3302", nord, level=4, fap_code="E0Z24")
    client.cookies["territoire"] = "DEP-59"
    response = client.get(jobseeker_page.url)
    html = response.content.decode()
    assert [p.title for p in response.context["recruiting_profiles"]] == ["Agent de fabrication"]
    assert [p.title for p in response.context["no_diploma_profiles"]] == ["Agent de fabrication"]
    assert long_path not in response.context["quick_profiles"]
    assert "Territoire choisi : <strong>Nord</strong>" in html
    assert "C&#x27;est sale." in html or "C'est sale." in html


def test_jobseekers_near_you_ranks_only_levels_published_for_the_chosen_territory(
        client, jobseeker_page, profile_index, filiere, territories):
    region, nord = territories
    _profile_in(profile_index, filiere, title="Agent de fabrication", rome_codes="H3302")
    _profile_in(profile_index, filiere, title="Ingénieur de production", rome_codes="H2502")
    make_tension("H3302", nord, level=3, fap_code="E0Z24")
    make_tension("H2502", region, level=5, fap_code="H1Z80")  # a regional level, carried down to the Nord
    client.cookies["territoire"] = "DEP-59"
    response = client.get(jobseeker_page.url)
    assert [p.title for p in response.context["recruiting_profiles"]] == ["Agent de fabrication"]
    assert "La Dares ne publie pas de niveau" not in response.content.decode()


def test_jobseeker_training_filters_combine_short_funded_and_local(client, jobseeker_page, profile_index, filiere,
                                                                 territories):
    region, nord = territories
    from tests.careers.factories import TerritoryFactory

    oise = TerritoryFactory(key="DEP-60", code="60", name="Oise", parent=region)
    profile = _profile_in(profile_index, filiere)
    TrainingProgrammeFactory(job_profile=profile, title="POEI locale financée", level="formation-courte",
                             funded_for_jobseekers=True, provider=TrainingProviderFactory(territory=nord))
    TrainingProgrammeFactory(job_profile=profile, title="BTS local", level="bts", funded_for_jobseekers=False,
                             provider=TrainingProviderFactory(territory=nord))
    TrainingProgrammeFactory(job_profile=profile, title="POEI dans l'Oise", level="formation-courte",
                             provider=TrainingProviderFactory(territory=oise))
    client.cookies["territoire"] = "DEP-59"
    response = client.get(jobseeker_page.url, {"formation": "courte", "financement": "1"})
    assert [p.title for p in response.context["training"]] == ["POEI locale financée"]
    response = client.get(jobseeker_page.url, {"formation": "n'importe", "financement": "peut-être"})
    assert sorted(p.title for p in response.context["training"]) == ["BTS local", "POEI locale financée"]


def test_jobseeker_section_queries_stay_bounded(client, jobseeker_page, profile_index, filiere, territories,
                                               django_assert_max_num_queries):
    region, _nord = territories
    for index in range(30):
        profile = _profile_in(profile_index, filiere, rome_codes=f"H33{index:02d}")
        make_tension(f"H33{index:02d}", region, level=1 + index % 5, fap_code=f"E{index % 3}Y{index:02d}")
        TrainingProgrammeFactory(job_profile=profile)
    client.get(jobseeker_page.url)
    with django_assert_max_num_queries(20):
        assert client.get(jobseeker_page.url).status_code == 200


def test_each_section_page_type_is_hidden_while_draft(client, home_page):
    for page in (JobseekerSectionPageFactory(parent=home_page, live=False, slug="brouillon-demandeurs"),
                 ArticleIndexPageFactory(parent=home_page, live=False, slug="brouillon-articles")):
        assert client.get(page.url).status_code == 404


def test_the_agency_creates_a_job_profile_in_the_admin(client, profile_index, filiere):
    user = get_user_model().objects.create_superuser("agence", "agence@example.org", "motdepasse-solide")
    client.force_login(user)
    data = nested_form_data({
        "title": "Câbleur ou câbleuse", "slug": "cableur", "title_masculine": "Câbleur", "title_feminine": "Câbleuse",
        "introduction": "Raccorder des faisceaux.", "hero_image": "",
        "easy_read_summary": "Je branche des câbles.", "missions": rich_text("<p>Câbler.</p>"),
        "day_to_day": rich_text(""), "skills": rich_text("<p>Minutie.</p>"),
        "working_conditions": rich_text("<p>Atelier.</p>"), "video": streamfield([]),
        "ways_in": inline_formset([{"level": "titre-pro", "title": "Titre pro câbleur", "duration": "6 mois",
                                    "apprenticeship": "on", "description": ""}], min=1),
        "progression": rich_text(""), "starting_salary": "", "experienced_salary": "", "median_salary": "1683",
        "salary_source": "Dares, 2017-2019", "share_of_women": "", "share_of_women_source": "",
        "rome_codes": "h2602", "fap_code": "C1Z40", "riasec_code": "RI", "tags": "câblage", "seo_title": "", "search_description": "",
        "action-publish": "action-publish",
    })
    data["filieres"] = [str(filiere.pk)]  # a multiple choice, not a nested list
    url = f"/admin/pages/add/careers/jobprofilepage/{profile_index.pk}/"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = JobProfilePage.objects.get(slug="cableur")
    assert page.live and page.get_rome_codes() == ["H2602"] and page.ways_in.get().level == "titre-pro"
    assert list(page.filieres.all()) == [filiere]


def test_page_tree_rules_keep_profiles_under_the_listing():
    assert JobProfilePage.parent_page_types == ["careers.JobProfileIndexPage"]
    assert FilierePage.parent_page_types == ["careers.FiliereIndexPage"]
    assert ArticlePage.parent_page_types == ["careers.ArticleIndexPage"]
    assert JobseekerSectionPage.max_count == 1
