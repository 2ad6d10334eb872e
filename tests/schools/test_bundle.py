"""The kit archive writer is pure: names are safe, the stream is a valid ZIP, memory stays flat."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given
from hypothesis import strategies as st

from schools import bundle


def _opener(data: bytes):
    return lambda: io.BytesIO(data)


def test_archive_name_is_ascii_and_ends_in_zip():
    assert bundle.archive_file_name("L’usine du futur : robots & cobots !") == "kit-l-usine-du-futur-robots-cobots.zip"


def test_archive_name_of_an_unusable_title_falls_back_to_a_generic_name():
    assert bundle.archive_file_name("«  »") == "kit-pedagogique.zip"


@given(st.text(max_size=200))
def test_archive_name_never_contains_path_or_header_characters(title):
    name = bundle.archive_file_name(title)
    assert name.isascii()
    assert not any(char in name for char in '/\\"\r\n;: ')
    assert name.endswith(".zip") and len(name) <= 90


def test_member_names_are_numbered_unique_and_keep_the_extension():
    names = bundle.member_names([("Fiche élève", "pdf"), ("Fiche élève", "pdf"), ("../../etc/passwd", "odt")])
    assert names == ["01-fiche-eleve.pdf", "02-fiche-eleve.pdf", "03-etc-passwd.odt"]


@given(st.lists(st.tuples(st.text(max_size=50), st.text(max_size=10)), max_size=30))
def test_member_names_never_escape_the_archive_folder(entries):
    names = bundle.member_names(entries)
    assert len(set(names)) == len(names)
    assert all("/" not in name and "\\" not in name and not name.startswith(".") for name in names)


def test_streamed_archive_contains_every_document_byte_for_byte():
    pdf = b"%PDF-1.4\n" + b"x" * 200_000
    odt = bytes(range(256)) * 100
    chunks = list(bundle.iter_zip([("01-fiche.pdf", _opener(pdf)), ("02-corrige.odt", _opener(odt))], chunk_size=8192))
    assert len(chunks) > 2  # sent piece by piece, not as one block
    archive = zipfile.ZipFile(io.BytesIO(b"".join(chunks)))
    assert archive.testzip() is None
    assert archive.namelist() == ["01-fiche.pdf", "02-corrige.odt"]
    assert archive.read("01-fiche.pdf") == pdf
    assert archive.read("02-corrige.odt") == odt
    # Office files are stored as they are (already compressed); PDFs are deflated.
    assert archive.getinfo("02-corrige.odt").compress_type == zipfile.ZIP_STORED
    assert archive.getinfo("01-fiche.pdf").compress_type == zipfile.ZIP_DEFLATED


def test_each_document_is_opened_only_when_its_turn_comes_and_then_closed():
    opened: list[io.BytesIO] = []

    def opener(data):
        def open_():
            stream = io.BytesIO(data)
            opened.append(stream)
            return stream
        return open_

    stream = bundle.iter_zip([("a.pdf", opener(b"a" * 10)), ("b.pdf", opener(b"b" * 10))])
    next(stream)
    assert len(opened) == 1
    list(stream)
    assert len(opened) == 2
    assert all(item.closed for item in opened)
