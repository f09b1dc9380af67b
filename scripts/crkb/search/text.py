"""Words as search compares them: folded, lower-case, taken from the rendered page text.

The same folding runs in the browser on the query (docs/assets/javascripts/search.js,
`fold`); the two must stay identical, and a test holds them to it.

Folding removes accents from *letters* only: a character is decomposed, and its
combining marks are dropped only when the base is a letter. So `č` → `c`, `ё` →
`е`, `ä` → `a` (a combining mark is any character of category M, as `\\p{M}` in the
browser), while compatibility characters whose decomposition starts with a
symbol stay whole (`≮` would otherwise become `<`, `≠` `=`, `≯` `>`): folding can
never create markup. The breve of Cyrillic `й` is kept, because `й` is a letter
of its own, not an accented `и`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

_BREVE = "\u0306"
_SHORT_I = frozenset("иИ")
_TAG = re.compile(r"<[^>]*>")
# A word: letters and digits with at least one letter; hyphens and apostrophes split
# words, as they do in the search box (Material's separator splits at hyphens).
WORD = re.compile(r"[^\W_]*[^\W\d_][^\W_]*")
# Armenian writes its question, exclamation and emphasis marks on a vowel inside the word
# (ինչո՞ւ); they are dropped so that the word stays whole.
IN_WORD_MARKS = re.compile("[\u055b-\u055e]")


@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Lower-case text with the accents of its letters removed (see the module docstring)."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    composed = unicodedata.normalize("NFC", lowered)
    folded = composed.translate(_CHARS)
    if _LONE_MARK not in folded:
        return folded
    return _fold_marks(composed)  # a mark no letter composes with (q̃): drop it the long way


class _Chars(dict):
    """str.translate's table, filled as characters are met: each precomposed letter
    folded on its own (NFC text has its marks inside its letters)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = _LONE_MARK if unicodedata.category(char).startswith("M") else _fold_marks(char)
        return self[code]


_LONE_MARK = "\x00"  # stands for a combining mark left on its own after NFC: then the long way


_CHARS = _Chars()


def _fold_marks(text: str) -> str:
    out: list[str] = []
    base = ""  # the letter the following combining marks belong to, or "" after anything else
    for char in unicodedata.normalize("NFD", text):
        if not unicodedata.category(char).startswith("M"):
            base = char if unicodedata.category(char).startswith("L") else ""
            out.append(char)
        elif not base or (char == _BREVE and base in _SHORT_I):
            out.append(char)  # a mark on a symbol (≮ = < + U+0338) or the breve of й: kept
    return unicodedata.normalize("NFC", "".join(out))


def plain_text(index_html: str) -> str:
    """The text of a search-index field: Material stores it as escaped HTML with a few tags."""
    return html.unescape(_TAG.sub(" ", index_html))


def words(text: str) -> list[str]:
    """The words of plain text, lower-case, as written (not folded)."""
    return WORD.findall(IN_WORD_MARKS.sub("", text.lower()))
