"""PO files in and out: the only module that reads or writes a catalog's bytes.

Reading is Babel's `read_po`, plus the previous English (`#| msgid`), which Babel
reads as a plain comment. Writing uses Babel's own escaping and wrapping
(`normalize`) for every string but lays out the entry itself, because Babel's
`write_po(include_previous=True)` wraps a long previous msgid inside one `#|`
comment line and so writes a file msgfmt rejects (seen with Babel 2.19). The
header names crkb instead of the Babel version, so the same checkout gives the
same bytes whatever Babel is installed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, denormalize, normalize, read_po
from babel.util import TextWrapper

from .fileio import InputError, read_input
from .problems import Problem, ProblemsFound, display_path

WIDTH = 79
MAX_BYTES = 50_000_000
MAX_PLURALS = 6  # CLDR's most plural forms (Arabic, Welsh)
_NPLURALS = re.compile(rb"nplurals\s*=\s*(\d{1,30})")
GENERATOR = "crkb"
_GENERATED_BY = re.compile(r"^Generated-By: .*\n", re.MULTILINE)
_WRAPPER = TextWrapper(width=WIDTH, break_long_words=False)  # as Babel wraps comments


def read_catalog(path: Path, locale: str, root: Path | None = None) -> Catalog:
    """Read a PO file with Babel, turning every failure into a Problem with file:line."""
    shown = display_path(path, root)
    try:
        data = read_input(path, root, MAX_BYTES)
        _refuse_many_plurals(data, shown)
        catalog = read_po(data.splitlines(keepends=True), locale=locale, abort_invalid=True)
    except InputError as err:
        raise ProblemsFound([Problem(shown, 0, 0, "unreadable", str(err))]) from None
    except PoFileError as err:
        line = getattr(err, "lineno", 0) or 0
        if "num_plurals" in str(err):  # the header is what to fix, not the entry
            line = next((n for n, text in enumerate(data.splitlines(), 1) if b'"Plural-Forms:' in text), line)
        raise ProblemsFound([Problem(shown, line, 0, "syntax", _reword(str(err)))]) from None
    except (UnicodeDecodeError, ValueError, LookupError) as err:
        raise ProblemsFound([Problem(shown, 0, 0, "unreadable", str(err))]) from None
    for message in (*catalog, *catalog.obsolete.values()):
        _restore_previous_id(message)
    return catalog


def _refuse_many_plurals(data: bytes, shown: str) -> None:
    """Babel makes every plural entry a list of nplurals strings before anything checks the
    header: `nplurals=99999999` would hold a build for minutes and take all memory."""
    for number, line in enumerate(data.splitlines(), 1):
        if b'"Plural-Forms:' in line and (found := _NPLURALS.search(line)) and int(found.group(1)) > MAX_PLURALS:
            message = (
                f"the header's Plural-Forms asks for {int(found.group(1))} forms; no language has more than "
                f"{MAX_PLURALS}: restore the header line (its value is in the locale's locale.yml)"
            )
            raise ProblemsFound([Problem(shown, number, 0, "syntax", message)])


def _reword(error: str) -> str:
    """Babel's parser messages, said the way a translator can act on them."""
    if "more translations than num_plurals" in error:
        return (
            "the header's Plural-Forms allows fewer forms than the entries have (msgstr[N]): "
            "restore the header line (its value is in the locale's locale.yml)"
        )
    return error.rsplit(" on ", 1)[0] if " on " in error else error


def _restore_previous_id(message: Message) -> None:
    """Babel reads `#| msgid` lines as user comments; give them back their meaning."""
    previous = [c[1:].strip() for c in message.user_comments if c.startswith("|")]
    if not previous:
        return
    message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    fields: dict[str, list[str]] = {}
    current = None
    for line in previous:
        keyword, _, rest = line.partition(" ")
        if keyword in {"msgid", "msgid_plural", "msgctxt"}:
            current = fields.setdefault(keyword, [])
            line = rest
        if current is not None:
            current.append(line.strip())
    ids = [denormalize("\n".join(fields[k])) for k in ("msgid", "msgid_plural") if k in fields]
    message.previous_id = ids


def catalog_bytes(catalog: Catalog, *, previous: bool = True, obsolete: bool = True) -> bytes:
    """The PO file for a catalog, as msgfmt, polib and translate-toolkit read it."""
    return "".join(_entries(catalog, previous, obsolete)).encode("utf-8")


def _entries(catalog: Catalog, previous: bool, obsolete: bool) -> Iterator[str]:
    for message in catalog:
        if not message.id:
            yield catalog.header_comment.rstrip("\n") + "\n"
            message = _header(message)
        yield from _comments(message)
        if previous and message.previous_id:
            yield from _field("#| msgid", message.previous_id[0])
            if len(message.previous_id) > 1:
                yield from _field("#| msgid_plural", message.previous_id[1])
        yield from _message(catalog, message, "")
        yield "\n"
    if obsolete:
        for message in catalog.obsolete.values():
            for comment in message.user_comments:
                yield from _wrapped("#", comment)
            yield from _message(catalog, message, "#~ ")
            yield "\n"


def _header(message: Message) -> Message:
    header = message.clone()
    header.string = _GENERATED_BY.sub(f"Generated-By: {GENERATOR}\n", message.string)
    return header


def _comments(message: Message) -> Iterator[str]:
    for comment in message.user_comments:
        yield from _wrapped("#", comment)
    for comment in message.auto_comments:
        yield from _wrapped("#.", comment)
    locations = sorted({f"{file}:{line}" if line else file for file, line in message.locations})
    if locations:
        yield from _wrapped("#:", " ".join(locations))
    flags = sorted(message.flags)
    if flags:
        yield f"#, {', '.join(flags)}\n"


def _message(catalog: Catalog, message: Message, prefix: str) -> Iterator[str]:
    if message.context:
        yield from _field(f"{prefix}msgctxt", message.context, prefix)
    if isinstance(message.id, (list, tuple)):
        yield from _field(f"{prefix}msgid", message.id[0], prefix)
        yield from _field(f"{prefix}msgid_plural", message.id[1], prefix)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string or "",)
        for n in range(catalog.num_plurals):
            yield from _field(f"{prefix}msgstr[{n}]", strings[n] if n < len(strings) else "", prefix)
    else:
        string = message.string if isinstance(message.string, str) else (message.string or ("",))[0]
        yield from _field(f"{prefix}msgid", message.id, prefix)
        yield from _field(f"{prefix}msgstr", string or "", prefix)


def _wrapped(prefix: str, comment: str) -> Iterator[str]:
    """A comment wrapped as xgettext and Babel wrap it (never inside a word)."""
    lines = _WRAPPER.wrap(comment) or [""]
    for line in lines:
        yield f"{prefix} {line.strip()}\n" if line.strip() else f"{prefix}\n"


def _field(keyword: str, value: str, prefix: str | None = None) -> Iterator[str]:
    """`keyword "value"`, wrapped the way xgettext does; continuation lines keep the prefix."""
    lead = "#| " if keyword.startswith("#|") else (prefix or "")
    lines = normalize(value, width=WIDTH - len(lead)).split("\n")
    yield f"{keyword} {lines[0]}\n"
    for line in lines[1:]:
        yield f"{lead}{line}\n"
