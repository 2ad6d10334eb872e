"""QR codes for posters and flyers (segno: maintained, pure Python, SVG and PNG).

Error correction level Q (25 % of the code may be damaged or covered) because posters get
torn, folded and photographed at an angle.
"""

from __future__ import annotations

import io

import segno


def make_qr(url: str) -> segno.QRCode:
    return segno.make(url, error="q", micro=False)


def qr_svg(url: str, title: str, scale: int = 10, scalable: bool = False) -> str:
    """A standalone SVG document (no XML declaration, so it can also be inlined in HTML).

    ``scalable`` drops the width and height (only the viewBox remains) so that CSS sizes it,
    e.g. in millimetres on the printable poster.
    """
    buffer = io.BytesIO()
    make_qr(url).save(buffer, kind="svg", xmldecl=False, svgns=True, title=title, scale=scale, border=4,
                      svgclass="qr-code", lineclass="qr-code__modules", omitsize=scalable)
    return buffer.getvalue().decode("utf-8")


def qr_png(url: str, scale: int = 16) -> bytes:
    """A PNG, ``scale`` pixels per module (16 px → about 4 cm at 300 dpi for a typical address)."""
    buffer = io.BytesIO()
    make_qr(url).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
