"""Localized site data → printable PDF checklists, and one trainer pack per locale.

The layout lives in checklist.typ; this module gathers the text (already in the
reader's language), the link and its QR code, and hands them to Typst as JSON
(layout.py, on every core), so no string is ever evaluated as Typst markup.
Fonts ship with the package and system fonts are ignored, and every date comes
from the playbooks, so the same input gives the same bytes on any machine. A
trainer pack is a cover laid out on its own, joined with the single checklists'
pages (pack.py).

A checklist holds the actions marked `checklist: true` (all actions, if a
playbook marks none); the full list stays on the site.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..buildcache import keyed
from ..fileio import inside, write_atomic
from ..localize import Phrase
from ..site import LocaleSite, SiteData
from . import layout
from .escape import NO_BINDING, Binding, bind_words, plain
from .fonts import FONTS, missing_glyphs
from .layout import TEMPLATE, RenderError, Workers

HERE = Path(__file__).resolve().parent
PACK = "trainer-pack"
PAPERS = {"a4": "a4", "letter": "us-letter"}
# Where each PDF goes under out_dir: a folder per locale for trainers; the site
# uses "{name}.{locale}.pdf", the suffix mkdocs-static-i18n gives each language.
LAYOUT = "{locale}/{name}.pdf"
SITE_LAYOUT = "{name}.{locale}.pdf"
_SPACES = re.compile(r"[ \t\r\n]+")  # not \s: a no-break space stays

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
    data: SiteData,
    out_dir: Path,
    locales: list[str] | None,
    playbook_ids: list[str] | None,
    paper: str = "a4",
    packs: bool | None = None,
    layout: str = LAYOUT,
) -> Plan:
    """Validate a request. Empty lists mean every locale / every playbook.

    Trainer packs always hold every playbook, so they are built only when every
    playbook is (by default, and must be when asked for). Raises ValueError naming
    what is unknown and what is known.
    """
    known_locales = [loc.code for loc in data.locales]
    known_ids = [b.id for b in data.inputs.books]
    locales = list(dict.fromkeys(locales or known_locales))
    playbook_ids = list(dict.fromkeys(playbook_ids or known_ids))
    if unknown := [loc for loc in locales if loc not in known_locales]:
        raise ValueError(f"unknown locale {', '.join(map(repr, unknown))} (known: {', '.join(known_locales)})")
    if unknown := [pid for pid in playbook_ids if pid not in known_ids]:
        raise ValueError(f"unknown playbook {', '.join(map(repr, unknown))} (known: {', '.join(known_ids)})")
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r} (known: {', '.join(PAPERS)})")
    every = set(playbook_ids) == set(known_ids)
    if packs and not every:
        raise ValueError("a trainer pack holds every playbook: select them all to build packs")
    if packs is None:
        packs = every
    return Plan(Path(out_dir).resolve(), locales, playbook_ids, paper, packs, layout)


JOIN_APART = 200  # checklists in a pack from which joining it gets a process of its own


def build_checklists(
    data: SiteData, plan: Plan, on_progress: Progress | None = None, jobs: int | None = None
) -> list[Path]:
    """Write every PDF of the plan; unchanged ones (same input digest) are not laid out again.

    The checklists are laid out on `jobs` processes (default: one per core); then
    each locale's trainer pack joins them behind its cover. Returns every PDF path
    in the plan's order; on_progress(path) follows each one as it is done.
    Raises RenderError naming the checklist that failed and OSError naming the folder.
    """
    prepare_folders(plan)
    digests = Digests(plan.out_dir)
    singles, packs = _work(data, plan)
    stale = [(path, doc) for path, doc in singles if not digests.unchanged(path, doc)]
    stale_packs = [pack for pack in packs if not digests.unchanged(pack.path, pack.digest_doc)]
    fresh = {path for path, _ in stale} | {pack.path for pack in stale_packs}
    for path in plan.outputs:
        if path not in fresh:
            _progress(on_progress, path)
    try:
        with Workers(jobs) as workers:
            covers = [pack.cover for pack in stale_packs]
            laid_out = workers.map(layout.render, [doc for _, doc in stale] + covers)
            for path, doc in stale:
                _write(path, next(laid_out))
                digests.record(path, doc)
                _progress(on_progress, path)
            joins = [(next(laid_out), pack.cover_title, pack.parts, pack.path) for pack in stale_packs]
        # The layout workers have stopped. A big pack's join (about 300 MB at 500 checklists)
        # goes to one worker of its own, one pack at a time, its memory given back when it
        # ends; small ones (a preview's edit) are joined here, sparing a process' start.
        big = any(len(pack.parts) >= JOIN_APART for pack in stale_packs)
        with Workers(jobs if big else 1) as joiner:
            for pack, _ in zip(stale_packs, joiner.map_apart(_join, joins), strict=True):
                digests.record(pack.path, pack.digest_doc)
                _progress(on_progress, pack.path)
    finally:
        digests.save()
    return plan.outputs


@dataclass(frozen=True)
class _Pack:
    """One locale's trainer pack: where it goes, its cover, and the single checklists it joins."""

    path: Path
    cover: dict
    cover_title: str
    parts: list[tuple[str, Path]]  # (bookmark title, single checklist PDF), in order
    digest_doc: dict  # changes when the cover or any checklist does


