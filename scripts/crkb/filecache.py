"""What was read from each input file, kept while the file stays the same.

`mkdocs serve` rebuilds the whole site after every save, yet a save changes one
file: a long-running process (the MkDocs plugin, `crkb serve`) keeps a
`FileCache` and re-reads only the files whose stamp changed. A stamp is the
file's identity, size and times, so an edit, a replacement (an editor's save by
rename) or a new link target is seen; a file that failed to read keeps failing
with the same problems until it changes. One-shot commands use a fresh cache
and so read every file once, as before.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .problems import ProblemsFound

T = TypeVar("T")
Stamp = tuple[int, ...] | None


def stamp(path: Path) -> Stamp:
    """What changes when the file does: the link and its target's inode, size and times."""
    try:
        link, target = os.lstat(path), os.stat(path)
    except OSError:
        return None
    return (link.st_ino, link.st_mtime_ns, target.st_ino, target.st_size, target.st_mtime_ns, target.st_ctime_ns)


class FileCache:
    """Per path: the stamp when it was read and the result (or the ProblemsFound) of reading it."""

    def __init__(self) -> None:
        self._entries: dict[tuple[Path, str], tuple[Stamp, object]] = {}
        self._used: set[tuple[Path, str]] = set()
        self.reads = 0  # how many times a reader ran: what the cache saved is visible in tests

    def get(self, path: Path, read: Callable[[], T], kind: str = "") -> T:
        """read()'s result for path, from the cache while the file's stamp is unchanged.

        `kind` tells apart two readings of one file (e.g. as a playbook and as YAML).
        """
        key, now = (path, kind), stamp(path)
        self._used.add(key)
        cached = self._entries.get(key)
        if cached is None or cached[0] != now or now is None:
            self.reads += 1
            try:
                result: object = read()
            except ProblemsFound as found:
                result = found
            self._entries[key] = (now, result)
            cached = self._entries[key]
        if isinstance(cached[1], ProblemsFound):
            raise ProblemsFound(cached[1].problems)
        return cached[1]  # type: ignore[return-value]

    def sweep(self) -> None:
        """Forget the files not asked for since the last sweep (a deleted playbook)."""
        self._entries = {k: v for k, v in self._entries.items() if k in self._used}
        self._used = set()
