"""Search as staff type: accents and ё optional, results in the reader's language.

Material's search (lunr) folds no accents and has no Czech or Slovak stemmer,
and static-i18n merges all languages into one index. We append an accent-free
copy of each entry's text to the index after the build (so `stiznost` finds
`stížnost`, `еж` finds `ёж`); Material's prefix matching covers inflected
forms (`stížnost` → `stížnosti`). A small script shows only results in the
page's language (docs/assets/javascripts/search-language.js).
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from .fileio import write_atomic


def fold(text: str) -> str:
    """Remove diacritics from letters (č→c, ä→a), treat ё as е; keep й, whose breve makes it a letter.

    Only a letter is folded: a symbol such as ≮ or ≠ decomposes into < or = plus a
    combining mark, and folding it would write markup into the index. Each character
    is worked out once (`_Folds`), then `str.translate` folds whole texts in C.
    """
    return text if text.isascii() else text.translate(_FOLDS)


class _Folds(dict):
    """Code point → its folded text, filled in as characters are first met."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


def _fold_char(ch: str) -> str:
    if ch in "ёЁ":
        return "е" if ch == "ё" else "Е"
    if ch.isascii() or not ch.isalpha():
        return ch
    decomposed = unicodedata.normalize("NFD", ch)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or c == _BREVE)
    return unicodedata.normalize("NFC", kept) if kept.isalpha() else ch


_BREVE = "\u0306"
_FOLDS = _Folds()


def add_folded_text(index_file: Path) -> bool:
    """Append each entry's accent-free text where it differs. Idempotent."""
    if not index_file.is_file():
        return False
    data = json.loads(index_file.read_text(encoding="utf-8"))
    for doc in data.get("docs", []):
        text, title = doc.get("text") or "", doc.get("title") or ""
        extra = [f for f in (fold(text), fold(title)) if f not in (text, title) and f not in text]
        if extra:
            doc["text"] = " ".join([text, *extra])
    return write_atomic(index_file, json.dumps(data, ensure_ascii=False).encode())