def _work(data: SiteData, plan: Plan) -> tuple[list[tuple[Path, dict]], list[_Pack]]:
    """Every single checklist (path, document) of the plan, and every trainer pack."""
    wanted = set(plan.playbook_ids)
    singles, packs = [], []
    for code in plan.locales:
        loc = data.locale(code)
        docs = [(book, document(loc, [book], data.site_url, plan.paper)) for book in loc.playbooks]
        singles += [(plan.path(code, book["id"]), doc) for book, doc in docs if book["id"] in wanted]
        if plan.packs:
            cover = document(loc, loc.playbooks, data.site_url, plan.paper, pack=True)
            parts = [(doc["title"], plan.path(code, book["id"])) for book, doc in docs]
            whole = {"cover": cover, "checklists": [digest(doc) for _, doc in docs], "join": _join_fingerprint()}
            packs.append(_Pack(plan.path(code, PACK), cover, cover["title"], parts, whole))
    return singles, packs


@functools.cache
def _join_fingerprint() -> str:
    """What a pack's bytes depend on besides its parts: the joining code and pikepdf (qpdf)."""
    from importlib.metadata import version

    return hashlib.sha256((HERE / "pack.py").read_bytes() + version("pikepdf").encode()).hexdigest()


def _join(job: tuple[bytes, str, list[tuple[str, Path]], Path]) -> None:
    """A worker's share of the packs: the cover and the single checklists read from disk, joined.

    Written by the worker itself, through a temporary file renamed into place: a
    pack is the largest PDF, and is never held whole in memory.
    """
    import os
    import tempfile

    from .pack import Part, join

    cover, title, parts, path = job
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            join(cover, title, (Part(part, pdf.read_bytes()) for part, pdf in parts), out)
        os.chmod(name, 0o644)
        os.replace(name, path)
    except OSError as err:
        raise OSError(f"cannot write {path}: {err.strerror or err}") from None
    finally:
        Path(name).unlink(missing_ok=True)


def _progress(on_progress: Progress | None, path: Path) -> None:
    if on_progress is not None:
        on_progress(path)


class Digests:
    """What each PDF was made from, so an unchanged checklist is not laid out again.

    Kept in out_dir/.digests.json (MkDocs skips dot-files): per PDF, the HMAC of its
    document's digest (the data, the template, the fonts and the Typst version) and
    the HMAC of the PDF's own bytes, both under this machine's secret (buildcache.py).
    A PDF and a .digests.json that came with a pull request, or a PDF replaced since,
    never pass for laid out here: they are laid out again.
    """

    def __init__(self, out_dir: Path) -> None:
        self.file = out_dir / ".digests.json"
        try:
            known = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}
        self.known: dict[str, list[str]] = known if isinstance(known, dict) else {}
        self.changed = False

    def _key(self, path: Path) -> str:
        return path.relative_to(self.file.parent).as_posix()

    def unchanged(self, path: Path, doc: dict) -> bool:
        made = [keyed(digest(doc).encode()), _bytes_key(path)]
        return None not in made and self.known.get(self._key(path)) == made

    def intact(self, path: Path) -> bool:
        """Whether path holds the bytes this machine wrote there (whatever they were made from)."""
        entry, now = self.known.get(self._key(path)), _bytes_key(path)
        return now is not None and isinstance(entry, list) and entry[1:] == [now]

    def record(self, path: Path, doc: dict) -> None:
        self.known[self._key(path)] = [keyed(digest(doc).encode()), _bytes_key(path)]
        self.changed = True

    def save(self) -> None:
        if self.changed:
            write_atomic(self.file, json.dumps(self.known, indent=1, sort_keys=True).encode())


