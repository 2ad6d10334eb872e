"""Validation rules of the shared blocks, as an editor meets them in the admin."""

from __future__ import annotations

import pytest
from wagtail.blocks import StructBlockValidationError

from website.blocks import LinkBlock, VideoBlock

pytestmark = pytest.mark.django_db


def test_link_needs_a_page_or_an_address_but_not_both(home_page):
    block = LinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"page": None, "external_url": "", "label": ""}))
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"page": home_page.pk, "external_url": "https://example.org", "label": "x"}))


def test_external_link_needs_a_label():
    block = LinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"page": None, "external_url": "https://example.org", "label": ""}))


def test_video_from_an_unknown_host_is_refused_with_a_message():
    block = VideoBlock()
    value = block.to_python({"title": "x", "url": "https://example.org/film.mp4", "transcript": "<p>t</p>"})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "YouTube ou Vimeo" in str(error.value.block_errors["url"])
