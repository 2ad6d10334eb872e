"""The demo's videos as documents and blocks: files rendered once by ``demo/media/videos/make_videos.py``.

Each video becomes two documents (the MP4 and its French WebVTT captions) and an image (the
poster), found again by title on later loads; the transcript comes from the same scenes as the
captions (``demo/data/schools/videos.json``: one source for the video, its captions and its
transcript).
"""

from __future__ import annotations

from pathlib import Path

from django.core.files import File
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.rich_text import RichText

from demo.loaders.schools_video_scenes import transcript_html, videos_data
from website.models import SiteImage

#: The rendered videos, captions and posters (committed; see make_videos.py there).
MEDIA_DIR = Path(__file__).resolve().parents[1] / "media" / "videos"


def _document(title: str, path: Path):
    document_model = get_document_model()
    existing = document_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    document = document_model(title=title, collection=Collection.get_first_root_node())
    with path.open("rb") as handle:
        document.file.save(path.name, File(handle), save=False)
    document.file_size = path.stat().st_size
    document.save()
    return document


def _poster(title: str, path: Path, video_title: str) -> SiteImage:
    # The library's alt text describes the image wherever an editor reuses it; on the video block
    # itself the poster is decorative (below).
    description = f"Image d'aperçu de la vidéo « {video_title} » : son titre sur un fond illustré."
    image = SiteImage.objects.filter(title=title).first()
    if image is None:
        image = SiteImage(title=title, description=description, credit="Illustration générée — Industrie d'avenir")
        with path.open("rb") as handle:
            image.file = ImageFile(handle, name=path.name)
            image.save()
    elif not image.description:  # demos loaded before the alt text was given
        image.description = description
        image.save(update_fields=["description"])
    # The poster repeats the title said next to the player: decorative for screen readers.
    image.contextual_alt_text, image.decorative = "", True
    return image


def _captions_length(path: Path) -> int:
    """Seconds until the end of the last caption (the video ends with it, plus a short pause)."""
    last = [line for line in path.read_text(encoding="utf-8").splitlines() if "-->" in line][-1]
    hours, minutes, seconds = last.split("-->")[1].strip().split(":")
    return round(int(hours) * 3600 + int(minutes) * 60 + float(seconds) + 0.7)


def video_blocks() -> list[tuple[str, object]]:
    """A heading and one video block per demo video, ready for a page body."""
    blocks: list[tuple[str, object]] = [("paragraph", RichText(
        "<h2>Des métiers en vidéo</h2><p>Deux vidéos courtes, sous-titrées, avec leur transcription "
        "complète sous chacune.</p>"))]
    for video in videos_data():
        seconds = _captions_length(MEDIA_DIR / f"{video['slug']}.vtt")
        blocks.append(("video", {
            "title": video["title"],
            "video_file": _document(f"Vidéo — {video['title']}", MEDIA_DIR / f"{video['slug']}.mp4"),
            "captions": _document(f"Sous-titres — {video['title']}", MEDIA_DIR / f"{video['slug']}.vtt"),
            "url": "",
            "poster": _poster(f"Aperçu — {video['title']}", MEDIA_DIR / f"{video['slug']}-poster.png", video["title"]),
            "duration": f"{seconds} s",
            "transcript": RichText(transcript_html(video)),
        }))
    return blocks
