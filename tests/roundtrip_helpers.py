"""Shared helpers for the translator's round-trip tests (issue 17).

Two kinds of throw-away project, both built from the repository's own
mkdocs.yml (so the locales are read from the configuration, never named):

* `fixture_project`: the round-trip fixture playbook (long wrapped paragraphs,
  quotes, backslashes, non-ASCII) with catalogs made by `crkb update` and filled
  with marked copies of the English. Good for catalog I/O, not for `crkb check`.
* `real_project`: the repository's playbooks and catalogs, which pass
  `crkb check`: a clean baseline in every script into which one problem is put.

Catalogs are read by four independent readers (Babel, polib, translate-toolkit,
GNU msgcat) so a test can require that all of them see the same entries.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import polib
from babel import Locale
from babel.messages.pofile import read_po
from click.testing import CliRunner, Result
from crkb.cli import main
from crkb.locales import locales_from, translated_locales

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "roundtrip"
CATALOG = "locales/{locale}/LC_MESSAGES/crkb.po"  # the layout CONTRIBUTING documents

Key = tuple[str, tuple[str, ...]]  # (msgctxt, (msgid,) or (msgid, msgid_plural))


# --- projects -------------------------------------------------------------------------------


def cli(root: Path, *args: str) -> Result:
    """Run `crkb --root <root> <args>` in-process, the way a user types it."""
    return CliRunner().invoke(main, ["--root", str(root), *args])


def fast_mkdocs_yml(text: str, extra_options: str = "") -> str:
    """The repository's mkdocs.yml with the crkb plugin told to skip the PDFs (and extra options)."""
    options = "      checklists: false\n" + extra_options
    if re.search(r"^  - crkb[ \t]*$", text, re.MULTILINE):
        entry = "  - crkb:\n" + options.rstrip("\n")
        return re.sub(r"^  - crkb[ \t]*$", lambda _: entry, text, flags=re.MULTILINE)
    match = re.search(r"^  - crkb:[ \t]*\n", text, re.MULTILINE)
    assert match, "mkdocs.yml has no `- crkb` plugin entry"
    body = re.sub(r"^      checklists:.*\n", "", text[match.end() :], count=1, flags=re.MULTILINE)
    return text[: match.end()] + options + body