def _bytes_key(path: Path) -> str | None:
    try:
        content = path.read_bytes()
    except OSError:
        return None
    return keyed(b"pdf\0" + hashlib.sha256(content).digest())


def digest(doc: dict) -> str:
    return hashlib.sha256(json.dumps(doc, sort_keys=True).encode() + _engine_fingerprint()).hexdigest()


@functools.cache
def _engine_fingerprint() -> bytes:
    from importlib.metadata import version

    parts = [TEMPLATE.read_bytes(), version("typst").encode(), " ".join(layout.STANDARDS).encode()]
    parts += [f.name.encode() + f.read_bytes() for f in sorted(FONTS.glob("*.ttf"))]
    return b"".join(parts)


# --- Text for one document -----------------------------------------------------------


class _Text:
    """Phrases → one line of plain text for print, short words bound (cs, sk)."""

    def __init__(self, loc: LocaleSite) -> None:
        self.bind = Binding.of(loc.profile)

    def __call__(self, phrase: Phrase, **values: str) -> str:
        return prepare(plain(phrase.text, {**phrase.values, **values}), self.bind)

    def unbound(self, phrase: Phrase) -> str:
        return prepare(plain(phrase.text, phrase.values), NO_BINDING)


def checklist_actions(book: dict[str, Any]) -> list[list[Phrase]]:
    """Per item, the actions printed on the checklist (all of them if none is marked)."""
    marked = any(a["checklist"] for item in book["items"] for a in item["actions"])
    return [[a["text"] for a in item["actions"] if a["checklist"] or not marked] for item in book["items"]]


def document(loc: LocaleSite, books: list[dict[str, Any]], site_url: str, paper: str, pack: bool = False) -> dict:
    """The data Typst lays out: one checklist per book, or (pack=True) a trainer pack's cover listing the books.

    A pack's checklists are not laid out again: their own PDFs are joined behind this cover.
    """
    t, ui = _Text(loc), loc.interface
    day = max(dt.date.fromisoformat(str(book["updated"])) for book in books)
    cover, lists = None, []
    if pack:
        language = loc.languages[loc.code]
        language = language[:1].upper() + language[1:]
        cover = {
            "title": t(ui("ui.pack.title")),
            "language": language,
            "intro": t(ui("ui.pack.intro")),
            "contents-label": t(ui("ui.pack.contents")),
            "contents": [t(book["title"]) for book in books],
            "url": site_url + _prefix(loc),
        }
        heading = ui("ui.pack.title")
        title = f"{plain(heading.text, heading.values)} — {language}"
    else:
        lists = [_checklist(n, book, loc, site_url, t) for n, book in enumerate(books)]
        title = plain(books[0]["title"].text)
    doc = {
        "lang": loc.code,
        "hyphenate": loc.profile.settings.hyphenate,
        "paper": PAPERS[paper],
        # The PDF's title is metadata, not print: no bound words there.
        "title": prepare(title, NO_BINDING),
        "date": [day.year, day.month, day.day],
        "dash": loc.profile.settings.dash,
        "label-separator": loc.profile.settings.label_separator,
        "cover": cover,
        "checklists": lists,
    }
    _refuse_missing_glyphs(doc, loc, books)
    return doc


