"""What keeps each translation off the site, remembered across runs in the user's cache folder.

Comparing a translation's structure with its English renders both with Python-Markdown:
about half a millisecond a pair, 12 seconds for the 120,000 pairs of 500 playbooks in
four languages, on the path of every build before MkDocs can start, and again in
`crkb check`. A pull request changes a few hundred of them. So the answer for each
(English, translation) pair is kept, under a digest of the pair, in a file whose name
carries a digest of the code that works it out (this module's judges and the Markdown
packages' versions): any change to them starts a new file.

The file lives in the user's cache folder (or `CRKB_CACHE_DIR`), like the lemmas
(`wordcache.py`), never in the project, so a pull request cannot bring answers with
it. Deleting it changes no result, only the time; and the site stays safe whatever it
says, because every page is escaped and cleaned when it is rendered (render/).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .markup import Difference
from .wordcache import WordCache, cache_file, cache_folder

PREFIX = "worked-out-"
JUDGES = ("markup.py", "text.py", "translations.py", "workedout.py")  # the code an answer depends on
PACKAGES = ("markdown", "pymdown-extensions", "mkdocs-material", "regex")  # what renders and reads it
CODES = frozenset({"placeholder", "markup", "unsafe", "hygiene"})  # what a stored difference may be


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of everything the answers depend on besides the pair itself."""
    digest = hashlib.blake2b(digest_size=8)
    digest.update(sys.version.encode())  # html.parser and unicodedata come with Python
    here = Path(__file__).parent
    for name in JUDGES:
        digest.update((here / name).read_bytes())
    for package in PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=?;".encode())
    return digest.hexdigest()


def pair_key(source: str, translation: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(source.encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(translation.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def encode(found: tuple[Difference, ...]) -> str:
    """ "" for a pair with no problem (most of them: one shared empty string each)."""
    if not found:
        return ""
    return json.dumps([[d.code, d.message, d.fix, d.span] for d in found], ensure_ascii=False)


def decode(text: str) -> tuple[Difference, ...] | None:
    """The differences stored; None when the text is not what `encode` writes (then the
    pair is worked out again: a damaged entry must never read as "no problem")."""
    if not text:
        return ()
    try:
        items = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(items, list) or not items or not all(_stored(item) for item in items):
        return None
    return tuple(Difference(*item) for item in items)


def _stored(item: object) -> bool:
    return (
        isinstance(item, list)
        and len(item) == 4
        and all(isinstance(part, str) for part in item)
        and item[0] in CODES
        and bool(item[1])
    )


class WorkedOut:
    """(English, translation) → its site problems: from the file, else worked out and kept."""

    def __init__(self, work_out: Callable[[str, str], tuple[Difference, ...]], path: Path | None) -> None:
        self._work_out = work_out
        self._cache = WordCache(path, str, _by_pair_only)

    def get(self, source: str, translation: str) -> tuple[Difference, ...]:
        text = self._cache.known.get(pair_key(source, translation))
        found = decode(text) if text is not None else None
        if found is None:  # not asked before, or a damaged entry
            found = self._work_out(source, translation)
            self.put(source, translation, found)
        return found

    def knows(self, source: str, translation: str) -> bool:
        return pair_key(source, translation) in self._cache.known

    def put(self, source: str, translation: str, found: tuple[Difference, ...]) -> None:
        self._cache.put(pair_key(source, translation), encode(found))

    def save(self) -> None:
        self._cache.save()
        _sweep(self._cache.path)


def _by_pair_only(key: str) -> str:
    raise LookupError("worked-out answers are asked for by pair (WorkedOut.get)")


def cache_path() -> Path | None:
    return cache_file(PREFIX + code_digest())


def _sweep(kept: Path | None) -> None:
    """Remove the files of other code versions: their answers can never be asked for again."""
    folder = cache_folder()
    if kept is None or folder is None or not folder.is_dir():
        return
    for stale in folder.glob(f"{PREFIX}*.json"):
        if stale != kept and stale.is_file() and not stale.is_symlink():
            with contextlib.suppress(OSError):  # a folder that cannot be written only costs space
                stale.unlink()
