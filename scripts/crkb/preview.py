"""A preview rebuild renders again only the pages an edit changed (`crkb serve`).

`crkb serve` runs `mkdocs serve --dirty`: MkDocs then renders a page only when
its file says it was modified, and static-i18n does the same for every other
language. Our pages live in memory, so the plugin tells MkDocs which ones
changed: a page whose Markdown differs from the one last built, and the pages
whose navigation shows a changed title (the page's own section and its
neighbours in the footer; every page of the language when a top-level title,
the navigation or the site's name changed). The pages not rendered again still
need their titles in the navigation of those that are, and their entries in
the search index: both are kept here from the build that rendered them.

Limits (a preview's, stated by MkDocs too): a page built before a change of
something it does not show as a title keeps its old HTML until it is rebuilt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from mkdocs.utils.meta import get_data


def page_key(src_uri: str) -> tuple[str, str]:
    """('playbooks/x.md', 'cs') for 'playbooks/x.cs.md': the page and its language."""
    path = PurePosixPath(src_uri)
    stem, _, locale = path.stem.rpartition(".")
    return (path.with_name(stem + path.suffix).as_posix(), locale) if stem else (src_uri, "")


def nav_order(nav: list) -> tuple[list[list[str]], list[str]]:
    """The navigation's sections (lists of page paths, top level first) and all pages in reading order."""
    top: list[str] = []
    sections: list[list[str]] = [top]
    order: list[str] = []
    for item in nav:
        if isinstance(item, dict):
            for children in item.values():
                pages = [c for c in children if isinstance(c, str)]
                sections.append(pages)
                order.extend(pages)
        else:
            top.append(item)
            order.append(item)
    return sections, order


@dataclass
class Preview:
    """What was built, and what the next build must render again."""

    built: dict[str, str] = field(default_factory=dict)  # src_uri → Markdown last planned
    titles: dict[str, str] = field(default_factory=dict)  # src_uri → its title (front matter)
    modified: set[str] = field(default_factory=set)  # to render in the build under way
    shell: object = None  # what every page shows: navigation, site names
    search: dict[str, dict[str, list[dict]]] = field(default_factory=dict)  # language → page URL → entries

    def plan(self, pages: dict[str, str], nav: list, shell: object) -> set[str]:
        """Add to `modified` every page this set of pages changes; return them."""
        changed = {uri for uri, text in pages.items() if self.built.get(uri) != text}
        retitled = set()
        for uri in changed:
            title = _title(pages[uri])
            if uri in self.titles and self.titles[uri] != title:
                retitled.add(uri)
            self.titles[uri] = title
        if shell != self.shell:
            changed = set(pages)
        changed |= _shown_with(retitled, pages, nav)
        self.shell = shell
        self.built = dict(pages)
        for uri in set(self.titles) - set(pages):
            del self.titles[uri]
        self.modified |= changed
        return changed

    def done(self) -> None:
        """Every language has rendered the modified pages."""
        self.modified = set()

    def keep_search(self, language: str, entries: list[dict]) -> list[dict]:
        """This language's index: the fresh entries of the pages rendered, the kept ones of the others."""
        kept = self.search.setdefault(language, {})
        fresh: dict[str, list[dict]] = {}
        for entry in entries:
            fresh.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
        kept.update(fresh)
        return [entry for page in kept.values() for entry in page]


def _title(markdown: str) -> str:
    return str(get_data(markdown)[1].get("title", ""))


def _shown_with(retitled: Iterable[str], pages: dict[str, str], nav: list) -> set[str]:
    """The pages whose navigation shows one of these titles: its section and its neighbours."""
    sections, order = nav_order(nav)
    by_key = {page_key(uri): uri for uri in pages}
    marked: set[str] = set()
    for uri in retitled:
        path, locale = page_key(uri)
        if path in sections[0] or path not in order:  # a top-level title is on every page
            marked |= {u for (_, loc), u in by_key.items() if loc == locale}
            continue
        section = next(s for s in sections[1:] if path in s)
        at = order.index(path)
        near = {*section, *order[max(at - 1, 0) : at + 2]}
        marked |= {by_key[(p, locale)] for p in near if (p, locale) in by_key}
    return marked


def shell(config) -> object:
    """What every page of a language shows besides its own content: navigation and names."""
    i18n = config.plugins.get("i18n")
    languages = getattr(getattr(i18n, "config", None), "languages", None) or []
    names = [(lang.locale, lang.site_name, dict(lang.nav_translations or {})) for lang in languages]
    return (repr(config.nav), config.site_name, names)


def search_plugin(config):
    return config.plugins.get("material/search") or config.plugins.get("search")


def keep_search_whole(config) -> None:
    """Material's own --dirty shortcut assumes one page per rebuild and one language; ours keeps
    every page's entries per language (Preview.keep_search), so Material's is turned off."""
    search = search_plugin(config)
    if search is not None and hasattr(search, "is_dirty"):
        search.is_dirty = False
        search.search_index_prev = None
