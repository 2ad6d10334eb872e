"""Draw a demo illustration with Pillow: run by hand to add a picture, then commit the PNG it writes.

    .venv/bin/python demo/media/images/draw_illustration.py KEY [PALETTE] [MOTIF]

writes ``demo/media/images/KEY.png``, the picture the demo loader attaches to the content that
asks for ``KEY`` (``demo.pages.get_or_create_demo_image``). The loader only reads the committed
files: nothing is drawn when the demo is loaded, and any real picture (a photo with its rights)
can replace a drawn one under the same name.

Each image is an abstract, colourful composition (gears, circuits, waves, blocks, molecule) in
the site's palette, seeded by its key so that the same key always gives the same picture. The
committed images were drawn with: navy/gears for the home page; steel/gears for the filières'
index and blocks with each filière's palette for the filières; each article's own palette and
motif; green/blocks (teachers), violet/circuit (pupils) and the five palettes and motifs in turn
for the kits; navy/blocks, orange/circuit and steel/gears for the campaigns.
"""

from __future__ import annotations

import io
import math
import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw

PALETTES: dict[str, tuple[str, str, str, str]] = {
    # background top, background bottom, accent, detail
    "navy": ("#0b2545", "#1f4f86", "#ff7a1a", "#8fb3e0"),
    "orange": ("#a84300", "#ff7a1a", "#0b2545", "#ffd3ad"),
    "green": ("#103d27", "#1d6b44", "#ffbf47", "#a9dcbf"),
    "violet": ("#2f1c55", "#5b3a9e", "#ff7a1a", "#cdb9f0"),
    "steel": ("#3b4654", "#6b7a8f", "#ffbf47", "#d5dde8"),
}
MOTIFS = ("gears", "circuit", "waves", "blocks", "molecule")


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def _gradient(size: tuple[int, int], top: str, bottom: str) -> Image.Image:
    height = size[1]
    start, end = _hex(top), _hex(bottom)
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(height - 1, 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(start, end, strict=True)))
    return column.resize(size)


def _gear(draw: ImageDraw.ImageDraw, cx: float, cy: float, radius: float, teeth: int, colour: str) -> None:
    points = []
    for i in range(teeth * 2):
        angle = math.pi * i / teeth
        r = radius if i % 2 == 0 else radius * 0.82
        for offset in (-0.12, 0.12):
            points.append((cx + r * math.cos(angle + offset * math.pi / teeth * 2),
                           cy + r * math.sin(angle + offset * math.pi / teeth * 2)))
    draw.polygon(points, fill=colour)
    hole = radius * 0.35
    draw.ellipse((cx - hole, cy - hole, cx + hole, cy + hole), fill=None, outline=colour, width=1)


def draw_demo_image(key: str, palette: str = "navy", motif: str = "gears", size: tuple[int, int] = (1200, 800)) -> bytes:
    """A PNG of ``size`` pixels for ``key`` (same key, same picture)."""
    top, bottom, accent, detail = PALETTES[palette]
    rng = random.Random(key)
    image = _gradient(size, top, bottom)
    draw = ImageDraw.Draw(image, "RGBA")
    width, height = size
    if motif == "gears":
        for _ in range(5):
            r = rng.uniform(0.08, 0.22) * width
            _gear(draw, rng.uniform(0, width), rng.uniform(0, height), r, rng.randint(8, 14), detail + "66")
        _gear(draw, width * 0.68, height * 0.5, width * 0.22, 12, accent)
        draw.ellipse((width * 0.68 - 60, height * 0.5 - 60, width * 0.68 + 60, height * 0.5 + 60), fill=top)
    elif motif == "circuit":
        for _ in range(28):
            x, y = rng.randrange(0, width, 40), rng.randrange(0, height, 40)
            length = rng.randrange(80, 400, 40)
            if rng.random() < 0.5:
                draw.line((x, y, x + length, y), fill=detail + "aa", width=6)
                draw.ellipse((x + length - 12, y - 12, x + length + 12, y + 12), fill=accent)
            else:
                draw.line((x, y, x, y + length), fill=detail + "aa", width=6)
                draw.ellipse((x - 12, y + length - 12, x + 12, y + length + 12), fill=accent)
        draw.rounded_rectangle((width * 0.35, height * 0.3, width * 0.65, height * 0.7), radius=24, fill=accent)
    elif motif == "waves":
        for band in range(9):
            amplitude = rng.uniform(20, 60)
            phase = rng.uniform(0, math.pi)
            base = height * (0.2 + band * 0.08)
            points = [(x, base + amplitude * math.sin(x / width * 4 * math.pi + phase)) for x in range(0, width + 10, 10)]
            draw.line(points, fill=(accent if band == 4 else detail + "88"), width=10 if band == 4 else 5)
    elif motif == "blocks":
        for _ in range(14):
            w, h = rng.uniform(0.08, 0.25) * width, rng.uniform(0.1, 0.35) * height
            x, y = rng.uniform(0, width - w), rng.uniform(height * 0.3, height - h)
            draw.rectangle((x, y, x + w, height), fill=detail + "55")
        draw.rectangle((width * 0.55, height * 0.25, width * 0.7, height), fill=accent)
        draw.rectangle((width * 0.58, height * 0.1, width * 0.62, height * 0.25), fill=accent)
    else:  # molecule
        nodes = [(rng.uniform(0.1, 0.9) * width, rng.uniform(0.1, 0.9) * height) for _ in range(12)]
        for i, (x, y) in enumerate(nodes):
            for x2, y2 in nodes[i + 1 : i + 3]:
                draw.line((x, y, x2, y2), fill=detail + "aa", width=6)
        for i, (x, y) in enumerate(nodes):
            r = 34 if i % 3 == 0 else 20
            draw.ellipse((x - r, y - r, x + r, y + r), fill=accent if i % 3 == 0 else detail)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


if __name__ == "__main__":
    if not 2 <= len(sys.argv) <= 4:
        sys.exit(__doc__)
    key, palette, motif = (sys.argv[1:] + ["navy", "gears"][len(sys.argv) - 2:])[:3]
    target = Path(__file__).resolve().parent / f"{key}.png"
    target.write_bytes(draw_demo_image(key, palette=palette, motif=motif))
    print(f"{target} ({target.stat().st_size // 1024} ko)")
