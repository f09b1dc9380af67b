"""Answers of a slow word lookup, kept in a small file across runs.

simplemma and pymorphy3 decode a whole dictionary before their first answer
(0.1 to 1 second), longer than the rest of `crkb check` takes on a small
project, while a run only asks about the few thousand words its catalogs use.
So each lookup's answers are kept per language and dictionary version in the
user's cache folder (or `CRKB_CACHE_DIR`), and the dictionary is loaded only
when a word is not there yet. A file holds nothing but what the lookup
answered, so deleting it changes no result.
"""

from __future__ import annotations

import json
import os
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from .fileio import write_atomic

Answer = TypeVar("Answer", str, list)

_OPEN: weakref.WeakSet[WordCache] = weakref.WeakSet()  # the caches in use, written back by save_all()


def cache_folder() -> Path | None:
    configured = os.environ.get("CRKB_CACHE_DIR")
    if configured:
        return Path(configured)
    try:
        from platformdirs import user_cache_dir
    except ImportError:
        return None
    return Path(user_cache_dir("crkb"))


def cache_file(name: str) -> Path | None:
    """Where the cache called name lives (None: nowhere, the answers last one run)."""
    folder = cache_folder()
    return folder / f"{name}.json" if folder else None


class WordCache(Generic[Answer]):
    """word → lookup(word), each word looked up once, ever, while the file stays."""

    def __init__(self, path: Path | None, kind: type[Answer], lookup: Callable[[str], Answer]) -> None:
        self.path = path
        self.lookup = lookup
        self.known: dict[str, Answer] = _read(path, kind)
        self.added = False
        _OPEN.add(self)

    def get(self, word: str) -> Answer:
        found = self.known.get(word)
        if found is None:
            found = self.known[word] = self.lookup(word)
            self.added = True
        return found

    def put(self, word: str, answer: Answer) -> None:
        """An answer found another way (worked out in a child, or again after damage)."""
        self.known[word] = answer
        self.added = True

    def save(self) -> None:
        if self.added and self.path is not None:
            try:
                data = json.dumps(self.known, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                write_atomic(self.path, data.encode("utf-8"))
            except OSError:
                pass  # a cache that cannot be written only costs time
            self.added = False


def _read(path: Path | None, kind: type) -> dict:
    if path is None or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # unreadable, not JSON, nested past Python's limit
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, kind)}


def save_all() -> None:
    """Write back every answer looked up in this run (`crkb check` calls it once at the end)."""
    for cache in _OPEN:
        cache.save()
