"""Profile prose that isn't templated (#15): each demo profile's « journée type » is its own text,
an older demo database gets it without losing an editor's work, and generated pages have no prose."""

from __future__ import annotations

import io
import re
from collections import defaultdict

import pytest
from django.utils.html import strip_tags

from careers.models import JobProfilePage
from careers.occupations import create_occupation_pages
from demo.loaders.careers import profiles_data

DAYS = {profile["slug"]: profile["day"] for profile in profiles_data()}


def _sentences(html: str) -> list[str]:
    text = re.sub(r"\s+", " ", strip_tags(html)).strip()
    return [sentence.strip().lower() for sentence in re.split(r"(?<=[.!?…])\s+", text) if sentence.strip()]


def test_every_demo_profile_has_its_own_day_of_a_sensible_length():
    assert len(DAYS) == len(profiles_data()) == 38
    for slug, day in DAYS.items():
        assert day.startswith("<p>") and day.endswith("</p>"), slug
        words = len(strip_tags(day).split())
        assert 40 <= words <= 160, (slug, words)
        assert "équipe suivante" not in day.lower(), slug
        assert len(_sentences(day)) >= 3, slug


def test_no_two_demo_profiles_share_a_sentence_of_their_day():
    profiles_by_sentence = defaultdict(set)
    for slug, day in DAYS.items():
        for sentence in _sentences(day):
            profiles_by_sentence[sentence].add(slug)
    shared = {sentence: slugs for sentence, slugs in profiles_by_sentence.items() if len(slugs) > 1}
    assert not shared


def test_no_two_demo_days_open_or_close_the_same_way():
    """A template shows in its frame: the first and last few words of each day differ from profile to profile."""
    openings = [" ".join(_sentences(day)[0].split()[:4]) for day in DAYS.values()]
    closings = [" ".join(_sentences(day)[-1].split()[-4:]) for day in DAYS.values()]
    assert len(set(openings)) == len(openings)
    assert len(set(closings)) == len(closings)


@pytest.mark.django_db
@pytest.mark.demo_loader
def test_the_demo_loads_the_written_days_and_upgrades_only_the_untouched_templated_ones():
    from demo.loaders import careers as careers_demo
    from demo.loaders import website_home as website_demo

    website_demo.load(io.StringIO())
    careers_demo.load(io.StringIO())
    for slug, day in DAYS.items():
        assert JobProfilePage.objects.get(slug=slug).day_to_day == day, slug

    # A database loaded before #15: the generated sentence, published. An editor then changed one
    # profile's day, and left a draft pending on another.
    by_slug = {profile["slug"]: profile for profile in profiles_data()}
    old, edited, drafted = "soudeur-soudeuse", "cariste", "patronnier-patronniere"
    for slug in (old, edited, drafted):
        page = JobProfilePage.objects.get(slug=slug)
        page.day_to_day = careers_demo._templated_day(by_slug[slug])
        page.save_revision().publish()
    assert "l'équipe suivante" in JobProfilePage.objects.get(slug=old).day_to_day
    page = JobProfilePage.objects.get(slug=edited)
    page.day_to_day = page.day_to_day.replace("</p>", " Texte d'éditeur.</p>")
    page.save_revision().publish()
    page = JobProfilePage.objects.get(slug=drafted)
    page.title_feminine = "Patronnière (brouillon)"
    page.save_revision()
    revisions = JobProfilePage.objects.get(slug=old).revisions.count()

    careers_demo.load(io.StringIO())

    upgraded = JobProfilePage.objects.get(slug=old)
    assert upgraded.day_to_day == DAYS[old] and upgraded.live and not upgraded.has_unpublished_changes
    assert upgraded.revisions.count() == revisions + 1
    assert upgraded.get_latest_revision().content["day_to_day"] == DAYS[old]
    assert JobProfilePage.objects.get(slug=edited).day_to_day.endswith(" Texte d'éditeur.</p>")
    drafted_page = JobProfilePage.objects.get(slug=drafted)
    assert drafted_page.day_to_day == careers_demo._templated_day(by_slug[drafted])
    assert drafted_page.get_latest_revision_as_object().title_feminine == "Patronnière (brouillon)"
    revisions = {page.pk: page.revisions.count() for page in JobProfilePage.objects.all()}
    careers_demo.load(io.StringIO())  # nothing left to upgrade: no new revision anywhere
    assert {page.pk: page.revisions.count() for page in JobProfilePage.objects.all()} == revisions


@pytest.mark.django_db
def test_short_profiles_made_from_the_rome_have_no_prose_at_all(profile_index):
    from observatory.models import RomeOccupation

    RomeOccupation.objects.create(code="H2201", label="Assemblage d'ouvrages en bois", domain="H",
                                  riasec_major="R", riasec_minor="C")
    RomeOccupation.objects.create(code="H2909", label="Montage-assemblage mécanique", domain="H",
                                  riasec_major="R", riasec_minor="I")
    created = create_occupation_pages(profile_index)
    assert len(created) == 2
    for page in JobProfilePage.objects.filter(pk__in=[page.pk for page in created]):
        assert page.is_short, page.rome_codes
        for name in (*JobProfilePage.PROSE_FIELDS, "day_to_day", "progression"):
            assert not strip_tags(getattr(page, name) or "").strip(), (page.rome_codes, name)
        assert not page.video
