"""What a pull request changed, from git: the languages whose catalogs it touched."""

from __future__ import annotations

import subprocess

from .locales import translated_locales
from .project import Project


def changed_files(project: Project, since: str) -> list[str]:
    """Paths (relative to the repository) changed between REF and the working tree."""
    try:
        result = subprocess.run(
            ["git", "diff", "--name-only", since, "--", "."],
            cwd=project.root,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as err:
        raise ValueError(f"cannot run git: {err.strerror or err}") from None
    if result.returncode != 0:
        raise ValueError(f"git cannot compare with {since!r}: {result.stderr.strip().splitlines()[-1:]}")
    untracked = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"], cwd=project.root, capture_output=True, text=True
    ).stdout.split()
    return [*result.stdout.split(), *untracked]


def untouched_locales(project: Project, since: str) -> frozenset[str]:
    """Translated locales with no changed file under locales/<code>/ since REF."""
    prefix = project.root.resolve()
    top = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], cwd=project.root, capture_output=True, text=True
    ).stdout.strip()
    base = (prefix.relative_to(top).as_posix() + "/") if top and prefix != type(prefix)(top) else ""
    changed = [f.removeprefix(base) for f in changed_files(project, since)]
    touched = {f.split("/")[1] for f in changed if f.startswith("locales/") and f.count("/") >= 2}
    return frozenset(code for code in translated_locales(project.mkdocs_yml) if code not in touched)
