"""Helpers shared by every app's demo loader (``<app>/demo.py``).

Every helper is idempotent: it finds what a previous run created (by slug, title or a
natural key) and returns it unchanged, so ``load_demo`` can run any number of times.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.files.images import ImageFile
from wagtail.models import Page
from wagtail.rich_text import RichText  # noqa: F401  (re-exported for demo modules)

from demo.images import draw_demo_image
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


def get_or_create_demo_image(key: str, title: str, alt: str, palette: str = "navy", motif: str = "gears",
                             credit: str = "Illustration générée — Industrie d'avenir") -> SiteImage:
    """A demo image drawn by the project (see ``demo_images``), with its alt text and credit."""
    image = SiteImage.objects.filter(title=title).first()
    if image is not None:
        return image
    content = draw_demo_image(key, palette=palette, motif=motif)
    from io import BytesIO

    image = SiteImage(title=title, description=alt, credit=credit)
    image.file = ImageFile(BytesIO(content), name=f"demo-{key}.png")
    image.save()
    return image
