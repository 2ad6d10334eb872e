"""Helpers shared by the demo loaders (``demo/loaders/``): pages and pictures.

Every helper is idempotent: it finds what a previous run created (by slug, title or a
natural key) and returns it unchanged, so ``load_demo`` can run any number of times.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from django.core.files.images import ImageFile
from wagtail.models import Page

from demo.content import DemoDataError, Fields, optional, read_entries, require_known
from website.models import SiteImage

P = TypeVar("P", bound=Page)


def get_or_create_page(parent: Page, model: type[P], slug: str, **fields: Any) -> P:
    """The live child of ``parent`` with ``slug``, created and published if absent."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific  # type: ignore[return-value]
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


#: The sections' and indexes' own texts (demo/data/section_pages.json), by page slug. The fields
#: after ``seo_title`` belong to one page type each (HTML where the field is rich text).
SECTION_PAGE_FIELDS: Fields = {
    "slug": str, "title": str, "introduction": optional(str, ""), "seo_title": optional(str, ""),
    "body": optional(str, ""), "explanation": optional(str, ""), "result_note": optional(str, ""),
    "help_text_block": optional(str, ""), "featured_rome_code": optional(str, ""),
}


def section_pages_data() -> list[dict]:
    return read_entries("section_pages", SECTION_PAGE_FIELDS)


def section_page(slug: str) -> dict[str, str]:
    """The fields of the section or index page ``slug``: its title, introduction and those it sets."""
    for page in section_pages_data():
        if page["slug"] == slug:
            return {name: value for name, value in page.items() if name != "slug" and value}
    raise DemoDataError(f"demo/data/section_pages.json : aucune entrée pour la page « {slug} »")


#: The demo's pictures: committed files (``demo/media/images/<key>.png``; draw_illustration.py there
#: draws new ones), described in demo/data/images.json — title in the image library, alt text,
#: credit (a real photo brings its own).
IMAGES_DIR = Path(__file__).resolve().parent / "media" / "images"
IMAGE_FIELDS: Fields = {
    "key": str, "title": str,
    "alt": str,  # what the picture shows, for screen readers (SiteImage.description)
    "credit": optional(str, "Illustration générée — Industrie d'avenir"),
}


def images_data() -> list[dict]:
    """The pictures' descriptions, each with its committed file."""
    images = read_entries("images", IMAGE_FIELDS, key="key")
    require_known(images, "key", (path.stem for path in IMAGES_DIR.glob("*.png")), "images", key="key")
    return images


def get_or_create_demo_image(key: str) -> SiteImage:
    """The demo picture ``key`` (its committed file and its description), found again by title."""
    entry = next((image for image in images_data() if image["key"] == key), None)
    if entry is None:
        raise DemoDataError(f"demo/data/images.json : aucune entrée pour l'image « {key} » "
                            f"(fichier attendu : demo/media/images/{key}.png)")
    image = SiteImage.objects.filter(title=entry["title"]).first()
    if image is not None:
        return image
    image = SiteImage(title=entry["title"], description=entry["alt"], credit=entry["credit"])
    with (IMAGES_DIR / f"{key}.png").open("rb") as handle:
        # The stored name of the files drawn at load time before they were committed: same files.
        image.file = ImageFile(handle, name=f"demo-{key}.png")
        image.save()
    return image
