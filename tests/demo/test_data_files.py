"""The demo's data files (demo/data/): every one is read by its loader, valid, and a mistake is named.

No database: the files are checked as the loaders read them, before anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from demo import content
from demo.content import DemoDataError, optional, read_entries, read_object
from demo.loaders import (
    careers,
    observatory_data,
    observatory_pages,
    schools,
    schools_events,
    schools_kits,
    schools_video_scenes,
    website_editorial,
    website_home,
    website_navigation,
)
from demo.pages import images_data, section_pages_data

#: Each data file and the loader function that reads it (and checks its links to other files).
READERS: dict[str, Callable[[], object]] = {
    "careers/filieres": careers.filieres_data,
    "careers/job_profiles": careers.profiles_data,
    "careers/companies": careers.companies_data,
    "careers/testimonials": careers.testimonials_data,
    "careers/training_providers": careers.training_providers_data,
    "careers/articles": careers.articles_data,
    "careers/jobseeker_section": careers.jobseeker_section_data,
    "schools/kits": schools_kits.kits_data,
    "schools/disciplines": schools_kits.disciplines_data,
    "schools/job_cards": schools_kits.job_cards_data,
    "schools/events": schools_events.events_data,
    "schools/quiz_questions": schools.quiz_questions_data,
    "schools/pupils_section": lambda: schools._pupils_body(),
    "schools/teachers_section": lambda: read_object("schools/teachers_section", schools.TEACHERS_SECTION_FIELDS),
    "schools/videos": schools_video_scenes.videos_data,
    "observatory/official_files": observatory_data.official_files_data,
    "observatory/method_pages": observatory_pages.method_pages_data,
    "observatory/home_key_figures": lambda: read_entries("observatory/home_key_figures", observatory_pages.KEY_FIGURE_FIELDS,
                                                         key="fap"),
    "section_pages": section_pages_data,
    "images": images_data,
    "website/legal_pages": website_home.legal_pages_data,
    "website/site_settings": website_home.site_settings_data,
    "website/campaigns": website_editorial.campaigns_data,
    "website/navigation": website_navigation.navigation_data,
    "website/home_audience_entries": website_navigation.audience_entries_data,
}


def test_every_data_file_has_a_reader_and_every_reader_a_file():
    files = {str(path.relative_to(content.DATA_DIR).with_suffix("")) for path in content.DATA_DIR.rglob("*.json")}
    assert files == set(READERS)


@pytest.mark.parametrize("name", sorted(READERS))
def test_data_file_is_valid_and_loads(name):
    assert READERS[name]()


def test_links_between_files_name_known_entries():
    profiles = {profile["slug"] for profile in careers.profiles_data()}
    filieres = {filiere["slug"] for filiere in careers.filieres_data()}
    for kit in schools_kits.kits_data():
        assert set(kit["job_profiles"]) <= profiles and set(kit["filieres"]) <= filieres, kit["slug"]
    for event in schools_events.events_data():
        assert set(event["job_profiles"]) <= profiles and set(event["filieres"]) <= filieres, event["slug"]
    assert {card["job_profile"] for card in schools_kits.job_cards_data()} <= profiles


# --- Mistakes are named: file, entry, field ------------------------------------------------

FIELDS = {"slug": str, "minutes": int, "tags": [str], "note": optional(str, ""), "steps": [{"title": str}]}


@pytest.fixture
def data_file(tmp_path, monkeypatch) -> Callable[[object], None]:
    monkeypatch.setattr(content, "DATA_DIR", tmp_path)
    (tmp_path / "kits").mkdir()

    def write(value: object) -> None:
        text = value if isinstance(value, str) else json.dumps(value)
        (tmp_path / "kits" / "sample.json").write_text(text, encoding="utf-8")
    return write


def test_a_valid_entry_gets_the_default_of_an_optional_field(data_file):
    data_file([{"slug": "a", "minutes": 5, "tags": ["x"], "steps": [{"title": "t"}]}])
    assert read_entries("kits/sample", FIELDS) == [{"slug": "a", "minutes": 5, "tags": ["x"], "note": "", "steps": [{"title": "t"}]}]


@pytest.mark.parametrize(("entry", "message"), [
    ({"minutes": 5, "tags": [], "steps": []}, "entrée 1 : champ « slug » manquant"),
    ({"slug": "a", "minutes": "5", "tags": [], "steps": []}, "entrée 1 (« a »), champ « minutes » : nombre entier attendu"),
    ({"slug": "a", "minutes": True, "tags": [], "steps": []}, "champ « minutes » : nombre entier attendu, trouvé true"),
    ({"slug": "a", "minutes": 5, "tags": "x", "steps": []}, "champ « tags » : une liste était attendue"),
    ({"slug": "a", "minutes": 5, "tags": [], "steps": [{}]}, "champ « steps »[0] : champ « title » manquant"),
    ({"slug": "a", "minutes": 5, "tags": [], "steps": [], "tittle": "x"}, "champ(s) inconnu(s) tittle"),
])
def test_bad_entry_names_the_file_the_entry_and_the_field(data_file, entry, message):
    data_file([entry])
    with pytest.raises(DemoDataError) as error:
        read_entries("kits/sample", FIELDS)
    assert str(error.value).startswith("demo/data/kits/sample.json, entrée 1")
    assert message in str(error.value)


def test_invalid_json_names_the_line(data_file):
    data_file('[\n  {"slug": "a",}\n]')
    with pytest.raises(DemoDataError, match=r"sample\.json, ligne 2, colonne \d+ : JSON invalide"):
        read_entries("kits/sample", FIELDS)


def test_a_duplicate_slug_is_refused(data_file):
    entry = {"slug": "a", "minutes": 5, "tags": [], "steps": []}
    data_file([entry, entry])
    with pytest.raises(DemoDataError, match=r"entrée 2 .*« slug » déjà utilisé"):
        read_entries("kits/sample", FIELDS)


def test_an_unknown_link_names_the_entry_and_the_slug():
    with pytest.raises(DemoDataError, match=r"companies\.json, entrée 1 \(« Forge »\), champ « job_profiles » : soudeur inconnu"):
        content.require_known([{"name": "Forge", "job_profiles": ["soudeur"]}], "job_profiles", ["cariste"],
                              "careers/companies", key="name")


def test_an_event_registering_by_link_needs_its_address(monkeypatch):
    monkeypatch.setattr(schools_events, "read_entries", lambda *args, **kwargs: [
        {"slug": "forum", "registration": "link", "registration_url": "", "registration_phone": ""}])
    with pytest.raises(DemoDataError, match=r"« forum ».*registration_url"):
        schools_events.events_data()


# --- Committed media -------------------------------------------------------------------------

MEDIA = content.DATA_DIR.parent / "media"


def test_committed_pictures_are_small_pngs():
    pictures = sorted((MEDIA / "images").glob("*.png"))
    assert len(pictures) >= 30
    assert all(path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") for path in pictures)
    # A repository, not a photo library: the whole demo's media stays within a few megabytes.
    assert sum(path.stat().st_size for path in MEDIA.rglob("*") if path.is_file()) < 3_000_000


def test_every_picture_a_data_entry_asks_for_is_described_and_committed():
    keys = {"home-hero", "filieres", "campagne-index", "teachers-hero", "pupils-hero"}
    keys |= {f"filiere-{filiere['slug']}" for filiere in careers.filieres_data()}
    keys |= {f"article-{article['slug']}" for article in careers.articles_data()}
    keys |= {f"kit-{kit['slug']}" for kit in schools_kits.kits_data()}
    keys |= {f"campagne-{campaign['slug']}" for campaign in website_editorial.campaigns_data()}
    described = {image["key"] for image in images_data()}
    assert keys <= described
    assert described == {path.stem for path in (MEDIA / "images").glob("*.png")}  # no file left undescribed
