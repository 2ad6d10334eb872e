"""The careers demo content: idempotent, complete enough, with the real official codes."""

from __future__ import annotations

import csv
import io

import pytest

from demo.loaders import careers as careers_loader
from demo.loaders.careers import profiles_data

pytestmark = [pytest.mark.django_db, pytest.mark.demo_loader]


def _counts() -> dict[str, int]:
    from careers.models import (
        ArticlePage,
        Company,
        FilierePage,
        JobProfilePage,
        JobProfileWayIn,
        Testimonial,
        TrainingProgramme,
    )
    from website.models import SiteImage

    return {model.__name__: model.objects.count() for model in (
        ArticlePage, Company, FilierePage, JobProfilePage, JobProfileWayIn, Testimonial, TrainingProgramme, SiteImage)}


def test_demo_loads_the_promised_content_and_a_second_run_changes_nothing():
    from careers.models import JobProfilePage
    from demo.loaders import careers as careers_demo
    from demo.loaders import website_home as website_demo
    from website.models import HomePage

    website_demo.load(io.StringIO())
    careers_demo.load(io.StringIO())
    first = _counts()
    assert first["JobProfilePage"] >= 30 and first["FilierePage"] == 8 and first["Company"] == 12
    assert first["Testimonial"] == 20 and first["ArticlePage"] == 10 and first["TrainingProgramme"] >= 10
    home = HomePage.objects.get()
    assert len(home.highlights) == 6
    careers_demo.load(io.StringIO())
    assert _counts() == first
    # The DARES salary and share of women are the observatory's; the manual fields are an editor's own.
    typed = JobProfilePage.objects.exclude(median_salary=None, share_of_women=None, starting_salary=None,
                                           experienced_salary=None)
    assert not typed.exists(), list(typed.values_list("slug", flat=True))


def test_every_demo_testimonial_has_a_consent_date():
    # testimonials_data is not imported by name: pytest would collect it as a test (test…).
    assert all(testimonial["consent_date"] for testimonial in careers_loader.testimonials_data())


@pytest.mark.shared_data
def test_demo_profiles_use_real_rome_codes_and_a_matching_fap_family(shared_data):
    with (shared_data / "rome-v3" / "referentiel_code_rome_v347.csv").open(encoding="utf-8") as handle:
        rome_codes = {row["code_rome"] for row in csv.DictReader(handle)}
    with (shared_data / "dares-psm" / "fap225_rome.csv").open(encoding="latin-1") as handle:
        pairs = {(row["Rome"], row["Fap"]) for row in csv.DictReader(handle, delimiter=";")}
    for profile in profiles_data():
        assert profile["rome"] in rome_codes, profile["slug"]
        assert (profile["rome"], profile["fap"]) in pairs, profile["slug"]
