"""Localized site data → the Markdown pages MkDocs builds, one set per locale.

A pure function of `SiteData`: it reads no file and knows nothing of MkDocs
or gettext. Every value reaches a template as a Phrase and leaves it through
one of `Writer`'s methods, each of which escapes for its context
(render/escape.py): so no template can print a value unescaped, and a phrase
that stands in for a missing translation carries `lang` of the language it is in.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.numbers import format_percent
from jinja2 import Environment, PackageLoader, StrictUndefined

from ..diff import Change, word_changes
from ..locales import capitalised
from ..localize import Phrase, Shown
from ..site import LocaleSite, SiteData
from ..status import Outdated
from ..text import shorten
from ..units import Kind
from .escape import Binding, Foreign, Link, Markup, front_matter, md_paragraph, md_text, plain
from .reportlink import ReportLinks, page_address

PDF_FOLDER = "checklists"
OUTDATED_SHOWN = 20  # outdated strings listed per language on the status page; the rest are counted
_RUN = {Change.KEPT: "{}", Change.GAP: "{}", Change.REMOVED: "<del>{}</del>", Change.ADDED: "<ins>{}</ins>"}


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("crkb.render", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # the output is Markdown: every value goes through a Writer method
    )


ENV = _environment()


@dataclass(frozen=True)
class Options:
    """How the site is put together (from the plugin's settings in mkdocs.yml)."""

    pdfs: bool = True
    contribute_url: str = ""
    report_url: str = ""  # "Report a problem" links (render/reportlink.py); empty: none
    site_url: str = ""  # the published address, which the report links carry
    directory_urls: bool = True


class Writer:
    """Turns Phrases into Markdown for one page language; the templates' only way out."""

    def __init__(self, loc: LocaleSite, options: Options) -> None:
        self.loc = loc
        self.lang = loc.code
        self.bind = Binding.of(loc.profile)
        self.options = options

    def t(self, phrase: Phrase, **values) -> str:
        """Inline plain text (headings, list entries, labels); a Phrase value keeps its own id."""
        text = md_text(phrase.text, self._values(phrase, values), self.bind)
        return self._wrap_inline(phrase, text)

    def _values(self, phrase: Phrase, values: dict) -> dict:
        merged = {**phrase.values, **values}
        for name, value in merged.items():
            if isinstance(value, Phrase):
                merged[name] = Markup(self.t(value), plain(value.text, value.values))
        return merged

    def p(self, phrase: Phrase, **values) -> str:
        """A block: a Markdown paragraph, or a plain-text one."""
        merged = self._values(phrase, values)
        if phrase.kind is Kind.MARKDOWN:
            body = md_paragraph(phrase.text, merged, self.bind)
        else:
            body = md_text(phrase.text, merged, self.bind)
        return self._wrap_block(phrase, body)

    def plain(self, phrase: Phrase, **values: str) -> str:
        """The phrase's text with its fields filled, unescaped: only as a value of another phrase."""
        return plain(phrase.text, {**phrase.values, **values})

    def fm(self, phrase: Phrase, **values: str) -> str:
        """A front matter value."""
        return front_matter(plain(phrase.text, {**phrase.values, **values}))

    def _attributes(self, phrase: Phrase) -> str:
        attrs = f'data-crkb-id="{phrase.id}"'
        if phrase.lang != self.lang:
            attrs += f' lang="{phrase.lang}"'
        return attrs

    def _wrap_inline(self, phrase: Phrase, text: str) -> str:
        return f"<span {self._attributes(phrase)}>{text}</span>"

    def _wrap_block(self, phrase: Phrase, body: str) -> str:
        return f"<div {self._attributes(phrase)} markdown>\n\n{body}\n\n</div>"

    def link(self, phrase: Phrase, target: str) -> Link:
        """A phrase as the value of another phrase's field, shown as a link to target."""
        return Link(plain(phrase.text, phrase.values), target)

    def foreign(self, text: str, lang: str) -> Foreign:
        """A value in another language (an article's original title), marked with its language."""
        return Foreign(text, lang)

    def percent(self, share: float) -> str:
        return format_percent(share, locale=self.lang)

    def language(self, code: str) -> str:
        """A language's name in the reader's language, as it starts a heading ("Němčina")."""
        return md_text(capitalised(self.loc.languages.get(code, code)))

    def outdated(self, item: Outdated, lang: str) -> str:
        """An outdated string: its id, then its English (in `lang`) with the words that changed
        since it was translated struck through (removed) and underlined (added)."""
        if item.previous is None:
            words = md_text(shorten(item.current))
        else:
            runs = word_changes(item.previous, item.current)
            words = " ".join(_RUN[run.change].format(md_text(run.words)) for run in runs)
        return f'<code>{md_text(item.id)}</code> <span lang="{html.escape(lang)}">{words}</span>'

    def english_url(self, page: str) -> str:
        """The same page in the source language, relative to this page's address.

        With directory URLs `playbooks/x.md` is at `playbooks/x/` in the source
        language and at `<code>/playbooks/x/` in another (mkdocs-static-i18n's
        prefix), one folder deeper.
        """
        depth = page.count("/") + 1 + (0 if self.loc.profile.source else 1)
        return "../" * depth + page.rsplit(".", 1)[0] + "/"


def _phrases(value: Any) -> list[Phrase]:
    """Every Phrase inside a localized tree."""
    if isinstance(value, Phrase):
        return [value]
    if isinstance(value, dict):
        return [p for v in value.values() for p in _phrases(v)]
    if isinstance(value, list):
        return [p for v in value for p in _phrases(v)]
    return []


def banners(tree: Any) -> dict[str, bool]:
    shown = Counter(p.shown for p in _phrases(tree))
    return {"untranslated": bool(shown[Shown.FALLBACK]), "outdated": bool(shown[Shown.STALE])}


def item_counts(book: dict[str, Any], loc: LocaleSite) -> list[Phrase]:
    """'3 keys', '3 reasons · 5 tips': in the reader's plural forms."""
    kinds = Counter(item["kind"] for item in book["items"])
    return [loc.interface.count(f"ui.count.{kind}", n) for kind, n in kinds.items()]


def _render(template: str, loc: LocaleSite, options: Options, **context: Any) -> str:
    writer = Writer(loc, options)
    return ENV.get_template(template).render(w=writer, ui=loc.interface, loc=loc, options=options, **context)


def playbook_page(book: dict[str, Any], loc: LocaleSite, options: Options, page: str) -> str:
    actions = sum(len(item["actions"]) for item in book["items"])
    counts = [*item_counts(book, loc), loc.interface.count("ui.count.action", actions)]
    return _render(
        "playbook.md.j2",
        loc,
        options,
        book=book,
        counts=counts,
        dates=loc.dates[book["id"]],
        banner=banners(book),
        english=Writer(loc, options).english_url(page),
        source_language=loc.languages.get(book["source"]["language"], book["source"]["language"]),
        report=report_links(loc, options, page),
    )


def report_links(loc: LocaleSite, options: Options, page: str) -> ReportLinks | None:
    if not options.report_url:
        return None
    prefix = "" if loc.profile.source else f"{loc.code}/"
    address = page_address(options.site_url, prefix, page, options.directory_urls)
    return ReportLinks(options.report_url, address, loc.code)


def site_pages(data: SiteData, options: Options) -> dict[Path, str]:
    """(path relative to docs/, Markdown) for every generated page of every locale."""
    pages: dict[Path, str] = {}
    for loc in data.locales:
        pages.update(locale_pages(data, loc, options))
    return pages


def locale_pages(
    data: SiteData, loc: LocaleSite, options: Options, make_playbook_page: Callable[..., str] | None = None
) -> dict[Path, str]:
    """Every page of one language; `make_playbook_page` (default `playbook_page`) may reuse pages."""
    make_playbook_page = make_playbook_page or playbook_page
    suffix = f".{loc.code}.md"
    books = {book["id"]: book for book in loc.playbooks}
    pages = {Path("index" + suffix): _render("home.md.j2", loc, options, books=books)}
    for topic in loc.topics:
        members = [books[b.id] for b in data.inputs.books if b.topic == topic["id"]]
        # topics/<id>/index: Material's navigation.indexes makes it the section's own link
        pages[Path("topics") / topic["id"] / f"index{suffix}"] = _render(
            "topic.md.j2", loc, options, topic=topic, books=members
        )
    for book in loc.playbooks:
        page = f"playbooks/{book['id']}.md"
        pages[Path("playbooks") / f"{book['id']}{suffix}"] = make_playbook_page(book, loc, options, page)
    if options.pdfs:
        pages[Path("downloads" + suffix)] = _render("downloads.md.j2", loc, options, books=loc.playbooks)
    pages.update([status_page(data, loc, options)])
    pages[Path("about" + suffix)] = _render("about.md.j2", loc, options, books=loc.playbooks)
    return pages


def status_page(data: SiteData, loc: LocaleSite, options: Options) -> tuple[Path, str]:
    """The one page of a locale that shows the other locales too (each one's translated share)."""
    rows = status_rows(data, loc)
    text = _render(
        "status.md.j2",
        loc,
        options,
        rows=rows,
        data_locales=data.locales,
        source=data.source.code,
        shown=OUTDATED_SHOWN,
    )
    return Path(f"status.{loc.code}.md"), text


def status_rows(data: SiteData, loc: LocaleSite) -> list[tuple[Phrase, list[float]]]:
    """(row label, translated share per locale): one row per playbook, the topics, the interface, total."""
    rows = []
    titles = {book["id"]: book["title"] for book in loc.playbooks}
    groups = [*titles, "topic", "ui"]
    for group in groups:
        label = titles.get(group) or loc.interface("ui.status.topics" if group == "topic" else "ui.status.interface")
        rows.append((label, [s.groups[group].share if group in s.groups else 1.0 for s in data.statuses]))
    rows.append((loc.interface("ui.status.total"), [s.total.share for s in data.statuses]))
    return rows
