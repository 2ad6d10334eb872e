"""Image uploads that refuse decompression bombs before decoding them.

Wagtail checks ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` only after Willow has fully decoded the image:
a small file declaring huge dimensions is decoded first (hundreds of MB of memory), and past
Pillow's own bomb limit the error escapes as a server error. Here the dimensions are read from
the file's header (Pillow opens images lazily), so an oversized or bomb image is refused with
Wagtail's own message before any pixel is decoded; a header Pillow cannot read, or pixel data
that is truncated, is refused as an invalid image instead of failing with a server error.

The same base form refuses to replace the file of an image that published content uses, unless
the user may change it for everyone (website/media_protection.py).
"""

from __future__ import annotations

import warnings

from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from website.media_protection import PublishedFileFormMixin


def declared_pixels(upload) -> int | None:
    """Width × height written in the image header, or None when Pillow cannot read a header.

    Reads a few bytes only; never decodes the pixels. Raises ``PIL.Image.DecompressionBombError``
    for headers Pillow itself considers bombs.
    """
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(upload) as image:
                width, height = image.size
                frames = getattr(image, "n_frames", 1)
    except PILImage.DecompressionBombError:
        raise
    except Exception:  # not an image Pillow knows: Wagtail's own checks will say so
        return None
    finally:
        upload.seek(0)
    return width * height * max(frames, 1)


class SafeImageField(WagtailImageField):
    def to_python(self, data):
        if data and hasattr(data, "seek") and self.max_image_pixels is not None:
            try:
                pixels = declared_pixels(data)
            except PILImage.DecompressionBombError:
                pixels = self.max_image_pixels + 1
            if pixels is not None and pixels > self.max_image_pixels:
                raise ValidationError(
                    self.error_messages["file_too_many_pixels"]
                    % {"num_pixels": pixels, "max_pixels_count": self.max_image_pixels},
                    code="file_too_many_pixels",
                )
        return super().to_python(data)

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except ValidationError:
            raise
        except Exception as exc:  # truncated or corrupt pixel data, found while decoding
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from exc


class SafeImageForm(PublishedFileFormMixin, BaseImageForm):
    """Base of every Wagtail image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``): add, edit, multiple, chooser."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.fields.get("file")
        if current is not None and not isinstance(current, SafeImageField):
            # Built per form so that the limits follow the settings in force.
            safe = SafeImageField(label=current.label, required=current.required, help_text=current.help_text)
            safe.widget.attrs.update(current.widget.attrs)
            self.fields["file"] = safe
