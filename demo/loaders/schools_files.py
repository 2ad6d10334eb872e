"""Writers for the demo kits' documents: PDF, ODT, ODP and DOCX, with no extra dependency.

The demo must ship real files that open in LibreOffice, Word, Acrobat or a browser, but the
project should not depend on an office suite to build them. OpenDocument and Office Open XML
files are zip archives of a few XML parts; a PDF with the standard Helvetica font needs only
a page tree and one text stream per page. These writers produce the smallest valid files of
each kind from a title and a list of sections (a heading and its paragraphs or bullets).
"""

from __future__ import annotations

import io
import textwrap
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

FIXED_DATE = (2025, 9, 1, 8, 0, 0)  # constant zip timestamps: the same content gives the same bytes


@dataclass
class Section:
    """A heading and its content: paragraphs, then an optional bullet list."""

    heading: str
    paragraphs: Sequence[str] = ()
    bullets: Sequence[str] = ()
    numbered: bool = False


@dataclass
class DocumentContent:
    title: str
    subtitle: str = ""
    sections: list[Section] = field(default_factory=list)


def _zip(parts: list[tuple[str, str | bytes]], first_stored: tuple[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first_stored:
            # OpenDocument requires "mimetype" first and uncompressed.
            info = zipfile.ZipInfo(first_stored[0], date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, first_stored[1])
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


# --- OpenDocument -----------------------------------------------------------------------
_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'office:version="1.3"'
)


def _odf_manifest(mimetype: str, extra: Sequence[str]) -> str:
    entries = "".join(
        f'<manifest:file-entry manifest:full-path="{name}" manifest:media-type="text/xml"/>' for name in extra
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>{entries}'
        "</manifest:manifest>"
    )


def _odf_meta(title: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_ODF_NS}><office:meta>'
        f"<dc:title>{escape(title)}</dc:title><dc:language>fr-FR</dc:language>"
        "<meta:generator>Industrie d'avenir</meta:generator></office:meta></office:document-meta>"
    )


def _odf_package(mimetype: str, content_xml: str, styles_xml: str, title: str) -> bytes:
    """An OpenDocument file: its mimetype stored first and uncompressed, as the format requires, then its parts."""
    return _zip(
        [("content.xml", content_xml), ("styles.xml", styles_xml), ("meta.xml", _odf_meta(title)),
         ("META-INF/manifest.xml", _odf_manifest(mimetype, ["content.xml", "styles.xml", "meta.xml"]))],
        first_stored=("mimetype", mimetype),
    )


def odt_bytes(content: DocumentContent) -> bytes:
    """A text document (.odt) with a title, headings, paragraphs and lists."""
    body = [f'<text:h text:style-name="Title" text:outline-level="1">{escape(content.title)}</text:h>']
    if content.subtitle:
        body.append(f'<text:p text:style-name="Subtitle">{escape(content.subtitle)}</text:p>')
    for section in content.sections:
        body.append(f'<text:h text:style-name="Heading_20_2" text:outline-level="2">{escape(section.heading)}</text:h>')
        body.extend(f'<text:p text:style-name="Text_20_body">{escape(p)}</text:p>' for p in section.paragraphs)
        if section.bullets:
            items = "".join(
                f"<text:list-item><text:p>{f'{n}. ' if section.numbered else '• '}{escape(b)}</text:p></text:list-item>"
                for n, b in enumerate(section.bullets, start=1)
            )
            body.append(f"<text:list>{items}</text:list>")
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_ODF_NS}><office:styles>'
        '<style:style style:name="Standard" style:family="paragraph">'
        '<style:text-properties fo:font-size="11pt"/></style:style>'
        '<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" '
        'style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.2cm"/></style:style>'
        '<style:style style:name="Title" style:family="paragraph"><style:text-properties fo:font-size="20pt" '
        'fo:font-weight="bold" fo:color="#0b2545"/></style:style>'
        '<style:style style:name="Subtitle" style:family="paragraph"><style:text-properties fo:font-size="12pt" '
        'fo:font-style="italic"/></style:style>'
        '<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph">'
        '<style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm"/>'
        '<style:text-properties fo:font-size="14pt" fo:font-weight="bold" fo:color="#0b2545"/></style:style>'
        "</office:styles></office:document-styles>"
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS}>'
        f"<office:body><office:text>{''.join(body)}</office:text></office:body></office:document-content>"
    )
    return _odf_package("application/vnd.oasis.opendocument.text", xml, styles, content.title)


