"""Problems as values: every checker returns them, the CLI prints them once.

A problem names the file, line and column, a short code and a message, so the
same record can be printed as text, JSON or a GitHub annotation.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
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

    def location(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}:{self.column}" if self.line and self.column else where

    def format(self) -> str:
        subject = f"{self.msgctxt}: " if self.msgctxt else ""
        return f"{self.location()}: [{self.code}] {subject}{self.message}"

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


class ProblemsFound(Exception):
    """Raised by loaders that cannot return a value; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def display_path(path: Path, root: Path | None = None) -> str:
    """Paths relative to the project (or the working folder) read best in messages."""
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()
