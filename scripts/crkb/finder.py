"""`crkb find`: from a sentence on a page to the entry and line that hold it."""

from __future__ import annotations

from dataclasses import dataclass

from .catalogs import read_catalog
from .inputs import load_inputs
from .locales import load_profiles
from .problems import display_path, printable
from .project import Project
from .text import one_line


@dataclass(frozen=True)
class Hit:
    path: str
    line: int
    id: str
    text: str

    def format(self) -> str:
        return printable(f"{self.path}:{self.line}: {self.id}: {self.text}")


def _matches(needle: str, text: str) -> bool:
    return needle in one_line(text).casefold()


def find_text(project: Project, text: str, locales: list[str] | None = None) -> list[Hit]:
    """Every English string and translation containing text, with the line to edit."""
    needle = one_line(text).casefold()
    inputs = load_inputs(project)
    profiles = load_profiles(project.mkdocs_yml, project.locales, project.root)
    hits: list[Hit] = []
    books = {b.id: b for b in inputs.books}
    if locales is None or profiles[0].code in locales:
        for unit in inputs.units:
            if _matches(needle, unit.text) or (unit.plural and _matches(needle, unit.plural)):
                book = books.get(unit.group)
                where = unit.reference or (display_path(book.path, project.root) if book else "ui", 0)
                hits.append(Hit(where[0], where[1], unit.id, one_line(unit.text)))
    for profile in profiles[1:]:
        path = project.catalog(profile.code)
        if (locales is not None and profile.code not in locales) or not path.is_file():
            continue
        catalog = read_catalog(path, profile.code, project.root)
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        for message in catalog:
            strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
            for string in strings:
                if string and _matches(needle, string):
                    line = _msgstr_line(lines, message.lineno or 0)
                    hits.append(Hit(display_path(path, project.root), line, message.context or "", one_line(string)))
                    break
    return hits


def _msgstr_line(lines: list[str], msgid_line: int) -> int:
    for number in range(msgid_line, min(len(lines), msgid_line + 200) + 1):
        if lines[number - 1].startswith("msgstr"):
            return number
    return msgid_line
