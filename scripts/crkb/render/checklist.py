"""Localized playbooks → printable PDF checklists, and one trainer pack per locale.

The layout lives in checklist.typ; this module gathers the text (already in the
reader's language), the link and its QR code, and hands them to one Typst
compiler as JSON. Fonts ship with the package and system fonts are ignored, and
every date comes from the playbooks, so the same input gives the same bytes on
any machine.

    build_checklists(site, Path("checklists"), ["cs"], [])   # cs/<id>.pdf + cs/trainer-pack.pdf
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..fileio import inside, write_atomic
from ..locales import SOURCE_LOCALE, site_config

if TYPE_CHECKING:
    from ..localize import Localizer
    from ..model import Playbook
    from ..site import Site

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "checklist.typ"
FONTS = HERE / "fonts"
PACK = "trainer-pack"
PAPERS = {"a4": "a4", "letter": "us-letter"}
# Where each PDF goes under out_dir: a folder per locale for trainers; the site
# uses "{name}.{locale}.pdf", the suffix mkdocs-static-i18n gives each language.
LAYOUT = "{locale}/{name}.pdf"
HYPHENATED = frozenset({"cs", "sk", "ru"})
# Czech and Slovak typography keeps a one-letter preposition or conjunction on
# the line of the word it belongs to ("v Praze", "a proto").
_ONE_LETTER = {"cs": "vszkouaiVSZKOUAI", "sk": "vszkouaiVSZKOUAI"}
_SPACES = re.compile(r"[ \t\r\n]+")  # not \s: a translator's no-break space stays

Progress = Callable[[Path], None]


@dataclass(frozen=True)
class Plan:
    """What one run will write, checked before anything is compiled."""

    out_dir: Path
    locales: list[str]
    playbook_ids: list[str]
    paper: str
    packs: bool
    layout: str = LAYOUT

    def path(self, locale: str, name: str) -> Path:
        return inside(self.out_dir, self.layout.format(locale=locale, name=name))

    @property
    def outputs(self) -> list[Path]:
        names = [*self.playbook_ids, *([PACK] if self.packs else [])]
        return [self.path(loc, name) for loc in self.locales for name in names]


def plan_checklists(
    site: Site,
    out_dir: Path,
    locales: list[str] | None,
    playbook_ids: list[str] | None,
    paper: str = "a4",
    packs: bool | None = None,
    layout: str = LAYOUT,
) -> Plan:
    """Validate a request. Empty lists mean every locale / every playbook.

    Trainer packs always hold every playbook, so by default they are built only
    when every playbook is; pass packs=True or False to decide otherwise.
    Raises ValueError naming what is unknown and what is known.
    """
    known_ids = [b.id for b in site.books]
    locales = _dedupe(locales or site.locales)
    playbook_ids = _dedupe(playbook_ids or known_ids)
    if unknown := [loc for loc in locales if loc not in site.locales]:
        raise ValueError(f"unknown locale {', '.join(map(repr, unknown))} (known: {', '.join(site.locales)})")
    if unknown := [pid for pid in playbook_ids if pid not in known_ids]:
        raise ValueError(f"unknown playbook {', '.join(map(repr, unknown))} (known: {', '.join(known_ids)})")
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r} (known: {', '.join(PAPERS)})")
    if packs is None:
        packs = set(playbook_ids) == set(known_ids)
    if packs and PACK in known_ids:
        raise ValueError(f"a playbook may not be called {PACK!r}: the trainer pack has that name")
    return Plan(Path(out_dir), locales, playbook_ids, paper, packs, layout)


def build_checklists(
    site: Site,
    out_dir: Path,
    locales: list[str],
    playbook_ids: list[str],
    paper: str = "a4",
    on_progress: Progress | None = None,
    *,
    packs: bool | None = None,
    layout: str = LAYOUT,
) -> list[Path]:
    """Write out_dir/<locale>/<playbook-id>.pdf (and <locale>/trainer-pack.pdf).

    Empty locales / playbook_ids mean all of them. Returns every PDF path, in
    the order written; on_progress(path) is called after each one. Raises
    ValueError for unknown input and OSError naming the folder it cannot write.
    """
    plan = plan_checklists(site, out_dir, locales, playbook_ids, paper, packs, layout)
    prepare_folders(plan)
    digests = Digests(plan.out_dir)
    compiler = None  # started only when something needs laying out
    base = _site_url(site)
    wanted = set(plan.playbook_ids)
    written: list[Path] = []
    for locale in plan.locales:
        loc = site.localizers[locale]
        books = site.localized(locale)
        docs = [(b.id, _document(locale, loc, [b], base, plan.paper, None)) for b in books if b.id in wanted]
        if plan.packs:
            docs.append((PACK, _document(locale, loc, books, base, plan.paper, _cover(loc, base))))
        for name, doc in docs:
            path = plan.path(locale, name)
            if not digests.unchanged(path, doc):
                compiler = compiler or _compiler()
                _emit(compiler, doc, path)
                digests.record(path, doc)
            if on_progress is not None:
                on_progress(path)
            written.append(path)
    digests.save()
    return written


class Digests:
    """What each PDF was made from, so an unchanged checklist is not laid out again.

    Kept in out_dir/.digests.json (MkDocs skips dot-files). The digest covers the
    document's data, the template, the fonts and the Typst version, so any change
    that could alter the bytes makes a new PDF.
    """

    def __init__(self, out_dir: Path) -> None:
        self.file = out_dir / ".digests.json"
        try:
            self.known: dict[str, str] = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.changed = False

    def _key(self, path: Path) -> str:
        return path.relative_to(self.file.parent).as_posix()

    def unchanged(self, path: Path, doc: dict) -> bool:
        return path.is_file() and self.known.get(self._key(path)) == _digest(doc)

    def record(self, path: Path, doc: dict) -> None:
        self.known[self._key(path)] = _digest(doc)
        self.changed = True

    def save(self) -> None:
        if self.changed:
            data = json.dumps(self.known, indent=1, sort_keys=True).encode()
            write_atomic(self.file, data)


def _digest(doc: dict) -> str:
    import hashlib

    return hashlib.sha256(json.dumps(doc, sort_keys=True).encode() + _engine_fingerprint()).hexdigest()


@functools.cache
def _engine_fingerprint() -> bytes:
    from importlib.metadata import version

    parts = [TEMPLATE.read_bytes(), version("typst").encode()]
    parts += [f.name.encode() + f.read_bytes() for f in sorted(FONTS.glob("*.ttf"))]
    return b"".join(parts)


# --- Text for one document -----------------------------------------------------------


def _document(
    locale: str,
    loc: Localizer,
    books: list[Playbook],
    base: str,
    paper: str,
    cover: dict | None,
) -> dict:
    def t(text: str) -> str:
        return prepare(text, locale)

    lists = [_checklist(n, book, locale, loc, base, t) for n, book in enumerate(books)]
    day = max(book.updated for book in books)
    # The PDF's title is metadata, not print: no bound words there.
    if cover is None:
        title = prepare(books[0].title, locale, bind=False)
    else:
        title = prepare(f"{cover['title']} — {cover['language']}", locale, bind=False)
        cover = {k: v if k == "url" else t(v) for k, v in cover.items()}
        cover["contents"] = [c["title"] for c in lists]
    return {
        "lang": locale,
        "hyphenate": locale in HYPHENATED,
        "paper": PAPERS[paper],
        "title": title,
        "date": [day.year, day.month, day.day],
        "cover": cover,
        "checklists": lists,
    }


def _checklist(
    index: int, book: Playbook, locale: str, loc: Localizer, base: str, t: Callable[[str], str]
) -> dict:
    url = page_url(base, locale, book.id)
    sections = [
        {
            "label": t(loc.ui(f"ui.kind.{item.kind}", number=loc.number(n))),
            "title": t(item.title),
            "actions": [t(a) for a in item.actions],
        }
        for n, item in enumerate(book.items, 1)
        if item.actions
    ]
    return {
        "index": index,
        "id": book.id,
        "title": t(book.title),
        "purpose-label": t(loc.ui("ui.checklist.purpose")),
        "purpose": t(book.summary),
        "when-label": t(loc.ui("ui.checklist.use-when")),
        "when": [t(w) for w in book.when],
        "kind": t(loc.ui(f"ui.checklist.{book.checklist}")),
        "continued": t(loc.ui("ui.checklist.continued")),
        "sections": sections,
        "footer": {
            "name": t(loc.ui("ui.checklist.name")),
            "date": t(loc.ui("ui.checklist.date")),
            "team": t(loc.ui("ui.checklist.team")),
            "revision": t(loc.ui("ui.playbook.revision", version=book.version, date=loc.date(book.updated))),
            "online": t(loc.ui("ui.checklist.online")),
            "page": t(loc.ui("ui.checklist.page")),  # {page} and {pages} are filled per page
            "url": url,
            "qr": qr_svg(url),
        },
    }


def _cover(loc: Localizer, base: str) -> dict:
    language = loc.language(loc.locale)
    return {
        "title": loc.ui("ui.pack.title"),
        "language": language[:1].upper() + language[1:],
        "intro": loc.ui("ui.pack.intro"),
        "contents-label": loc.ui("ui.pack.contents"),
        "url": base + ("" if loc.locale == SOURCE_LOCALE else f"{loc.locale}/"),
    }


def prepare(text: str, locale: str, bind: bool = True) -> str:
    """One line of plain text for print: whitespace collapsed, short words bound (cs, sk)."""
    text = _SPACES.sub(" ", text).strip()
    letters = _ONE_LETTER.get(locale) if bind else None
    if letters:
        text = re.sub(rf"(?<![\w\-])([{letters}]) (?=\S)", "\\1\u00a0", text)
    return text


def page_url(base: str, locale: str, playbook_id: str) -> str:
    prefix = "" if locale == SOURCE_LOCALE else f"{locale}/"
    return f"{base}{prefix}playbooks/{playbook_id}/"


def qr_svg(url: str) -> str:
    import io

    import segno

    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        out, kind="svg", scale=1, border=2, xmldecl=False, svgns=True, nl=False, dark="#000"
    )
    return out.getvalue().decode("ascii")


def _site_url(site: Site) -> str:
    url = str(site_config(site.project.mkdocs_yml).get("site_url") or "").strip()
    if not url:
        raise ValueError(f"{site.project.mkdocs_yml.name} has no site_url: the checklists link to the site")
    return url if url.endswith("/") else url + "/"


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --- Typst and files -------------------------------------------------------------


def _compiler():
    import typst

    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONTS)])
    return typst.Compiler(input=str(TEMPLATE), root=str(HERE), font_paths=fonts, ignore_system_fonts=True)


def render(compiler, doc: dict) -> bytes:
    """One document's PDF bytes. Any Typst warning is an error: it means lost text."""
    import typst

    day = dt.datetime(*doc["date"], tzinfo=dt.timezone.utc)
    try:
        pdf, warnings = compiler.compile_with_warnings(
            format="pdf",
            sys_inputs={"data": json.dumps(doc, ensure_ascii=False, sort_keys=True)},
            timestamp=int(day.timestamp()),
        )
    except typst.TypstError as err:
        raise RuntimeError(f"typst could not lay out {doc['title']!r}: {err.message}") from err
    if warnings:
        raise RuntimeError(f"typst warned on {doc['title']!r}: " + "; ".join(w.message for w in warnings))
    return pdf


def _emit(compiler, doc: dict, path: Path) -> None:
    data = render(compiler, doc)
    try:
        write_atomic(path, data)
    except OSError as err:
        raise OSError(f"cannot write {path}: {err.strerror or err}") from err


def prepare_folders(plan: Plan) -> None:
    """Create the locale folders and make sure each takes a file, before any work."""
    import tempfile

    for folder in sorted({path.parent for path in plan.outputs}):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as err:
            raise OSError(f"cannot write PDFs to {folder}: {err.strerror or err}") from err


def page_counts(site: Site, locale: str, paper: str = "a4") -> dict[str, int]:
    """How many pages each playbook's checklist takes, laid out but not written anywhere."""
    import io

    from pypdf import PdfReader

    compiler, base, loc = _compiler(), _site_url(site), site.localizers[locale]
    counts = {}
    for book in site.localized(locale):
        pdf = render(compiler, _document(locale, loc, [book], base, paper, cover=None))
        counts[book.id] = len(PdfReader(io.BytesIO(pdf)).pages)
    return counts
