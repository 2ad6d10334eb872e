"""What pages get: tension summaries, the "qui recrute" ranking, key figures, territory choice, pages."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.template.loader import render_to_string
from django.test import RequestFactory

from observatory.models import KeyIndicator, ObservatoryIndexPage, Territory
from observatory.services import tension_for_occupation, tensions_for_occupations, top_tension_occupations
from observatory.territory import COOKIE_NAME, get_visitor_territory


def test_tension_of_a_rome_code_in_a_departement(tension_data):
    nord = Territory.objects.get(key="DEP-59")
    summary = tension_for_occupation("H2913", nord)
    assert summary is not None
    assert summary.territory == nord and not summary.is_fallback
    assert 1 <= summary.level <= 5 and summary.level_label
    assert summary.source == "Dares, France Travail" and summary.vintage == 2019
    assert summary.fap_code.startswith("D")
    assert len(summary.reasons) <= 2


def test_territory_without_figures_falls_back_to_its_region_and_says_so(tension_data):
    aube = Territory.objects.get(key="DEP-10")  # Grand Est: not in the demo subset, nor is its region
    summary = tension_for_occupation("H2913", aube)
    assert summary.is_fallback and summary.territory.key == "FR"
    assert summary.requested_territory == aube


def test_bulk_tensions_use_few_queries_whatever_the_number_of_codes(tension_data, django_assert_max_num_queries):
    nord = Territory.objects.select_related("parent__parent").get(key="DEP-59")
    with django_assert_max_num_queries(3):
        result = tensions_for_occupations(["H2913", "H2903", "I1304", "N1103", "H2502", "Z9999"], nord)
    assert "H2913" in result and "Z9999" not in result
    with django_assert_max_num_queries(0):
        tensions_for_occupations(["H2913", "H2903", "I1304", "N1103", "H2502", "Z9999"], nord)


def test_top_occupations_are_sorted_by_published_level_then_score_and_can_be_restricted(tension_data):
    region = Territory.objects.get(key="REG-32")
    top = top_tension_occupations(region, limit=5)
    assert len(top) == 5
    ranks = [(item.level, item.score) for item in top]
    assert ranks == sorted(ranks, reverse=True)
    only = top_tension_occupations(region, rome_codes=["H2913", "H2903"])
    assert {item.rome_code for item in only} <= {"H2913", "H2903"}
    industry = top_tension_occupations(region, domains=["H"], limit=3)
    assert all(item.rome_code.startswith("H") for item in industry)


def test_badge_shows_level_in_words_reasons_source_and_method(tension_data):
    summary = tension_for_occupation("H2913", Territory.objects.get(key="DEP-59"))
    html = render_to_string("components/tension_badge.html", {"tension": summary})
    assert summary.level_label.lower() in html
    assert "sur 5" in html and "Dares, France Travail, 2019" in html
    assert summary.method_url in html
    assert 'aria-hidden="true"' in html  # the icon is decoration: the level is in words


def test_visitor_territory_comes_from_the_cookie_else_the_region(tension_data):
    factory = RequestFactory()
    request = factory.get("/")
    request.COOKIES[COOKIE_NAME] = "DEP-62"
    assert get_visitor_territory(request).key == "DEP-62"
    request = factory.get("/")
    request.COOKIES[COOKIE_NAME] = "<script>"
    assert get_visitor_territory(request).key == "REG-32"


def test_choosing_a_territory_sets_a_functional_cookie_and_returns(client, tension_data):
    response = client.get("/territoire/", {"territoire": "DEP-80", "next": "/observatoire/"})
    assert response.status_code == 302 and response["Location"] == "/observatoire/"
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value == "DEP-80" and cookie["samesite"] == "Lax" and cookie["max-age"] == 365 * 24 * 3600


def test_unknown_territory_or_foreign_redirect_is_refused(client, tension_data, home_page):
    assert client.get("/territoire/", {"territoire": "DEP-999"}).status_code == 400
    response = client.get("/territoire/", {"territoire": "DEP-59", "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.fixture
def observatory_page(home_page, tension_data):
    page = ObservatoryIndexPage(title="Observatoire", slug="observatoire", ranking_limit=5)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_observatory_page_lists_who_recruits_and_the_datasets(client, observatory_page,
                                                                 django_assert_max_num_queries):
    client.get(observatory_page.url)  # warm Wagtail's site caches
    with django_assert_max_num_queries(30):
        response = client.get(observatory_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Métiers qui recrutent près de chez vous" in html
    assert "Les tensions sur le marché du travail" in html
    assert "Source : Dares, France Travail, 2019" in html


def test_observatory_page_follows_the_territory_cookie(client, observatory_page):
    client.cookies[COOKIE_NAME] = "DEP-62"
    html = client.get(observatory_page.url).content.decode()
    assert "Pas-de-Calais" in html


def test_a_zone_demploi_visitor_downloads_the_tension_file_of_the_territory_the_page_shows(client, observatory_page):
    from website.caching import bump_content_version

    Territory.objects.create(key="ZE-9999", level="zone_emploi", code="9999", name="Zone test",
                             parent=Territory.objects.get(key="DEP-59"))
    bump_content_version()  # the territory tree is kept under the content version
    client.cookies[COOKIE_NAME] = "ZE-9999"
    html = client.get(observatory_page.url).content.decode()
    # DARES publishes nothing by zone d'emploi: the page shows the Nord's levels, and offers its file.
    assert "territory=DEP-59&amp;format=csv-fr" in html
    assert "Télécharger les indicateurs de tension — Nord" in html
    assert "territory=ZE-9999&amp;format=csv-fr" not in html


def test_key_indicator_never_typed_comes_from_published_data(tension_data):
    from observatory.models import FapFamily

    indicator = KeyIndicator.objects.create(title="Usinage", measure=KeyIndicator.Measure.TENSION_LEVEL,
                                            territory=Territory.objects.get(key="REG-32"),
                                            fap=FapFamily.objects.get(code="D1Z"))
    figure = indicator.current()
    assert figure.vintage == 2019 and figure.dataset.source == "Dares, France Travail"
    assert figure.display in {"Très faible", "Faible", "Moyenne", "Forte", "Très forte"}


def test_statisticians_group_can_import_and_publish(db):
    group = Group.objects.get(name="Statisticiens")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"import_dataset", "publish_dataset", "access_admin"} <= codenames


def test_admin_upload_refuses_a_bad_file_with_a_report(client, nomenclatures, django_user_model):
    from django.core.files.uploadedfile import SimpleUploadedFile

    user = django_user_model.objects.create_user("stat", password="x")
    user.groups.add(Group.objects.get(name="Statisticiens"))
    client.force_login(user)
    assert client.get("/admin/observatoire/importer/").status_code == 200
    bad = SimpleUploadedFile("tension.csv", b"fap,Emploi moyen\nD1Z40,12\n", content_type="text/csv")
    response = client.post("/admin/observatoire/importer/", {"kind": "tension", "file": bad, "publish": "on"},
                           follow=True)
    assert response.redirect_chain[0][0].startswith("/admin/observatoire/imports/")
    assert "colonne obligatoire absente" in response.content.decode()
    exe = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = client.post("/admin/observatoire/importer/", {"kind": "tension", "file": exe})
    assert response.status_code == 200 and "extension" in response.content.decode().lower()


def test_admin_upload_imports_and_publishes_then_lists_the_version(client, nomenclatures, django_user_model):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .conftest import DATA

    user = django_user_model.objects.create_user("stat2", password="x")
    user.groups.add(Group.objects.get(name="Statisticiens"))
    client.force_login(user)
    upload = SimpleUploadedFile("tensions.csv", (DATA / "tensions_hdf_2019.csv").read_bytes(), content_type="text/csv")
    response = client.post("/admin/observatoire/importer/", {"kind": "tension", "file": upload, "publish": "on"},
                           follow=True)
    assert response.status_code == 200 and "État : terminé" in response.content.decode()
    listing = client.get("/admin/observatoire/jeux-de-donnees/").content.decode()
    assert "tensions.csv" in listing and "publié" in listing


def test_anonymous_or_editor_cannot_reach_the_upload_screen(client, db, django_user_model):
    assert client.get("/admin/observatoire/importer/").status_code == 302
    editor = django_user_model.objects.create_user("editor", password="x")
    client.force_login(editor)
    assert client.get("/admin/observatoire/importer/").status_code in (302, 403)


def test_publishing_new_figures_invalidates_cached_summaries(tension_data, django_capture_on_commit_callbacks):
    from .conftest import DATA, import_bytes

    nord = Territory.objects.get(key="DEP-59")
    before = tension_for_occupation("H2913", nord)
    lines = (DATA / "tensions_hdf_2019.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    fap = before.fap_code
    changed = [lines[0]] + [
        line.replace(line.split(",")[2], "-3.0", 1).replace(line.split(",")[3], "1.0", 1)
        if line.startswith(fap + ",") and line.rstrip().endswith(",59") else line
        for line in lines[1:]
    ]
    with django_capture_on_commit_callbacks(execute=True):  # the cache is invalidated once the import commits
        result = import_bytes("tension", "".join(changed), publish=True)
    assert result.ok and result.updated >= 1
    after = tension_for_occupation("H2913", nord)
    assert after.dataset == result.dataset
    assert after.score != before.score


def test_home_page_key_figures_render_with_source_in_bounded_queries(client, home_page, tension_data,
                                                                      django_assert_max_num_queries):
    from observatory.models import FapFamily

    indicator = KeyIndicator.objects.create(title="Usinage en Hauts-de-France",
                                            measure=KeyIndicator.Measure.TENSION_LEVEL,
                                            territory=Territory.objects.get(key="REG-32"),
                                            fap=FapFamily.objects.get(code="D1Z"))
    home_page.key_figures = [("key_figures", {"heading": "L'industrie en chiffres",
                                              "figures": [{"indicator": indicator, "comment": ""}]})]
    home_page.save_revision().publish()
    client.get("/")
    with django_assert_max_num_queries(25):
        html = client.get("/").content.decode()
    assert "Usinage en Hauts-de-France" in html and "Dares, France Travail, 2019" in html


def test_indicator_block_renders_in_any_content_page(tension_data):
    from observatory.blocks import IndicatorBlock
    from observatory.models import FapFamily

    indicator = KeyIndicator.objects.create(title="Maintenance", measure=KeyIndicator.Measure.TENSION_LEVEL,
                                            territory=Territory.objects.get(key="DEP-59"),
                                            fap=FapFamily.objects.get(code="G1Z"))
    block = IndicatorBlock()
    html = block.render(block.to_python({"indicator": indicator.pk, "comment": "Un métier qui recrute."}))
    assert "Maintenance" in html and "Source :" in html and "2019" in html and "Un métier qui recrute." in html


def test_the_ranking_never_lists_a_category_dares_did_not_publish(tension_data):
    # In Somme and Aisne many families have no published category (too few people): their score is
    # carried down from a larger area and must not rank them.
    for key in ("DEP-02", "DEP-80"):
        top = top_tension_occupations(Territory.objects.get(key=key), limit=10)
        assert top and all(item.level is not None for item in top), key
        assert all(item.territory.key == key for item in top)


def test_a_code_stands_for_the_family_of_a_qualified_jobseeker(tension_data):
    from observatory.models import RomeFapLink

    # The DARES crosswalk sends H2913 to D2Z42 (welders) for qualification digits 0, 3, 4, 6-9 and
    # to D3Z20 (unskilled metalworkers) for 1, 2 and 5.
    links = {link.fap.code: link for link in RomeFapLink.objects.filter(rome__code="H2913").select_related("fap")}
    assert links["D2Z42"].qualifications == "0346789" and links["D2Z42"].is_default
    assert links["D3Z20"].qualifications == "125" and not links["D3Z20"].is_default
    oise = Territory.objects.get(key="DEP-60")
    summary = tension_for_occupation("H2913", oise)
    assert summary.fap_code == "D2Z42" and summary.level == 5 and summary.territory == oise


def test_a_declared_family_gets_its_own_published_level_here_before_any_fallback(tension_data):
    from observatory.services import tensions_for_families

    somme = Territory.objects.get(key="DEP-80")
    found = tensions_for_families([("H2913", "D2Z42"), ("H2913", "D3Z20"), ("H2913", "")], somme)
    assert found[("H2913", "D2Z42")].fap_code == "D2Z42"
    # D2Z42 has no published category in Somme (2019 file): the region's is shown, and said.
    assert found[("H2913", "D2Z42")].is_fallback and found[("H2913", "D2Z42")].territory.key == "REG-32"
    assert found[("H2913", "")].fap_code == "D2Z42"
    assert found[("H2913", "D3Z20")].fap_code == "D3Z20"


def test_reasons_are_given_only_from_a_medium_level_up(tension_data):
    from observatory.models import RomeOccupation
    from observatory.services import REASONS_FROM_LEVEL

    codes = list(RomeOccupation.objects.filter(domain="H").values_list("code", flat=True))
    summaries = tensions_for_occupations(codes, Territory.objects.get(key="REG-32")).values()
    low = [item for item in summaries if item.level < REASONS_FROM_LEVEL]
    high = [item for item in summaries if item.level >= REASONS_FROM_LEVEL]
    assert low and high
    assert all(item.reasons == [] for item in low)
    assert any(item.reasons for item in high)


def _hiring_rows(territory, *cells):
    """A published BMO dataset with one row per (projects, difficult, secret) cell.

    ``secret`` names the count a secret cell was left out of: "projects" (then every count is a
    minimum), "difficult", "seasonal", or "" for none.
    """
    from observatory.models import Dataset, HiringProjects

    dataset = Dataset.objects.create(kind="bmo", title="BMO", source="France Travail, BMO", vintage=2025,
                                     original_filename="bmo.xlsx", checksum="0" * 64, status="published")
    for number, (projects, difficult, secret) in enumerate(cells):
        HiringProjects.objects.create(dataset=dataset, territory=territory, year=2025, occupation_code=f"X{number}",
                                      occupation_label="Métier", projects=projects, difficult=difficult,
                                      seasonal=0, has_secret=bool(secret), projects_partial=secret == "projects",
                                      difficult_partial=secret in ("projects", "difficult"),
                                      seasonal_partial=secret in ("projects", "seasonal"))


@pytest.mark.parametrize(("cells", "projects", "difficult"), [
    ([(1200, 600, ""), (800, 200, "")], "2\u202f000", "40\u202f%"),
    ([(1200, 600, ""), (800, 100, "seasonal")], "2\u202f000", "35\u202f%"),  # only a seasonal count secret
    ([(1200, 600, ""), (800, None, "difficult")], "2\u202f000", None),  # a secret difficult count
    ([(1200, 600, ""), (None, None, "projects")], "au moins 1\u202f200", None),  # a wholly secret cell
])
def test_hiring_key_figures_say_at_least_under_secrecy_and_give_a_share_only_when_both_parts_are_known(
        nomenclatures, cells, projects, difficult):
    region = Territory.objects.get(key="REG-32")
    _hiring_rows(region, *cells)
    total = KeyIndicator.objects.create(title="Projets", measure=KeyIndicator.Measure.HIRING_PROJECTS,
                                        territory=region).current()
    share = KeyIndicator.objects.create(title="Difficiles", measure=KeyIndicator.Measure.HIRING_DIFFICULT,
                                        territory=region).current()
    assert total.display == projects
    assert (share.display if share else None) == difficult


@pytest.mark.parametrize(("secret", "at_least", "share_difficult", "share_seasonal"), [
    ("projects", True, None, None),  # the projects count itself is a minimum: no share from it
    ("seasonal", False, 25.0, None),  # projects and difficult projects complete: exact, with their share
])
def test_a_profiles_hiring_projects_say_at_least_only_when_the_projects_count_is_partial(
        tension_data, secret, at_least, share_difficult, share_seasonal):
    from observatory.models import FapFamily, HiringProjects
    from observatory.services import tensions_for_families

    region = Territory.objects.get(key="REG-32")
    _hiring_rows(region, (1200, 300, secret))
    HiringProjects.objects.update(fap=FapFamily.objects.get(code="D2Z42"))
    tension = tensions_for_families([("H2913", "D2Z42")], region)[("H2913", "D2Z42")]
    hiring = tension.hiring_projects
    assert hiring.projects == 1200 and hiring.has_secret and hiring.projects_partial is at_least
    assert (hiring.share_difficult, hiring.share_seasonal) == (share_difficult, share_seasonal)
    html = render_to_string("components/tension_badge.html", {"tension": tension})
    assert ("au moins" in html) is at_least
    assert ("dont 25\u202f% jugés difficiles" in html) is (share_difficult is not None)


def test_a_median_salary_figure_is_the_familys_national_median_never_typed(tension_data):
    from observatory.models import FapFamily
    from tests.observatory.conftest import import_file

    import_file("occupation-stats", "salaire_median_3niv.csv", publish=True)
    region = Territory.objects.get(key="REG-32")
    indicator = KeyIndicator.objects.create(title="Cadres techniques de la maintenance", territory=region,
                                            measure=KeyIndicator.Measure.MEDIAN_SALARY,
                                            fap=FapFamily.objects.get(code="H0Z91"))
    figure = indicator.current()
    assert figure.display == "3\u202f100\u202f€"  # H0Z91, not the 3 120 € of all industrial engineers (H0Z)
    assert figure.is_national and figure.territory.key == "FR" and figure.vintage == "2017-2019"
    html = render_to_string("blocks/indicator_block.html", {"value": {"indicator": indicator, "comment": ""}})
    assert "France entière" in html and "2017-2019" in html


def test_an_industry_jobs_figure_says_when_its_data_are_synthetic(nomenclatures):
    from observatory.industry_service import ensure_default_filieres, recompute_industry
    from tests.observatory.conftest import import_file

    import_file("naf", "naf_rev2.csv")
    import_file("employment", "emploi_synthetique_hdf_2023.csv", publish=True, synthetic=True)
    ensure_default_filieres()
    recompute_industry()
    indicator = KeyIndicator.objects.create(title="Emplois industriels", measure=KeyIndicator.Measure.INDUSTRY_JOBS,
                                            territory=Territory.objects.get(key="REG-32"), definition="sector")
    figure = indicator.current()
    assert figure is not None and figure.vintage == 2023
    html = render_to_string("blocks/indicator_block.html", {"value": {"indicator": indicator, "comment": ""}})
    assert "données synthétiques, non officielles" in html