def _checklist(index: int, book: dict[str, Any], loc: LocaleSite, base: str, t: _Text) -> dict:
    ui, dates = loc.interface, loc.dates[book["id"]]
    url = page_url(base, loc, book["id"])
    sections = [
        {
            "label": t(ui(f"ui.kind.{item['kind']}", number=str(item["number"]))),
            "title": t(item["title"]),
            "actions": [t(a) for a in actions],
        }
        for item, actions in zip(book["items"], checklist_actions(book))
        if actions
    ]
    return {
        "index": index,
        "id": book["id"],
        "title": t(book["title"]),
        "purpose-label": t(ui("ui.checklist.purpose")),
        "purpose": t(book["summary"]),
        "when-label": t(ui("ui.checklist.use-when")),
        "when": [t(w) for w in book["when"]],
        "kind": t(ui(f"ui.checklist.{book['checklist']}")),
        "continued": t(ui("ui.checklist.continued")),
        "sections": sections,
        "footer": {
            "name": t(ui("ui.checklist.name")),
            "date": t(ui("ui.checklist.date")),
            "team": t(ui("ui.checklist.team")),
            "revision": t(ui("ui.playbook.revision"), version=book["version"], date=dates["updated"]),
            "reviewed": t(
                ui("ui.playbook.reviewed"), date=dates["reviewed"], owner=plain(book["review"]["owner"].text)
            ),
            "online": t(ui("ui.checklist.online")),
            "page": t(ui("ui.checklist.page")),  # {page} and {pages} are filled per page
            "url": url,
            "qr": qr_svg(url),
            "qr-alt": t.unbound(ui("ui.checklist.qr")),  # read aloud, never set: no bound words
        },
    }


def _refuse_missing_glyphs(doc: dict, loc: LocaleSite, books: list[dict[str, Any]]) -> None:
    for text in _strings(doc):
        if missing := missing_glyphs(text):
            names = ", ".join(f"U+{ord(ch):04X} {ch!r}" for ch in missing)
            which = books[0]["id"] if len(books) == 1 else PACK
            raise RenderError(
                f"{which} ({loc.code}): the PDF fonts cannot draw {names} in «{text[:60]}»; "
                "use another character, or add a font that has it"
            )


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [] if value.startswith("<svg") else [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def prepare(text: str, bind: Binding) -> str:
    """One line of plain text for print: whitespace collapsed, short words and figures bound."""
    return bind_words(_SPACES.sub(" ", text).strip(), bind)


def _prefix(loc: LocaleSite) -> str:
    return "" if loc.profile.source else f"{loc.code}/"


def page_url(base: str, loc: LocaleSite, playbook_id: str) -> str:
    return f"{base}{_prefix(loc)}playbooks/{playbook_id}/"


@functools.lru_cache(maxsize=8192)  # a rebuild checks every PDF's digest, QR code included: made once per URL
def qr_svg(url: str) -> str:
    import io

    import segno

    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        out, kind="svg", scale=1, border=2, xmldecl=False, svgns=True, nl=False, dark="#000"
    )
    return out.getvalue().decode("ascii")


# --- Typst and files -------------------------------------------------------------


def _write(path: Path, data: bytes) -> None:
    try:
        write_atomic(path, data)
    except OSError as err:
        raise OSError(f"cannot write {path}: {err.strerror or err}") from None


def prepare_folders(plan: Plan) -> None:
    """Create the locale folders and make sure each takes a file, before any work."""
    import tempfile

    for folder in sorted({path.parent for path in plan.outputs}):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as err:
            raise OSError(f"cannot write PDFs to {folder}: {err.strerror or err}") from None


def page_counts(data: SiteData, paper: str = "a4", jobs: int | None = None) -> dict[tuple[str, str], int]:
    """How many pages each checklist takes in each locale, laid out (on every core) but written nowhere."""
    import io

    from pypdf import PdfReader

    keys = [(loc.code, book["id"]) for loc in data.locales for book in loc.playbooks]
    docs = [document(loc, [book], data.site_url, paper) for loc in data.locales for book in loc.playbooks]
    with Workers(jobs) as workers:
        return {key: len(PdfReader(io.BytesIO(pdf)).pages) for key, pdf in zip(keys, workers.map(layout.render, docs))}
