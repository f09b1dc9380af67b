"""Writing outputs whole: to a temporary file beside the target, then renamed.

A crash or a bad input half-way never leaves a half-written catalog, page or PDF.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> bool:
    """Write data to path in one move. Return False (and touch nothing) if unchanged."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def inside(folder: Path, relative: str) -> Path:
    """Resolve relative under folder, refusing anything that would escape it."""
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder.resolve()):
        raise ValueError(f"{relative!r} would be written outside {folder}")
    return target
