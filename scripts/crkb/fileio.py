"""Reading inputs safely and writing outputs whole.

Inputs come from pull requests: a file that is a symlink to somewhere outside
the project is refused (its content is never read, so never printed), and
sizes are bounded. Outputs go to a temporary file beside the target and are
renamed into place, so a crash or a bad input half-way never leaves a
half-written catalog, page or PDF; `Transaction` does the same for a group of
files that must change together (all catalogs of one `crkb update`).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class InputError(Exception):
    """An input file that cannot or must not be read; the message says which and why."""


def read_input(path: Path, root: Path | None, limit: int) -> bytes:
    """The bytes of an input file inside root, refusing symlinks out of it and huge files."""
    if root is not None and not path.resolve().is_relative_to(root.resolve()):
        raise InputError("is a link to a file outside the project; refused (replace it with the file)")
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(f"is {size:,} bytes; the limit is {limit:,}")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("does not exist") from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file") from None
    except OSError as err:
        raise InputError(err.strerror or str(err)) from None


def write_atomic(path: Path, data: bytes) -> bool:
    """Write data to path in one move. Return False (and touch nothing) if unchanged."""
    if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary_beside(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return True


def _temporary_beside(path: Path, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


class Transaction:
    """Stage several files, then move them all into place, or none if any cannot be staged.

    Every new file is first written next to its target (which proves the folder is
    writable); only when all are staged are they renamed, one `os.replace` each.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, bytes]] = []

    def write(self, path: Path, data: bytes) -> bool:
        """Stage data for path; return whether it differs from what is there now."""
        if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
            return False
        self._staged.append((path, data))
        return True

    def commit(self) -> None:
        temporary: list[tuple[Path, Path]] = []
        try:
            for path, data in self._staged:
                if path.is_dir():
                    raise IsADirectoryError(21, "a folder is in the way", str(path))
                path.parent.mkdir(parents=True, exist_ok=True)
                temporary.append((_temporary_beside(path, data), path))
        except BaseException:
            for tmp, _ in temporary:
                tmp.unlink(missing_ok=True)
            raise
        for tmp, path in temporary:
            os.replace(tmp, path)
        self._staged.clear()


def inside(folder: Path, relative: str) -> Path:
    """Resolve relative under folder, refusing anything that would escape it."""
    base = folder.resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base):
        raise ValueError(f"{relative!r} would be written outside {folder}")
    return target
