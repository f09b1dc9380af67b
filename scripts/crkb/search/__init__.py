"""Search as staff type: any form of a word, without accents, in the words their shop uses.

Material's search (lunr) matches the beginnings of the words on a page, and
static-i18n gives it one index for all languages. After the build we write one
index per language (indexes.py) in which every section also carries search keys:
the dictionary form of each word (simplemma, reduce.py), folded (text.py), plus
the agreed terms and synonyms of the glossary (glossary.py, keys.py). In the
browser, docs/assets/javascripts/search.js loads the page's own language's index
and reduces each word of the query to its key with the table written beside the
index, so `sleva`, `slevou` and `sleva` without its accent all find `slevu`; it
also widens the highlighting on the page found to the forms it uses.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..locales import i18n_languages, site_config
from ..problems import ProblemsFound
from ..project import Project
from .glossary import Concept, read_concepts
from .indexes import Language, write_indexes
from .keys import Keys
from .reduce import reducer_for

__all__ = ["SearchError", "look_up_words", "write_search"]


class SearchError(PluginError):
    """The glossary's search settings are wrong: the message names the file and line.
    A PluginError, so that MkDocs prints it without a traceback."""


def write_search(site_dir: Path, mkdocs_yml: Path, apart: bool = False) -> int:
    """Turn Material's merged index in site_dir into one index per language; return bytes written.
    With `apart`, half the languages are written in a child process (indexes.write_indexes)."""
    merged_file = site_dir / "search" / "search_index.json"
    if not merged_file.is_file():
        return 0
    merged = json.loads(merged_file.read_text(encoding="utf-8"))
    if not merged.get("docs"):
        return 0  # already ours (nothing new was built), or an empty site
    try:
        languages = site_languages(Project(mkdocs_yml.parent), mkdocs_yml)
    except ProblemsFound as found:
        raise SearchError("crkb search:\n" + "\n".join(p.format() for p in found.problems)) from None
    return write_indexes(site_dir, merged, languages, lunr_languages(), apart)


def look_up_words(pages: dict[str, str], mkdocs_yml: Path) -> None:
    """Reduce every word of these pages (src_uri → Markdown, `<name>.<locale>.md`) and of
    the glossaries now, as the search step will.

    The search step reduces the words of the rendered pages once MkDocs is done; on a
    machine that has not seen them, that opens simplemma's dictionaries (about 1.5 s
    for five languages). A build does this beside MkDocs (beside.py), and the answers
    are kept in the user's cache folder for the search step to find.
    """
    try:
        languages = site_languages(Project(mkdocs_yml.parent), mkdocs_yml)
    except ProblemsFound:
        return  # the search step reports it
    texts: dict[str, list[str]] = {}
    for src_uri, text in pages.items():
        texts.setdefault(src_uri.rsplit(".", 2)[-2], []).append(text)
    for lang in languages:
        reducer = reducer_for(lang.locale)
        keys = Keys(reducer, lang.concepts)
        for text in texts.get(lang.locale, []):
            keys.of(text)
        keys.table()
        reducer.save()


def site_languages(project: Project, mkdocs_yml: Path) -> list[Language]:
    """The languages of mkdocs.yml, where their pages live, and their glossary concepts."""
    declared = i18n_languages(site_config(mkdocs_yml))
    translated = [lang["locale"] for lang in declared if not lang.get("default")]
    languages = []
    for lang in declared:
        locale = lang["locale"]
        link = lang.get("link") or ("/" if lang.get("default") else f"/{locale}/")
        if lang.get("default"):
            concepts = _source_concepts(project, translated)
        else:
            path = project.glossary(locale)
            concepts = read_concepts(path, _shown(path, project))
        languages.append(Language(locale, link.strip("/") + "/" if link.strip("/") else "", tuple(concepts)))
    return languages


def _source_concepts(project: Project, translated: list[str]) -> list[Concept]:
    """The English side of the glossaries: the same terms in each, so each term once."""
    found: dict[str, Concept] = {}
    for locale in translated:
        path = project.glossary(locale)
        for concept in read_concepts(path, _shown(path, project), source=True):
            found.setdefault(concept.term, concept)
    return list(found.values())


def _shown(path: Path, project: Project) -> str:
    return path.relative_to(project.root).as_posix() if path.is_relative_to(project.root) else str(path)


def lunr_languages() -> set[str]:
    """The languages Material ships lunr support for (stop words): lunr.<code>.min.js."""
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"
    return {p.name.split(".")[1] for p in folder.glob("lunr.*.min.js")}
