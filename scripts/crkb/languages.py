"""Adding a language in one step: register it, start its catalog, profile and glossary.

mkdocs.yml is edited as text, so its comments and layout survive: the new
entry is appended to the i18n plugin's `languages` list with the indentation
the list already uses, then the file is read back to prove the edit took. A
code the site cannot build (the theme has no interface in that language, or
mkdocs-static-i18n refuses its form) is refused before anything is written.
"""

from __future__ import annotations

import re
from pathlib import Path

from .fileio import write_atomic
from .locales import CLI_LANGUAGE, PROFILE_FILE, locales_from, parse_locale
from .project import Project
from .sync import update

GLOSSARY_STUB = """\
# Agreed terms for {code}: use them in every string of this language (CONTRIBUTING.md,
# "The glossary"). Each term: en (the English term, found in any form), en_forms (other
# English words for it), term (the agreed translation), forms (other wordings that count
# as using it), synonyms (words staff use for it: search finds the term's pages). Terms
# are matched by lemma. See locales/cs/glossary.yml for an example.
language: {code}
# yo: always          # Russian only: write ё everywhere it belongs (or: never)
# lemmas: {{}}          # word → lemma, where the lemmatizer gets a word of this language wrong
terms: []
# - en: customer
#   term: …
#   forms: […]
"""

PROFILE_STUB = """\
# The locale profile of {name} (CONTRIBUTING.md, "The locale profile"). CLDR gives the
# script, plural rule, names and number formats; set here what it does not.
status: in-progress   # becomes `complete` once every string is translated (crkb status says when)
# quotes: ["“", "”"]  # opening and closing quotation marks
# dash: " — "         # between an item's label and its title in headings
# hyphenate: false    # hyphenate the PDF checklists (if Typst has patterns for the language)
# bind_words: []      # one-letter words kept on the line of the next word
"""

CODEOWNERS = Path(".github") / "CODEOWNERS"


def buildable(code: str) -> None:
    """Raise ValueError if the site stack cannot build this locale code."""
    from material import templates
    from mkdocs_static_i18n.config import RE_LOCALE

    locale = parse_locale(code)  # ValueError for a code CLDR does not know
    if str(locale) != code:
        raise ValueError(f"write the locale as {str(locale)!r}, the form CLDR uses")
    if not RE_LOCALE.match(code):
        raise ValueError(f"mkdocs-static-i18n cannot build {code!r}: use a two-letter language code")
    languages = Path(templates.__file__).parent / "partials" / "languages"
    if not (languages / f"{code}.html").is_file():
        near = sorted(p.stem for p in languages.glob(f"{code[:2]}*.html"))
        hint = f" (it has {', '.join(near)}; try {near[0].split('-')[0]!r})" if near else ""
        raise ValueError(f"the theme (Material) has no interface in {code!r}{hint}")


def add_language(project: Project, code: str) -> list[Path]:
    """Register code and create its catalog, profile, glossary and CODEOWNERS entry."""
    buildable(code)
    if code in locales_from(project.mkdocs_yml):
        raise ValueError(f"{code!r} is already in {project.mkdocs_yml.name}")
    locale = parse_locale(code)
    name = locale.get_display_name(code) or code
    written = [project.mkdocs_yml]
    profile = project.locales / code / PROFILE_FILE
    if not profile.exists():
        write_atomic(profile, PROFILE_STUB.format(name=locale.get_display_name(CLI_LANGUAGE)).encode("utf-8"))
        written.append(profile)
    original = project.mkdocs_yml.read_text(encoding="utf-8")
    write_atomic(project.mkdocs_yml, _append_language(original, code, name[:1].upper() + name[1:]).encode("utf-8"))
    try:
        if code not in locales_from(project.mkdocs_yml):
            raise ValueError("could not find the i18n plugin's languages list in mkdocs.yml")
        written += [w.path for w in update(project, [code]) if w.changed and w.path != project.template]
    except BaseException:
        write_atomic(project.mkdocs_yml, original.encode("utf-8"))
        raise
    glossary = project.glossary(code)
    if not glossary.exists():
        write_atomic(glossary, GLOSSARY_STUB.format(code=code).encode("utf-8"))
        written.append(glossary)
    if _add_codeowner(project.root / CODEOWNERS, code):
        written.append(project.root / CODEOWNERS)
    return written


def _add_codeowner(path: Path, code: str) -> bool:
    """A commented CODEOWNERS line for the language's folder, for its reviewers to claim."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    line = f"# /locales/{code}/ @{code}-reviewers   # uncomment and name the reviewers of this language\n"
    if f"/locales/{code}/" in text:
        return False
    write_atomic(path, (text + ("" if not text or text.endswith("\n") else "\n") + line).encode("utf-8"))
    return True


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
