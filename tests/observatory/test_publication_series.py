"""Publication is scoped per series: files of one kind carrying different figures coexist as published."""

from __future__ import annotations

import re

import pytest

from observatory.importers.service import publish_dataset
from observatory.models import Dataset, DatasetStatus, OccupationStats
from tests.observatory.conftest import import_bytes, import_file

NEWER_SALARIES = '"Fap3","Annee","Salaire_median"\n"D2Z42","2018-2020",1790\n"H0Z91","2018-2020",3150\n'


@pytest.fixture
def portraits(db):
    """The FAP nomenclature, the DARES median salaries and share of women (shipped extracts), published."""
    import_file("fap", "intitule_fap2009.txt")
    salaries = import_file("occupation-stats", "salaire_median_3niv.csv", publish=True).dataset
    women = import_file("occupation-stats", "part_femmes_2017_2019.csv", publish=True).dataset
    return salaries, women


def test_each_portrait_file_is_its_own_series(portraits):
    salaries, women = portraits
    assert (salaries.series, women.series) == ("median_salary", "share_women")
    assert women.series_label == "part de femmes" and women.vintage == 2019


def test_publishing_the_share_of_women_leaves_the_salaries_published(portraits):
    salaries, women = portraits
    salaries.refresh_from_db()
    assert salaries.status == DatasetStatus.PUBLISHED and women.status == DatasetStatus.PUBLISHED
    assert women.supersedes_id is None
    published = OccupationStats.objects.published()
    assert published.filter(indicator="median_salary", fap__code="H0Z91", period="2017-2019").get().value == 3100
    assert round(published.get(indicator="share_women", fap__code="H0Z91").value, 1) == 22.1


def test_the_share_of_women_is_compared_with_no_salary_file(portraits):
    """A first share-of-women file is all new rows, not « changed » salaries."""
    _, women = portraits
    assert "Comparaison avec la version publiée" not in women.summary


def test_a_newer_salaries_vintage_archives_only_the_older_salaries(portraits):
    salaries, women = portraits
    newer = import_bytes("occupation-stats", NEWER_SALARIES, "salaire_median_2020.csv", publish=True)
    assert newer.ok, newer.log.report_lines()
    assert newer.dataset.vintage == 2020 and newer.dataset.supersedes_id == salaries.pk
    statuses = dict(Dataset.objects.filter(kind="occupation-stats").values_list("pk", "status"))
    assert statuses == {salaries.pk: DatasetStatus.REPLACED, women.pk: DatasetStatus.PUBLISHED,
                        newer.dataset.pk: DatasetStatus.PUBLISHED}


def test_restoring_the_older_salaries_archives_the_newer_and_keeps_the_women(portraits):
    salaries, women = portraits
    newer = import_bytes("occupation-stats", NEWER_SALARIES, "salaire_median_2020.csv", publish=True).dataset
    salaries.refresh_from_db()
    assert publish_dataset(salaries) == newer
    statuses = dict(Dataset.objects.filter(kind="occupation-stats").values_list("pk", "status"))
    assert statuses == {salaries.pk: DatasetStatus.PUBLISHED, women.pk: DatasetStatus.PUBLISHED,
                        newer.pk: DatasetStatus.REPLACED}


def test_other_kinds_still_publish_one_version_per_vintage(db):
    """A 2023 BMO survey never archives the 2025 one: only cumulative kinds ignore the vintage."""
    first = Dataset.objects.create(kind="bmo", title="BMO", source="France Travail", vintage=2023,
                                   original_filename="a.csv", checksum="0" * 64, status=DatasetStatus.PUBLISHED)
    second = Dataset.objects.create(kind="bmo", title="BMO", source="France Travail", vintage=2025,
                                    original_filename="b.csv", checksum="1" * 64)
    assert publish_dataset(second) is None
    first.refresh_from_db()
    assert first.status == DatasetStatus.PUBLISHED


def test_the_api_lists_both_published_series_and_names_them(portraits, client):
    listed = client.get("/api/v1/datasets/", {"kind": "occupation-stats"}).json()["results"]
    assert sorted(item["series"] for item in listed) == ["median_salary", "share_women"]


def test_the_observatory_lists_each_published_series_by_name(portraits, client, home_page):
    from observatory.models import ObservatoryIndexPage

    page = home_page.add_child(instance=ObservatoryIndexPage(title="Observatoire", slug="observatoire"))
    text = re.sub(r"<[^>]+>", "", client.get(page.url).content.decode())
    assert "Portrait statistique des métiers — salaire médian" in text
    assert "Portrait statistique des métiers — part de femmes" in text
