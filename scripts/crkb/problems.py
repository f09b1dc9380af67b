"""Problems as values: every checker returns them, one printer shows them.

A problem names the file, line and column, a short code, a message and, where
it can, the one-line fix, so the same record can be printed as text, JSON or a
GitHub annotation.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from pathlib import Path

# Terminal control sequences and other invisible controls must never reach a
# terminal or an annotation from a catalog (a msgctxt is translator-written).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text with control characters shown as <U+XXXX>, safe to print anywhere."""
    return _CONTROLS.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    msgctxt: str = ""
    fix: str = ""

    def location(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}:{self.column}" if self.line and self.column else where

    def format(self) -> str:
        subject = f"{self.msgctxt}: " if self.msgctxt else ""
        return printable(f"{self.location()}: [{self.code}] {subject}{self.message}")

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return {k: printable(v) if isinstance(v, str) else v for k, v in data.items()}

    def as_warning(self) -> Problem:
        return replace(self, severity=Severity.WARNING)

    def as_error(self) -> Problem:
        return replace(self, severity=Severity.ERROR)


class ProblemsFound(Exception):
    """Raised by loaders that cannot return a value; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def display_path(path: Path, root: Path | None = None) -> str:
    """Paths relative to the project (or the working folder) read best in messages."""
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return path.absolute().relative_to(base.absolute()).as_posix()
        except ValueError:
            continue
    return path.as_posix()
