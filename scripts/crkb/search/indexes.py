"""One search index per language, with search keys, and the word table beside it.

mkdocs-static-i18n builds every language and merges their entries into Material's
one `search/search_index.json`. We split that by the language each entry's address
belongs to (the languages' `link` in mkdocs.yml), add the keys (keys.py), and write

    search/<locale>/index.json   Material's index format: config + that language's docs
    search/<locale>/words.json   the browser's table: forms → key, key → words to highlight
    search/search_index.json     Material's own file, now only the config (no documents)

A page loads only its own language's two files (search.js); Material keeps loading
its own file, which is why that one is reduced to the config its highlighter needs.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from ..beside import in_halves
from ..fileio import write_atomic
from .glossary import Concept
from .keys import Keys
from .reduce import language_of, reducer_for
from .text import plain_text

INDEX, WORDS = "index.json", "words.json"
KEY_FIELDS = {"title": "title_keys", "text": "keys"}


@dataclass(frozen=True)
class Language:
    locale: str
    prefix: str  # where its pages live, relative to the site root ("" for the default language)
    concepts: tuple[Concept, ...]


def split_entries(entries: list[dict], languages: list[Language]) -> dict[str, list[dict]]:
    """Each entry to the language with the longest matching address prefix."""
    ordered = sorted(languages, key=lambda lang: len(lang.prefix), reverse=True)
    split: dict[str, list[dict]] = {lang.locale: [] for lang in languages}
    for entry in entries:
        location = entry.get("location", "")
        for lang in ordered:
            if location.startswith(lang.prefix):
                split[lang.locale].append(entry)
                break
    return split


def with_keys(entries: list[dict], keys: Keys) -> list[dict]:
    """Copies of the entries with a key field for the title and one for the text."""
    docs = []
    for entry in entries:
        doc = dict(entry)
        for field, key_field in KEY_FIELDS.items():
            value = keys.of(plain_text(entry.get(field) or ""))
            if value:
                doc[key_field] = html.escape(value)  # letters only; escaped all the same (shown as HTML)
        docs.append(doc)
    return docs


def language_config(config: dict, locale: str, lunr_languages: set[str]) -> dict:
    """Material's index config for one language: lunr's stop words for it if lunr has them."""
    language = language_of(locale)
    return {**config, "lang": [language if language in lunr_languages else "en"]}


def write_indexes(
    site: Path, merged: dict, languages: list[Language], lunr_languages: set[str], apart: bool = False
) -> int:
    """Write every language's index and table, and reduce Material's file; return the bytes written.

    With `apart`, every other language is written by a child process (beside.py) while
    this one writes the rest: MkDocs is done, so the build's other core is free.
    """
    split = split_entries(merged.get("docs", []), languages)

    def write(langs: list[Language]) -> int:
        return sum(_write_language(site, lang, split[lang.locale], merged["config"], lunr_languages) for lang in langs)

    written = sum(in_halves(languages, write)) if apart and len(languages) > 1 else write(languages)
    written += _write_json(site / "search" / "search_index.json", {"config": merged["config"], "docs": []})
    return written


def _write_language(site: Path, lang: Language, entries: list[dict], config: dict, lunr_languages: set[str]) -> int:
    reducer = reducer_for(lang.locale)
    keys = Keys(reducer, lang.concepts)
    index = {"config": language_config(config, lang.locale, lunr_languages), "docs": with_keys(entries, keys)}
    folder = site / "search" / lang.locale
    written = _write_json(folder / INDEX, index) + _write_json(folder / WORDS, keys.table())
    reducer.save()
    return written


def _write_json(path: Path, data: dict) -> int:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    write_atomic(path, payload)
    return len(payload)
