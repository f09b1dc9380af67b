"""The fonts shipped for the PDF checklists, and which characters they can draw.

Typst draws a character no shipped font has as an empty box and says nothing
(system fonts are off, so output is the same on every machine): so before a
checklist is laid out every string is checked here, and a character the fonts
lack is an error naming the string, never a silent blank.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"
# Characters Typst lays out without a glyph of their own (spacing and joiners).
_LAYOUT_ONLY = frozenset(" \u00a0\u2009\u202f\n\t\u200d\u00ad")


@cache
def coverage() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    for path in sorted(FONTS.glob("*.ttf")):
        with TTFont(path, lazy=True) as font:
            points.update(font.getBestCmap() or {})
    return frozenset(points)


def missing_glyphs(text: str) -> str:
    """The characters of text the shipped fonts cannot draw, in order, each once."""
    covered = coverage()
    missing = dict.fromkeys(ch for ch in text if ord(ch) not in covered and ch not in _LAYOUT_ONLY)
    return "".join(missing)
