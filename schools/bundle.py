"""Streaming ZIP archives of a classroom kit's documents: pure Python, no Django.

The archive is produced chunk by chunk while it is sent, so memory stays flat whatever the
size of the kit, and nothing is written to disk. ``zipfile`` supports unseekable outputs
(it then writes a data descriptor after each member), which is what a streamed HTTP
response is.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import BinaryIO

CHUNK_SIZE = 64 * 1024  # bytes read from each document at a time
# Office formats are already zip containers: compressing them again wastes CPU for nothing.
ALREADY_COMPRESSED = {"odt", "odp", "ods", "docx", "pptx", "xlsx", "zip", "png", "jpg", "jpeg"}


class _StreamSink:
    """A write-only, tell-only file object: ``zipfile`` writes into it, we drain it."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []
        self._position = 0

    def write(self, data: bytes) -> int:
        self._chunks.append(bytes(data))
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        """Nothing is buffered beyond what ``drain`` hands out."""

    def drain(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def ascii_slug(text: str, fallback: str = "document") -> str:
    """Lower-case ASCII letters, digits and hyphens only: safe in any file system and header."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    # Drop accents (é → e) but turn every other sign, apostrophes included, into a separator.
    decomposed = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    slug = re.sub(r"[^a-z0-9]+", "-", decomposed).strip("-")
    return slug[:80].strip("-") or fallback


def archive_file_name(title: str) -> str:
    """The download name of a kit's archive, e.g. ``kit-les-robots-a-l-usine.zip``."""
    return f"kit-{ascii_slug(title, 'pedagogique')}.zip"


def member_names(titles_and_extensions: Iterable[tuple[str, str]]) -> list[str]:
    """Unique, numbered, safe names for the archive members, in the given order.

    ``01-fiche-eleve.pdf``: the number keeps the editor's order in file browsers and makes
    names unique even when two documents share a title. No directories, so nothing can be
    extracted outside the target folder.
    """
    names = []
    for index, (title, extension) in enumerate(titles_and_extensions, start=1):
        extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:8]
        stem = f"{index:02d}-{ascii_slug(title)}"
        names.append(f"{stem}.{extension}" if extension else stem)
    return names


def iter_zip(
    members: Iterable[tuple[str, Callable[[], BinaryIO]]],
    modified: datetime | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[bytes]:
    """Yield a ZIP archive of ``members`` (name, opener) piece by piece.

    Each opener is called only when its member is written, and its file is closed right
    after, so at most one document is open at a time.
    """
    date_time = (modified or datetime(2020, 1, 1)).timetuple()[:6]
    sink = _StreamSink()
    with zipfile.ZipFile(sink, mode="w") as archive:
        for name, opener in members:
            extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_STORED if extension in ALREADY_COMPRESSED else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with opener() as source, archive.open(info, mode="w") as target:
                while chunk := source.read(chunk_size):
                    target.write(chunk)
                    if data := sink.drain():
                        yield data
            if data := sink.drain():
                yield data
    if data := sink.drain():
        yield data
