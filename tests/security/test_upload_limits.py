"""Hostile uploads through Wagtail's own image and document forms are refused with a clear error.

Nothing is stored for a refused file, and no upload — however crafted — produces a server error.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin-test", "a@example.org", "x")
    client.force_login(user)
    return client


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 40, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def _png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels: a decompression bomb's shape.

    The pixel data is a few bytes of compressed zeros; a decoder trusting the header would
    allocate width × height × 3 bytes.
    """

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + chunk(b"IEND", b"")


def _upload_image(client, name: str, content: bytes, content_type: str = "image/png"):
    # The collection is chosen: the roles create a second one (« Observatoire », website/roles.py).
    return client.post("/admin/images/add/", {
        "title": name, "description": "Texte alternatif", "credit": "Test",
        "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile(name, content, content_type=content_type),
    })


def _upload_document(client, name: str, content: bytes, content_type: str = "application/octet-stream"):
    return client.post("/admin/documents/add/", {
        "title": name, "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile(name, content, content_type=content_type),
    })


def _refused(response, *fragments: str) -> str:
    assert response.status_code == 200, f"expected the form again with an error, got HTTP {response.status_code}"
    errors = " ".join(str(e) for e in response.context["form"].errors.get("file", []))
    assert errors, "the file field shows no error"
    for fragment in fragments:
        assert fragment.lower() in errors.lower(), errors
    return errors


def test_a_reasonable_image_is_accepted(admin_client):
    response = _upload_image(admin_client, "atelier.png", _png(800, 600))
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="atelier.png").exists()


def test_svg_with_a_script_is_refused_as_an_image(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>'
    _refused(_upload_image(admin_client, "logo.svg", svg, "image/svg+xml"))
    assert not get_image_model().objects.exists()


def test_svg_renamed_to_png_is_refused(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    _refused(_upload_image(admin_client, "logo.png", svg))
    assert not get_image_model().objects.exists()


def test_an_image_whose_extension_does_not_match_its_content_is_refused(admin_client):
    _refused(_upload_image(admin_client, "photo.jpg", _png(64, 64), "image/jpeg"), "png")
    assert not get_image_model().objects.exists()


def test_a_pdf_renamed_to_jpg_is_refused(admin_client):
    _refused(_upload_image(admin_client, "photo.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "image/jpeg"))
    assert not get_image_model().objects.exists()


def test_an_image_over_the_pixel_limit_is_refused_before_decoding(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
    _refused(_upload_image(admin_client, "immense.png", _png_declaring(8000, 6000)), "pixels")
    assert not get_image_model().objects.exists()


def test_a_decompression_bomb_image_is_refused_without_a_server_error(admin_client):
    # 50 000 × 50 000 pixels declared (7.5 GB once decoded) in a file of a few hundred bytes.
    bomb = _png_declaring(50_000, 50_000)
    assert len(bomb) < 1024
    _refused(_upload_image(admin_client, "bombe.png", bomb))
    assert not get_image_model().objects.exists()


def test_an_image_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024 * 1024
    too_big = _png(64, 64) + b"\0" * (1024 * 1024)
    _refused(_upload_image(admin_client, "lourde.png", too_big))
    assert not get_image_model().objects.exists()


def test_a_document_over_the_size_limit_is_refused(admin_client, settings):
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    too_big = b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024 + 1)
    _refused(_upload_document(admin_client, "rapport.pdf", too_big, "application/pdf"))
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize("name", ["page.html", "image.svg", "outil.exe", "script.js", "macro.docm"])
def test_a_document_with_a_dangerous_extension_is_refused(admin_client, name):
    _refused(_upload_document(admin_client, name, b"<script>alert(1)</script>"))
    assert not get_document_model().objects.exists()


def test_a_zip_bomb_document_is_stored_as_is_and_never_unpacked(admin_client):
    # 200 MB of zeros compressed into a few hundred kilobytes: harmless as long as nobody unzips it.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", b"\0" * (200 * 1024 * 1024))
    packed = buffer.getvalue()
    assert len(packed) < 1024 * 1024
    response = _upload_document(admin_client, "archive.zip", packed, "application/zip")
    assert response.status_code == 302
    document = get_document_model().objects.get(title="archive.zip")
    assert document.file.size == len(packed)
    assert document.file_size == len(packed)
