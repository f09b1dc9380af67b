"""What one process keeps between builds: each language's pages and the compiled theme templates.

static-i18n builds every language in turn and `mkdocs serve` rebuilds after every
save, each time in the same process; neither the pages of a language whose
content did not change nor the Jinja code of the theme's templates need making
again.
"""

from __future__ import annotations

import jinja2
import jinja2.bccache

from .render.pages import Options, locale_pages, playbook_page, status_page
from .site import LocaleSite, SiteData

BESIDE_MIN_PAGES = 100  # fewer are made before a child process would have started


class RenderedPages:
    """Each language's pages, made again only when its localized content or the English changed.

    The status page shows every language's share, so it is made again every time. When
    only a language's catalog changed, a playbook's page is made again only if what it
    shows changed: its localized text, the interface strings, the language's share (the
    banner), its dates (`_page_key`).
    """

    def __init__(self) -> None:
        self._by_locale: dict[str, tuple[LocaleSite, object, Options, dict]] = {}
        self._playbooks: dict[tuple[str, str], tuple[object, tuple, str]] = {}  # (locale, id) → inputs, key, page

    def locales(self) -> list[LocaleSite]:
        """The localized languages the pages were last made from."""
        return [made[0] for made in self._by_locale.values()]

    def pages(self, data: SiteData, options: Options) -> dict[str, str]:
        """src_uri → Markdown for every page of every language in data."""
        made_apart = self._made_beside(data, options)
        pages: dict[str, str] = {}
        for loc in data.locales:
            cached = self._by_locale.get(loc.code)
            if loc.code in made_apart:
                made = made_apart[loc.code]
            elif cached is not None and cached[0] is loc and cached[1] is data.inputs and cached[2] == options:
                made = dict(cached[3])
                made.update([status_page(data, loc, options)])
            else:
                made = locale_pages(data, loc, options, self._playbook_page(data))
            self._by_locale[loc.code] = (loc, data.inputs, options, made)
            pages.update((path.as_posix(), text) for path, text in made.items())
        return pages

    def _made_beside(self, data: SiteData, options: Options) -> dict[str, dict]:
        """Every other language's pages made in a child (beside.py) while this process makes the
        rest, when none was made before and there are enough pages to pay for a process."""
        from . import beside

        if self._by_locale or len(data.locales) * (len(data.inputs.books) + 4) < BESIDE_MIN_PAGES:
            return {}
        if not beside.worthwhile(len(data.inputs.units) * len(data.locales)):
            return {}
        mine, theirs = beside.in_halves(
            data.locales,
            lambda locs: {loc.code: locale_pages(data, loc, options, self._playbook_page(data)) for loc in locs},
            lambda locs: {loc.code: locale_pages(data, loc, options) for loc in locs},
        )
        return {**mine, **theirs}

    def _playbook_page(self, data: SiteData):
        def make(book: dict, loc: LocaleSite, options: Options, page: str) -> str:
            key = _page_key(book, loc, options)
            cached = self._playbooks.get((loc.code, book["id"]))
            if cached is not None and cached[0] is data.inputs and cached[1] == key:
                return cached[2]
            text = playbook_page(book, loc, options, page)
            self._playbooks[(loc.code, book["id"])] = (data.inputs, key, text)
            return text

        return make


def _page_key(book: dict, loc: LocaleSite, options: Options) -> tuple:
    """Everything a playbook's page shows besides the English (whose figures a Phrase does not
    compare): equal keys, with the same English, make the same page."""
    return (book, loc.profile, loc.interface, loc.status.total.share, loc.dates[book["id"]], loc.languages, options)


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates in memory; Jinja checks each against its source's checksum before use.

    MkDocs makes a new Jinja environment for every build (one per language under
    static-i18n), which would compile every theme template again.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()
