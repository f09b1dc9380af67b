"""Adding a language in one step: register it in mkdocs.yml and start its catalog.

mkdocs.yml is edited as text, so its comments and layout survive: the new
entry is appended to the i18n plugin's `languages` list with the indentation
the list already uses, then the file is read back to prove the edit took.
"""

from __future__ import annotations

import re

from .catalogs import update
from .fileio import write_atomic
from .locales import locales_from, parse_locale
from .project import Project

GLOSSARY_STUB = """\
# Agreed terms for {code}: use them in every string of this language.
# Each term: en (the English term), en_stem (finds it in the source),
# term (the agreed translation), stems (word beginnings that count as using it).
# See locales/cs/glossary.yml for a full example.
language: {code}
terms: []
"""


def add_language(project: Project, code: str) -> list[str]:
    """Register code and create its catalog and glossary; return what was written."""
    locale = parse_locale(code)  # ValueError for a code CLDR does not know
    if str(locale) != code:
        raise ValueError(f"write the locale as {str(locale)!r}, the form CLDR uses")
    if code in locales_from(project.mkdocs_yml):
        raise ValueError(f"{code!r} is already in {project.mkdocs_yml.name}")
    original = project.mkdocs_yml.read_text(encoding="utf-8")
    name = locale.get_display_name(code) or code
    edited = _append_language(original, code, name[:1].upper() + name[1:])
    write_atomic(project.mkdocs_yml, edited.encode("utf-8"))
    try:
        if code not in locales_from(project.mkdocs_yml):
            raise ValueError("could not find the i18n plugin's languages list in mkdocs.yml")
        written = [w.path for w in update(project, [code]) if w.changed]
    except BaseException:
        write_atomic(project.mkdocs_yml, original.encode("utf-8"))
        raise
    glossary = project.glossary(code)
    if not glossary.exists():
        write_atomic(glossary, GLOSSARY_STUB.format(code=code).encode("utf-8"))
        written.append(glossary)
    return [project.mkdocs_yml, *written]


def _append_language(text: str, code: str, name: str) -> str:
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"^\s*languages:\s*$", line)), None)
    if start is None:
        raise ValueError("mkdocs.yml has no i18n `languages:` list")
    base = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    item_indent = None
    while end < len(lines):
        line = lines[end]
        indent = len(line) - len(line.lstrip())
        if line.strip() and indent <= base:
            break
        if item_indent is None and line.lstrip().startswith("- "):
            item_indent = indent
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    pad = " " * (item_indent if item_indent is not None else base + 2)
    entry = f"{pad}- locale: {code}\n{pad}  name: {name}\n{pad}  build: true\n"
    return "".join([*lines[:end], entry, *lines[end:]])
