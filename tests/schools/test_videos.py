"""Videos: the demo's self-hosted videos (files, captions, transcript) and the video block's rules."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from wagtail.blocks import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from demo.loaders import schools as demo
from demo.loaders.schools_video_scenes import videos_data
from demo.loaders.schools_videos import MEDIA_DIR
from schools.models import PupilSectionPage
from tests.careers.factories import TerritoryFactory
from website.blocks import VideoBlock


def test_each_demo_video_ships_small_with_french_captions_and_a_poster():
    assert len(videos_data()) >= 2
    for video in videos_data():
        mp4 = MEDIA_DIR / f"{video['slug']}.mp4"
        assert 20_000 < mp4.stat().st_size < 800_000
        captions = (MEDIA_DIR / f"{video['slug']}.vtt").read_text(encoding="utf-8")
        assert captions.startswith("WEBVTT")
        for scene in video["scenes"]:  # every sentence said is captioned
            assert scene["text"] in captions
        assert (MEDIA_DIR / f"{video['slug']}-poster.png").read_bytes().startswith(b"\x89PNG")


def _document(name: str, content: bytes = b"x"):
    document = get_document_model()(title=name)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


@pytest.mark.django_db
def test_a_video_file_without_captions_cannot_be_published():
    block = VideoBlock()
    video = _document("film.mp4")
    value = block.to_python({"title": "Film", "video_file": video.pk, "captions": None, "url": "",
                             "transcript": "<p>Tout ce qui est dit.</p>"})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "sans sous-titres ne peut pas être publiée" in str(error.value.block_errors["captions"])
    wrong = block.to_python({"title": "Film", "video_file": video.pk, "captions": _document("notes.txt").pk,
                             "url": "", "transcript": "<p>t</p>"})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(wrong)
    assert "WebVTT" in str(error.value.block_errors["captions"])
    good = block.to_python({"title": "Film", "video_file": video.pk, "captions": _document("film.vtt", b"WEBVTT").pk,
                            "url": "", "transcript": "<p>t</p>"})
    assert block.clean(good)["video_file"].pk == video.pk


@pytest.mark.django_db
def test_a_video_needs_a_file_or_a_known_address():
    block = VideoBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"title": "x", "url": "", "transcript": "<p>t</p>"}))
    assert "Choisissez un fichier vidéo" in str(error.value.block_errors["url"])


def test_an_external_video_without_poster_keeps_a_visible_play_button():
    block = VideoBlock()
    value = block.to_python({"title": "Portrait", "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                             "transcript": "<p>t</p>"})
    html = block.render(value)
    assert "video-facade--no-poster" in html
    assert "Lire la vidéo « Portrait » sur YouTube" in html


@pytest.mark.django_db
def test_the_pupils_section_shows_the_demo_videos_with_captions_and_transcripts(home_page, client):
    for code, name in [("59", "Nord"), ("62", "Pas-de-Calais"), ("80", "Somme"), ("60", "Oise"), ("02", "Aisne")]:
        TerritoryFactory(key=f"DEP-{code}", level="departement", code=code, name=name)
    demo.load(io.StringIO())
    page = PupilSectionPage.objects.get()
    html = client.get(page.url).content.decode()
    assert html.count("<video ") == len(videos_data())
    assert html.count('<track kind="captions"') == len(videos_data())
    assert 'srclang="fr"' in html and 'preload="none"' in html
    for video in videos_data():
        assert f"Transcription de la vidéo « {video['title']} »" in html
        assert video["scenes"][0]["text"] in html
    track = html.split('<track kind="captions" src="')[1].split('"')[0]
    response = client.get(track)
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content]).startswith(b"WEBVTT")
    demo.load(io.StringIO())  # idempotent: no second copy of the videos
    assert sum(1 for block in PupilSectionPage.objects.get().body if block.block_type == "video") == len(videos_data())


def test_transcript_html_names_what_is_shown():
    from demo.loaders.schools_video_scenes import transcript_html

    html = transcript_html(videos_data()[0])
    assert "À l’image" in html
    RichText(html)  # valid rich text source