def _copy_common(root: Path, extra_options: str = "") -> None:
    root.mkdir(parents=True, exist_ok=True)
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(fast_mkdocs_yml(text, extra_options), encoding="utf-8")
    tracked = subprocess.run(
        ["git", "ls-files", "docs", "overrides"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in tracked:  # hand-written pages, assets and theme overrides, never generated pages
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, root / name)
    (root / "docs").mkdir(exist_ok=True)
    for profile in (REPO / "locales").glob("*/locale.yml"):  # each locale's profile
        (root / "locales" / profile.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copy(profile, root / "locales" / profile.parent.name / "locale.yml")


def fixture_project(root: Path, extra_options: str = "") -> Path:
    """The round-trip fixture playbook, catalogs from `crkb update`, every string translated."""
    _copy_common(root, extra_options)
    (root / "playbooks").mkdir()
    for book in sorted(FIXTURES.glob("*.yml")):
        shutil.copy(book, root / "playbooks" / book.name)
    result = cli(root, "update")
    assert result.exit_code == 0, result.output
    for locale in locales(root):
        translate_all(catalog(root, locale), locale)
    return root


def real_project(root: Path, extra_options: str = "") -> Path:
    """The repository's own playbooks and catalogs (clean for `crkb check`) in a folder of its own."""
    _copy_common(root, extra_options)
    shutil.copytree(REPO / "playbooks", root / "playbooks")
    shutil.copytree(REPO / "locales", root / "locales", dirs_exist_ok=True)
    return root


def locales(root: Path) -> list[str]:
    return translated_locales(root / "mkdocs.yml")


def all_locales(root: Path) -> list[str]:
    return locales_from(root / "mkdocs.yml")


def catalog(root: Path, locale: str) -> Path:
    return root / CATALOG.format(locale=locale)


def shown(locale: str) -> str:
    """The catalog path as messages show it (relative to the project)."""
    return CATALOG.format(locale=locale)


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        [
            "git",
            "-c",
            "user.name=crkb tests",
            "-c",
            "user.email=tests@crkb.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def commit_all(root: Path, message: str) -> str:
    """Commit everything and return the commit's id."""
    if not (root / ".git").exists():
        git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")


# --- translations ---------------------------------------------------------------------------


def pseudo(locale: str, english: str) -> str:
    """A stand-in translation: the English kept whole (quotes, backslashes, placeholders) and marked."""
    return f"{Locale.parse(locale).get_display_name(locale)}: {english}"


def nplurals(po: polib.POFile) -> int:
    return int(re.search(r"nplurals\s*=\s*(\d+)", po.metadata["Plural-Forms"]).group(1))


def translate_all(path: Path, locale: str) -> None:
    """Fill every msgstr (every plural form) with a pseudo translation, as a translator's tool would."""
    po = polib.pofile(str(path), wrapwidth=79)
    forms = nplurals(po)
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {
                i: pseudo(locale, entry.msgid if i == 0 else entry.msgid_plural) for i in range(forms)
            }
        else:
            entry.msgstr = pseudo(locale, entry.msgid)
    po.save(str(path))


# --- reading PO files the way other tools do -------------------------------------------------


@dataclass(frozen=True)
class Seen:
    """One entry as one reader sees it."""

    msgstr: tuple[str, ...]
    fuzzy: bool
    previous: tuple[str, ...] | None  # None: this reader does not read `#| msgid`


def read_babel(path: Path) -> dict[Key, Seen]:
    with path.open("rb") as handle:
        cat = read_po(handle)
    seen = {}
    for m in cat:
        if not m.id:
            continue
        ids = tuple(m.id) if isinstance(m.id, (tuple, list)) else (m.id,)
        strings = tuple(m.string) if isinstance(m.string, (tuple, list)) else (m.string or "",)
        seen[(m.context or "", ids)] = Seen(strings, m.fuzzy, None)
    return seen


def _from_polib(po: polib.POFile) -> dict[Key, Seen]:
    seen = {}
    for e in po:
        if e.obsolete or not e.msgid:
            continue
        if e.msgid_plural:
            ids = (e.msgid, e.msgid_plural)
            strings = tuple(e.msgstr_plural[i] for i in sorted(e.msgstr_plural))
            previous = (e.previous_msgid, e.previous_msgid_plural) if e.previous_msgid else None
        else:
            ids, strings = (e.msgid,), (e.msgstr,)
            previous = (e.previous_msgid,) if e.previous_msgid is not None else None
        seen[(e.msgctxt or "", ids)] = Seen(strings, "fuzzy" in e.flags, previous or ())
    return seen


def read_polib(path: Path) -> dict[Key, Seen]:
    return _from_polib(polib.pofile(str(path)))


def read_toolkit(path: Path) -> dict[Key, Seen]:
    """translate-toolkit (what Weblate uses); `prev_source` is its view of `#| msgid`."""
    from translate.storage import po

    with path.open("rb") as handle:
        store = po.pofile(handle)
    seen = {}
    for unit in store.units:
        if unit.isheader() or unit.isobsolete():
            continue
        if unit.hasplural():
            ids = tuple(str(s) for s in unit.source.strings)
            strings = tuple(str(s) for s in unit.target.strings)
            prev = unit.prev_source
            previous = tuple(str(s) for s in prev.strings) if prev else ()
        else:
            ids, strings = (str(unit.source),), (str(unit.target or ""),)
            previous = (str(unit.prev_source),) if unit.prev_source else ()
        seen[(unit.getcontext() or "", ids)] = Seen(strings, unit.isfuzzy(), previous)
    return seen


def read_msgcat(path: Path) -> dict[Key, Seen]:
    """GNU msgcat's rewrite of the file, read back: the round trip through gettext's own writer."""
    done = subprocess.run(["msgcat", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, f"msgcat cannot read {path}:\n{done.stderr}"
    return _from_polib(polib.pofile(done.stdout))


def msgfmt_errors(path: Path) -> str:
    """What `msgfmt -c` says about the file ('' when it accepts it)."""
    done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    return "" if done.returncode == 0 else done.stderr or f"msgfmt exited {done.returncode}"


READERS = {"polib": read_polib, "translate-toolkit": read_toolkit, "msgcat": read_msgcat}


def assert_readers_agree(path: Path) -> dict[Key, Seen]:
    """msgfmt -c accepts the file and every reader sees Babel's entries; returns polib's view.

    Babel does not read `#| msgid`, so the previous English is compared between
    the other three readers (the caller compares it with the English it expects).
    """
    errors = msgfmt_errors(path)
    assert not errors, f"msgfmt -c rejects {path}:\n{errors}"
    babel = read_babel(path)
    views = {}
    for name, reader in READERS.items():
        try:
            views[name] = reader(path)
        except (OSError, ValueError) as err:
            raise AssertionError(f"{name} cannot read {path}: {err}") from err
    for name, view in views.items():
        assert view.keys() == babel.keys(), (name, sorted(view.keys() ^ babel.keys())[:5])
        for key, seen in view.items():
            assert (seen.msgstr, seen.fuzzy) == (babel[key].msgstr, babel[key].fuzzy), (name, key, seen)
    reference = views["polib"]
    for name, view in views.items():
        for key, seen in view.items():
            assert seen.previous == reference[key].previous, (name, key, seen.previous, reference[key])
    return reference


def locale_files(root: Path) -> dict[Path, bytes]:
    """Every file under locales/ with its bytes: to prove a command changed nothing."""
    return {p: p.read_bytes() for p in sorted((root / "locales").rglob("*")) if p.is_file()}


# --- positions in a PO file ------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """Where one entry sits in the file (1-based lines)."""

    first: int  # its first comment line
    msgctxt: int
    msgstr: dict[int, tuple[int, int]]  # plural index (0 for a singular) -> first and last line
    last: int


def entry_block(path: Path, msgctxt: str) -> Block:
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index(f'msgctxt "{msgctxt}"')
    first = at
    while first > 0 and lines[first - 1].startswith("#") and not lines[first - 1].startswith("#~"):
        first -= 1
    strings: dict[int, tuple[int, int]] = {}
    current, end = None, at
    for i in range(at + 1, len(lines)):
        line = lines[i]
        if not line.strip():
            break
        end = i
        found = re.match(r"msgstr(?:\[(\d+)\])? ", line)
        if found:
            current = int(found.group(1) or 0)
            strings[current] = (i + 1, i + 1)
        elif line.startswith('"') and current is not None:
            strings[current] = (strings[current][0], i + 1)
        elif not line.startswith('"'):
            current = None
    return Block(first + 1, at + 1, strings, end + 1)


def cited_lines(output: str, locale: str) -> list[int]:
    """Every line number cited for this locale's catalog, as `…/crkb.po:<line>`."""
    return [int(n) for n in re.findall(re.escape(shown(locale)) + r":(\d+)", output)]


def insert_line_at(path: Path, number: int, new: str) -> int:
    """Put a new line at this (1-based) line number, pushing the rest down; return the number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(number - 1, new)
    path.write_text("\n".join(lines), encoding="utf-8")
    return number


def insert_line_before(path: Path, needle: str, new: str) -> int:
    """Put a new line just above the line equal to needle; return the new line's number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return insert_line_at(path, lines.index(needle) + 1, new)


# --- picking real entries without naming them --------------------------------------------------


def entries(path: Path) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(path)) if not e.obsolete and e.msgid]


def first_entry(path: Path, predicate) -> polib.POEntry:
    found = next((e for e in entries(path) if predicate(e)), None)
    assert found is not None, f"no entry in {path} fits the scenario"
    return found


def set_msgstr(path: Path, msgctxt: str, text: str, form: int | None = None) -> None:
    po = polib.pofile(str(path), wrapwidth=79)
    for e in po:
        if e.msgctxt == msgctxt and not e.obsolete:
            if form is None:
                e.msgstr = text
            else:
                e.msgstr_plural[form] = text
    po.save(str(path))


def long_paragraphs(root: Path, min_length: int = 200) -> list[tuple[str, Path, str]]:
    """(msgctxt, playbook file, English) of long playbook paragraphs, each on a YAML line of its own.

    Longest first, and only those whose last word occurs once in them: a test that
    changes the last word can then tell the removed word from unchanged context.
    """
    found = []
    for e in entries(root / "locales" / "crkb.pot"):
        if e.msgctxt.startswith("ui.") or "\n" in e.msgid or len(e.msgid) < min_length:
            continue
        last = re.findall(r"\w+", e.msgid)[-1]
        if len(re.findall(rf"\b{last}\b", e.msgid)) != 1:
            continue
        for file, _ in e.occurrences:
            book = root / file
            if book.is_file() and e.msgid in (x.strip() for x in book.read_text("utf-8").splitlines()):
                found.append((e.msgctxt, book, e.msgid))
                break
    assert found, "no long playbook paragraph on a YAML line of its own"
    return sorted(found, key=lambda f: -len(f[2]))


def edit_last_word(book: Path, english: str, new_word: str) -> tuple[str, str]:
    """Change the last word of a paragraph in its YAML file; return (the removed word, the new English)."""
    prefix, word, tail = re.fullmatch(r"(.*\W)(\w+)(\W*)", english, re.DOTALL).groups()
    new = prefix + new_word + tail
    text = book.read_text(encoding="utf-8")
    assert text.count(english) == 1, english
    book.write_text(text.replace(english, new), encoding="utf-8")
    return word, new


# --- one problem in a clean catalog ------------------------------------------------------------

_BOLD = re.compile(r"\*\*(\w[^*\n]*?)\*\*")
_FIELD = re.compile(r"\{([a-z_]+)\}")


def break_bold(path: Path) -> tuple[str, str, str]:
    # exactly one bold span, so the unclosed one is unambiguous
    entry = first_entry(path, lambda e: not e.msgid_plural and e.msgstr.count("**") == 2 and _BOLD.search(e.msgstr))
    span = _BOLD.search(entry.msgstr)
    broken = entry.msgstr[: span.end() - 2] + entry.msgstr[span.end() :]  # drop the closing **
    set_msgstr(path, entry.msgctxt, broken)
    return entry.msgctxt, "markup", "**" + re.match(r"\w+", span.group(1)).group(0)


def translate_placeholder(path: Path) -> tuple[str, str, str]:
    entry = first_entry(path, lambda e: not e.msgid_plural and _FIELD.search(e.msgstr))
    name = _FIELD.search(entry.msgstr).group(1)
    set_msgstr(path, entry.msgctxt, entry.msgstr.replace(f"{{{name}}}", f"{{{name}ů}}"))
    return entry.msgctxt, "placeholder", f"{{{name}}}"


def raw_tag(path: Path) -> tuple[str, str, str]:
    entry = first_entry(path, lambda e: not e.msgid_plural and e.msgctxt.count(".") >= 2 and len(e.msgstr) > 80)
    set_msgstr(path, entry.msgctxt, entry.msgstr + " <b>!</b>")
    return entry.msgctxt, "unsafe", "<b>"


def empty_msgstr(path: Path) -> tuple[str, str, str]:
    entry = first_entry(path, lambda e: not e.msgid_plural and e.msgctxt.count(".") >= 2)
    set_msgstr(path, entry.msgctxt, "")
    return entry.msgctxt, "missing", ""


# Each puts one problem into a clean catalog: (msgctxt, check code, the span a report must name).
BREAKERS = {
    "broken bold": break_bold,
    "translated placeholder": translate_placeholder,
    "raw html tag": raw_tag,
    "missing": empty_msgstr,
}
