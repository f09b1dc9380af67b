"""A build's own results, kept for the next build from the same inputs (`.cache/crkb/build.json`).

A second `mkdocs build` with nothing changed would read every catalog, localize
every language, write every page, check every catalog and work out every PDF's
digest again, only to reach the same results: together as long as MkDocs' own
work. So a build records what it made — the navigation, the names per
language, the pages, the PDFs' paths and what the catalog check said — under a
key over every input file's bytes, crkb's own files, the installed libraries'
versions and the plugin's settings; a later build whose key matches uses the
record as it is (and lays out no PDF, if every one is still in place).

The key is an HMAC with a secret kept outside the project, in the user's cache
folder: a record that came with a pull request never matches, so what a build
shows always comes from the inputs it was given. The PDFs a record names are
used only while their bytes are those this machine laid out (render/checklist.py's
Digests, keyed with the same secret): a pull request can add files under the
ignored .cache/, and checking it out replaces the ones already there. Anything
unreadable is a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import stat
from dataclasses import asdict
from importlib.metadata import distributions
from pathlib import Path
from typing import Any

from .fileio import write_atomic
from .problems import Problem, ProblemsFound
from .project import Project
from .siteplan import SitePlan

RECORD = "build.json"
MAX_BYTES = 100_000_000  # a bigger input is refused by the build anyway: it is keyed by its size and time
PACKAGE = Path(__file__).resolve().parent


def refuse_linked_cache(folder: Path, root: Path) -> None:
    """The cache folder and each folder above it up to the project root must be real folders.

    A pull request may commit `.cache` as a link; the build would then write its
    PDFs and records wherever the link points."""
    for part in [folder, *folder.parents]:
        if part == root or root not in part.parents:
            return
        if part.is_symlink():
            where = part.relative_to(root).as_posix()
            message = f"{where} is a symbolic link; the build writes its cache only into a real folder"
            raise ProblemsFound([Problem(where, 0, 0, "symlink", message, fix=f"remove the link: git rm {where}")])


def build_key(project: Project, settings: dict[str, Any]) -> str | None:
    """The HMAC of everything a build's results depend on; None when no secret can be kept."""
    secret = _secret()
    if secret is None:
        return None
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode())
    for path in _inputs(project):
        digest.update(path.as_posix().encode() + b"\0" + _content(path))
    digest.update(_environment())
    return hmac.new(secret, digest.digest(), hashlib.sha256).hexdigest()


def load_plan(folder: Path, key: str) -> SitePlan | None:
    """The plan recorded under key, if its PDFs are all still there; None otherwise."""
    try:
        record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        if not hmac.compare_digest(str(record.get("key")), key):
            return None
        plan = SitePlan(**record["plan"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
    plan.problems = [tuple(p) for p in plan.problems]  # type: ignore[misc]
    from .render.checklist import Digests

    digests = Digests(folder)
    if not all(digests.intact(folder / name) for name in plan.pdfs):
        return None
    return plan


def save_plan(folder: Path, key: str, plan: SitePlan) -> None:
    """Record the plan for the next build; a folder that cannot be written just means no record."""
    with contextlib.suppress(OSError):
        write_atomic(folder / RECORD, json.dumps({"key": key, "plan": asdict(plan)}, ensure_ascii=False).encode())


def keyed(data: bytes) -> str | None:
    """data's HMAC under this machine's secret: a value no file from elsewhere can carry; None
    when no secret can be kept (then nothing is ever reused)."""
    secret = _secret()
    return None if secret is None else hmac.new(secret, data, hashlib.sha256).hexdigest()


def _inputs(project: Project) -> list[Path]:
    files = [project.mkdocs_yml]
    for folder in (project.playbooks, project.locales):
        files += [p for p in folder.rglob("*") if p.is_symlink() or ("__pycache__" not in p.parts and not p.is_dir())]
    return sorted(files)


def _content(path: Path) -> bytes:
    """A file's bytes; for a link, where it points (never read: it may lead outside the project)."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        return b"link:" + os.readlink(path).encode()
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
        return f"other:{info.st_mode}:{info.st_size}:{info.st_mtime_ns}".encode()
    return hashlib.sha256(path.read_bytes()).digest()


_ENVIRONMENT: bytes | None = None


def _environment() -> bytes:
    """crkb's own files (code, templates, fonts) and every installed library's version."""
    global _ENVIRONMENT
    if _ENVIRONMENT is None:
        digest = hashlib.sha256()
        for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
        versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in distributions())
        digest.update("\n".join(versions).encode())
        _ENVIRONMENT = digest.digest()
    return _ENVIRONMENT


def _secret() -> bytes | None:
    """32 random bytes in the user's cache folder, made on first use, readable by the user only."""
    from platformdirs import user_cache_path

    path = user_cache_path("crkb") / "build-record.key"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
        return path.read_bytes()
    except FileExistsError:
        return path.read_bytes()
    except OSError:
        return None