def odp_bytes(content: DocumentContent) -> bytes:
    """A slide deck (.odp): a title slide, then one slide per section with its bullets."""
    slides = [(content.title, [content.subtitle] if content.subtitle else [])]
    slides += [(s.heading, [*s.paragraphs, *s.bullets]) for s in content.sections]
    pages = []
    for number, (title, lines) in enumerate(slides, start=1):
        paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in lines)
        pages.append(
            f'<draw:page draw:name="page{number}" draw:master-page-name="Standard">'
            '<draw:frame presentation:class="title" svg:x="1.5cm" svg:y="1cm" svg:width="25cm" svg:height="3cm">'
            f'<draw:text-box><text:p text:style-name="SlideTitle">{escape(title)}</text:p></draw:text-box></draw:frame>'
            '<draw:frame presentation:class="outline" svg:x="1.5cm" svg:y="4.5cm" svg:width="25cm" svg:height="10cm">'
            f"<draw:text-box>{paragraphs}</draw:text-box></draw:frame></draw:page>"
        )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_ODF_NS}>'
        '<office:styles><style:style style:name="SlideTitle" style:family="paragraph">'
        '<style:text-properties fo:font-size="28pt" fo:font-weight="bold" fo:color="#0b2545"/></style:style>'
        "</office:styles><office:automatic-styles>"
        '<style:page-layout style:name="PM1"><style:page-layout-properties fo:page-width="28cm" '
        'fo:page-height="15.75cm" style:print-orientation="landscape"/></style:page-layout>'
        '</office:automatic-styles><office:master-styles><style:master-page style:name="Standard" '
        'style:page-layout-name="PM1"/></office:master-styles></office:document-styles>'
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS}>'
        f"<office:body><office:presentation>{''.join(pages)}</office:presentation></office:body>"
        "</office:document-content>"
    )
    return _odf_package("application/vnd.oasis.opendocument.presentation", xml, styles, content.title)


# --- Office Open XML (.docx) -----------------------------------------------------------
def docx_bytes(content: DocumentContent) -> bytes:
    """A Word document (.docx): the three parts Word and LibreOffice need, nothing more."""

    def run(text: str, bold: bool = False, size: int | None = None) -> str:
        props = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size * 2}"/>' if size else "")
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'

    paragraphs = [f"<w:p>{run(content.title, bold=True, size=20)}</w:p>"]
    if content.subtitle:
        paragraphs.append(f"<w:p>{run(content.subtitle, size=12)}</w:p>")
    for section in content.sections:
        paragraphs.append(f"<w:p>{run(section.heading, bold=True, size=14)}</w:p>")
        paragraphs.extend(f"<w:p>{run(p)}</w:p>" for p in section.paragraphs)
        paragraphs.extend(
            f"<w:p>{run((f'{n}. ' if section.numbered else '• ') + b)}</w:p>"
            for n, b in enumerate(section.bullets, start=1)
        )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{''.join(paragraphs)}</w:body></w:document>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    return _zip([("[Content_Types].xml", content_types), ("_rels/.rels", rels), ("word/document.xml", document)])


# --- PDF ----------------------------------------------------------------------------------
PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 56
LINE_CHARS = 88  # characters per line at 11 pt Helvetica within the margins (approximate)


def _pdf_text(text: str) -> bytes:
    """A PDF string literal in WinAnsiEncoding (cp1252 covers French: é, œ, ’, « »)."""
    encoded = text.replace("\u202f", " ").replace("\u00a0", " ").encode("cp1252", "replace")
    return b"(" + encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _pdf_lines(content: DocumentContent) -> list[tuple[str, int, bool]]:
    """(text, font size, bold) lines, wrapped to the page width."""
    lines: list[tuple[str, int, bool]] = [(content.title, 18, True)]
    if content.subtitle:
        lines += [(line, 11, False) for line in textwrap.wrap(content.subtitle, LINE_CHARS)]
    for section in content.sections:
        lines.append(("", 11, False))
        lines += [(line, 13, True) for line in textwrap.wrap(section.heading, 70)]
        for paragraph in section.paragraphs:
            lines += [(line, 11, False) for line in textwrap.wrap(paragraph, LINE_CHARS)]
        for number, bullet in enumerate(section.bullets, start=1):
            marker = f"{number}. " if section.numbered else "- "
            wrapped = textwrap.wrap(bullet, LINE_CHARS - 4)
            lines += [((marker if i == 0 else "   ") + line, 11, False) for i, line in enumerate(wrapped)]
    return lines


def pdf_bytes(content: DocumentContent) -> bytes:
    """A PDF 1.4 file in A4 with Helvetica (a standard font: nothing to embed)."""
    pages: list[bytes] = []
    commands: list[bytes] = []
    y = PAGE_HEIGHT - MARGIN
    for text, size, bold in _pdf_lines(content):
        leading = size + 5
        if y - leading < MARGIN:
            pages.append(b"\n".join(commands))
            commands, y = [], PAGE_HEIGHT - MARGIN
        y -= leading
        if text:
            font = b"/F2" if bold else b"/F1"
            commands.append(b"BT " + font + b" %d Tf %d %d Td " % (size, MARGIN, y) + _pdf_text(text) + b" Tj ET")
    pages.append(b"\n".join(commands))

    objects: list[bytes] = []  # object n is objects[n - 1]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # page tree, filled once the page object numbers are known
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    info_number = len(objects) + 1
    objects.append(b"<< /Title " + _pdf_text(content.title) + b" /Producer (Industrie d'avenir) >>")
    page_numbers = []
    for stream in pages:
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_number = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >>"
            b" /Contents %d 0 R >>" % (PAGE_WIDTH, PAGE_HEIGHT, content_number)
        )
        page_numbers.append(len(objects))
    kids = b" ".join(b"%d 0 R" % n for n in page_numbers)
    objects[1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_numbers)

    output = io.BytesIO()
    output.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        output.write(b"%010d 00000 n \n" % offset)
    output.write(b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
                 % (len(objects) + 1, info_number, xref))
    return output.getvalue()


WRITERS = {"pdf": pdf_bytes, "odt": odt_bytes, "odp": odp_bytes, "docx": docx_bytes}
